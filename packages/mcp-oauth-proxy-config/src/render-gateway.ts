/** GatewayClass, data-plane parameters, Gateway, listener certificate and gateway-wide access logging. */
import type { McpOAuthProxyInput } from "./input.js";
import type { ReleaseInfo } from "./releases.js";

type Doc = Record<string, unknown>;

export function renderGateway(input: McpOAuthProxyInput, release: ReleaseInfo): Doc[] {
  const gw = input.gateway;
  const cert = gw.certificate;
  const docs: Doc[] = [
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "GatewayClass",
      metadata: { name: gw.className },
      spec: {
        controllerName: release.controllerName,
        description: `MCP servers behind OAuth, agentgateway ${release.chartVersion}`,
      },
    },
    {
      apiVersion: "agentgateway.dev/v1alpha1",
      kind: "AgentgatewayParameters",
      metadata: { name: gw.name },
      spec: { logging: { level: "info" } },
    },
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "Gateway",
      metadata: { name: gw.name },
      spec: {
        gatewayClassName: gw.className,
        infrastructure: {
          annotations: gw.address ? { "lbipam.cilium.io/ips": gw.address } : undefined,
          parametersRef: { group: "agentgateway.dev", kind: "AgentgatewayParameters", name: gw.name },
        },
        listeners: [
          {
            name: gw.listenerName,
            protocol: "HTTPS",
            port: gw.port,
            hostname: input.publicHost,
            tls: {
              mode: "Terminate",
              // agentgateway supports exactly one certificateRef.
              certificateRefs: [{ kind: "Secret", name: cert.secretName, namespace: cert.secretNamespace }],
            },
            allowedRoutes: { namespaces: { from: "Same" } },
          },
        ],
      },
    },
  ];
  if (cert.issuer) {
    docs.push({
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: { name: cert.secretName },
      spec: {
        secretName: cert.secretName,
        issuerRef: { group: "cert-manager.io", kind: cert.issuer.kind, name: cert.issuer.name },
        dnsNames: [input.publicHost],
      },
    });
  }
  return docs;
}

/** One access-log line per request, with the authenticated subject. */
export function renderAccessLog(input: McpOAuthProxyInput): Doc {
  return {
    apiVersion: "agentgateway.dev/v1alpha1",
    kind: "AgentgatewayPolicy",
    metadata: { name: `${input.gateway.name}-access-log` },
    spec: {
      targetRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: input.gateway.name }],
      frontend: { accessLog: { attributes: { add: [{ name: "jwt.sub", expression: "jwt.sub" }] } } },
    },
  };
}
