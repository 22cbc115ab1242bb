import type { FluxApp } from "@talos-cluster/flux-apps";
import { formatDuration } from "./duration.js";
import type { AiGatewaySettings } from "./types.js";

export interface ResolvedGateway {
  name: string;
  namespace: string;
  className: string;
  address: string;
  hostname: string;
  certificateSecrets: string[];
  bufferLimit: string;
  retry: { numRetries: number; perTryTimeout: string | undefined };
}

export function resolveGateway(g: AiGatewaySettings): ResolvedGateway {
  return {
    name: g.name ?? "envoy-ai",
    namespace: g.namespace ?? "network",
    className: g.className ?? "envoy",
    address: g.address,
    hostname: g.hostname,
    certificateSecrets: g.certificateSecrets,
    bufferLimit: g.bufferLimit ?? "50Mi",
    retry: { numRetries: g.retry?.numRetries ?? 2, perTryTimeout: g.retry?.perTryTimeout },
  };
}

/**
 * The app with the `envoy-ai` Gateway, its http→https redirect, and its client and backend
 * traffic policies. The backend policy's request timeout is the longest route timeout (route
 * timeouts take precedence anyway), and retries carry no per-try timeout unless asked for.
 */
export function gatewayApp(
  gw: ResolvedGateway,
  longestTimeoutMs: number,
  envoyGateway: { name: string; namespace: string },
): FluxApp {
  const targetRefs = [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: gw.name }];
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: gw.namespace, ...extra });
  return {
    namespace: gw.namespace,
    name: gw.name,
    kustomization: { dependsOn: [{ name: envoyGateway.name, namespace: envoyGateway.namespace }] },
    files: [
      {
        path: "gateway.yaml",
        documents: [
          {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "Gateway",
            metadata: meta(gw.name, { annotations: { "external-dns.alpha.kubernetes.io/target": gw.hostname } }),
            spec: {
              gatewayClassName: gw.className,
              infrastructure: {
                annotations: {
                  "external-dns.alpha.kubernetes.io/hostname": gw.hostname,
                  "lbipam.cilium.io/ips": gw.address,
                },
              },
              listeners: [
                { name: "http", protocol: "HTTP", port: 80, allowedRoutes: { namespaces: { from: "Same" } } },
                {
                  name: "https",
                  protocol: "HTTPS",
                  port: 443,
                  allowedRoutes: { namespaces: { from: "All" } },
                  tls: { certificateRefs: gw.certificateSecrets.map((name) => ({ kind: "Secret", name })) },
                },
              ],
            },
          },
          {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "HTTPRoute",
            metadata: meta(`${gw.name}-https-redirect`, {
              annotations: { "external-dns.alpha.kubernetes.io/controller": "none" },
            }),
            spec: {
              parentRefs: [{ name: gw.name, namespace: gw.namespace, sectionName: "http" }],
              rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
            },
          },
        ],
      },
      {
        path: "trafficpolicies.yaml",
        documents: [
          {
            apiVersion: "gateway.envoyproxy.io/v1alpha1",
            kind: "ClientTrafficPolicy",
            metadata: meta(gw.name),
            spec: {
              targetRefs,
              clientIPDetection: { xForwardedFor: { numTrustedHops: 1 } },
              connection: { bufferLimit: gw.bufferLimit },
              http2: {
                initialStreamWindowSize: "1Mi",
                initialConnectionWindowSize: "16Mi",
                onInvalidMessage: "TerminateStream",
              },
              tcpKeepalive: {},
              timeout: { http: { requestReceivedTimeout: "0s" } },
              tls: { minVersion: "1.2", alpnProtocols: ["h2", "http/1.1"] },
            },
          },
          {
            apiVersion: "gateway.envoyproxy.io/v1alpha1",
            kind: "BackendTrafficPolicy",
            metadata: meta(gw.name),
            spec: {
              targetRefs,
              compression: [{ type: "Gzip" }],
              connection: { bufferLimit: gw.bufferLimit },
              tcpKeepalive: {},
              timeout: { http: { requestTimeout: formatDuration(longestTimeoutMs) } },
              retry: {
                numRetries: gw.retry.numRetries,
                perRetry: {
                  backOff: { baseInterval: "1s", maxInterval: "10s" },
                  ...(gw.retry.perTryTimeout ? { timeout: gw.retry.perTryTimeout } : {}),
                },
                retryOn: { httpStatusCodes: [502, 503, 504], triggers: ["connect-failure", "retriable-status-codes"] },
              },
              healthCheck: {
                passive: { baseEjectionTime: "30s", consecutive5XxErrors: 5, consecutiveGatewayErrors: 3 },
              },
            },
          },
        ],
      },
    ],
  };
}
