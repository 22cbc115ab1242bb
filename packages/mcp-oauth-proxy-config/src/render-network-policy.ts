/**
 * NetworkPolicies for the agentgateway data plane of the MCP Gateway: ingress only on the listener port,
 * egress only to DNS, the controller (xDS), Keycloak, the MCP upstreams and HTTPS (the issuer's public URL,
 * which agentgateway calls for authorization-server metadata and client registration).
 */
import type { McpOAuthProxyInput } from "./input.js";

type Doc = Record<string, unknown>;

/** Gateway API label on the resources an implementation generates for a Gateway. */
export const GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";

const IN_CLUSTER = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?\.([a-z0-9]([a-z0-9-]*[a-z0-9])?)\.svc(\.cluster\.local)?$/;

function nsSelector(namespace: string): Doc {
  return { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } };
}

export function renderNetworkPolicies(input: McpOAuthProxyInput): Doc[] {
  const podSelector = { matchLabels: { [GATEWAY_NAME_LABEL]: input.gateway.name } };
  const byNamespace = new Map<string, Set<number>>();
  const external = new Set<number>([443]);
  const add = (ns: string, port: number) => {
    const ports = byNamespace.get(ns) ?? new Set<number>();
    ports.add(port);
    byNamespace.set(ns, ports);
  };
  add(input.issuer.jwks.service.namespace, input.issuer.jwks.service.port);
  for (const server of input.servers) {
    const m = IN_CLUSTER.exec(server.upstream.host);
    if (m) add(m[2] as string, server.upstream.port);
    else external.add(server.upstream.port);
  }
  const tcp = (ports: Iterable<number>) => [...ports].sort((a, b) => a - b).map((port) => ({ protocol: "TCP", port }));
  const egress: Doc[] = [
    { to: [nsSelector("kube-system")], ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] },
    { to: [{ podSelector: {} }], ports: tcp([9977, 9978]) },
    ...[...byNamespace.keys()].sort().map((ns) => ({ to: [nsSelector(ns)], ports: tcp(byNamespace.get(ns) ?? []) })),
    { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: tcp(external) },
  ];
  return [
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `${input.gateway.name}-ingress` },
      spec: {
        podSelector,
        policyTypes: ["Ingress"],
        ingress: [{ ports: [{ protocol: "TCP", port: input.gateway.port }] }],
      },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: `${input.gateway.name}-egress` },
      spec: { podSelector, policyTypes: ["Egress"], egress },
    },
  ];
}
