/** Defaults for the MCP OAuth layer from the resolved cluster configuration (the reference's cluster.yaml keys). */
import type { ResolvedConfig, ResolvedMcpClientRegistration, ResolvedMcpServer } from "@talos-cluster/config-schema";
import type { ClientRegistration, CloudflaredRule, McpOAuthProxyInput, McpServerInput } from "./input.js";

export const DEFAULT_NAMESPACE = "agentgateway-system";
export const DEFAULT_REALM = "k8s-cluster";
export const DEFAULT_AUDIENCE_SCOPE = "mcp:tools";

type Overrides = Partial<Omit<McpOAuthProxyInput, "gateway" | "issuer" | "keycloak" | "cors">> & {
  gateway?: Partial<McpOAuthProxyInput["gateway"]>;
  issuer?: Partial<McpOAuthProxyInput["issuer"]>;
  keycloak?: Partial<McpOAuthProxyInput["keycloak"]>;
  cors?: Partial<McpOAuthProxyInput["cors"]>;
};

export type McpInputOverrides = Overrides;

/** The tunnel rules the reference renders for `cloudflare_domains`: one wildcard per domain, then the catch-all. */
export function referenceTunnelRules(config: Pick<ResolvedConfig, "cloudflare_domains" | "primary_domain">): CloudflaredRule[] {
  return [
    ...config.cloudflare_domains.map((domain) => ({
      hostname: `*.${domain}`,
      service: "https://envoy-external.network.svc.cluster.local:443",
      originRequest: { http2Origin: true, originServerName: `external.${config.primary_domain}` },
    })),
    { service: "http_status:404" },
  ];
}

/** `agentgateway_mcp_servers` entries as `McpServerInput`s (keys the user did not write stay absent). */
function serversFromConfig(servers: readonly ResolvedMcpServer[]): McpServerInput[] {
  return servers.map((server) => ({
    name: server.name,
    pathPrefix: server.path_prefix,
    upstream: {
      host: server.upstream.host,
      port: server.upstream.port,
      ...(server.upstream.path !== undefined ? { path: server.upstream.path } : {}),
      protocol: server.upstream.protocol,
    },
    ...(server.timeout !== undefined ? { timeout: server.timeout } : {}),
    ...(server.public !== undefined ? { public: { reason: server.public.reason } } : {}),
  }));
}

/** `agentgateway_client_registration` as a `ClientRegistration`. */
function registrationFromConfig(registration: ResolvedMcpClientRegistration): ClientRegistration {
  if (registration.mode === "dcr") {
    return {
      mode: "dcr",
      ...(registration.egress_identity !== undefined ? { egressIdentity: registration.egress_identity } : {}),
      trustedHosts: [...registration.trusted_hosts],
    };
  }
  return {
    mode: "preregistered",
    clients: registration.clients.map((client) => ({
      clientId: client.client_id,
      ...(client.name !== undefined ? { name: client.name } : {}),
      redirectUris: [...client.redirect_uris],
    })),
  };
}

/**
 * Builds the input from `agentgateway_*` (including `agentgateway_mcp_servers`, `agentgateway_cors_origins` and
 * `agentgateway_client_registration`), `keycloak_*`, `cloudflare_domains` and `primary_domain`, then applies
 * `overrides` (shallowly per section; copied, never aliased). An override replaces the cluster.yaml value:
 * `servers` replaces `agentgateway_mcp_servers`, `cors.origins` replaces `agentgateway_cors_origins`,
 * `keycloak.registration` replaces `agentgateway_client_registration`.
 */
export function mcpInputFromConfig(config: ResolvedConfig, overridesIn: McpInputOverrides = {}): McpOAuthProxyInput {
  // The result must not alias the caller's objects.
  const overrides = structuredClone(overridesIn);
  const domain = config.primary_domain;
  const realm = overrides.keycloak?.realm ?? DEFAULT_REALM;
  const audienceScope = overrides.audienceScope ?? DEFAULT_AUDIENCE_SCOPE;
  const publicHost = overrides.publicHost ?? `mcp-auth.${domain}`;
  const scopes = overrides.scopes ?? [...new Set([...config.agentgateway_scopes, audienceScope])];
  const base: McpOAuthProxyInput = {
    publicHost,
    namespace: overrides.namespace ?? DEFAULT_NAMESPACE,
    gateway: {
      name: "agentgateway-mcp",
      className: "agentgateway-mcp",
      listenerName: "https",
      port: 443,
      address: config.agentgateway_addr,
      certificate: { secretName: "mcp-auth-tls", issuer: { kind: "ClusterIssuer", name: "letsencrypt-production" } },
      ...overrides.gateway,
    },
    issuer: {
      url: `https://auth.${domain}/realms/${realm}`,
      provider: "Keycloak",
      jwks: {
        service: { name: "keycloak-http", namespace: "keycloak", port: 8080 },
        path: `realms/${realm}/protocol/openid-connect/certs`,
      },
      ...overrides.issuer,
    },
    scopes,
    audienceScope,
    servers: overrides.servers ?? serversFromConfig(config.agentgateway_mcp_servers ?? []),
    cors: { origins: [...(config.agentgateway_cors_origins ?? [])], ...overrides.cors },
    rateLimit: overrides.rateLimit === undefined ? { requests: 100, unit: "Minutes" } : overrides.rateLimit,
    keycloak: {
      realm,
      registration:
        overrides.keycloak?.registration ??
        (config.agentgateway_client_registration
          ? registrationFromConfig(config.agentgateway_client_registration)
          : { mode: "preregistered", clients: [] }),
    },
    cloudflare: Object.hasOwn(overrides, "cloudflare")
      ? overrides.cloudflare
      : { hostnames: [publicHost], existingRules: referenceTunnelRules(config) },
    chartVersion: overrides.chartVersion,
  };
  return base;
}
