/**
 * The typed input of `buildMcpOAuthProxy`. `mcpInputFromConfig` fills it from a resolved cluster
 * configuration; a library user may build one by hand.
 */

/** A duration as agentgateway and Gateway API spell it: `^([0-9]{1,5}(h|m|s|ms)){1,4}$`, e.g. "8h", "1m30s". */
export type Duration = string;

export type McpTransport = "StreamableHTTP" | "SSE";

export interface McpServerInput {
  /** DNS-1123 label, unique; names the backend, route and policy (`mcp-<name>`). */
  name: string;
  /** Path the server is served at on the public host, e.g. "/mcp/flux". Its resource URL is `https://<publicHost><pathPrefix>`. */
  pathPrefix: string;
  upstream: {
    /** In-cluster Service FQDN (`<svc>.<ns>.svc.cluster.local`) or an external host. */
    host: string;
    port: number;
    /** Path of the MCP endpoint on the upstream, e.g. "/mcp". */
    path?: string;
    protocol: McpTransport;
  };
  /** Request timeout (≥ 100ms). Default "8h": MCP streams are long-lived. */
  timeout?: Duration;
  /** Authentication mode; only "Strict" is accepted (the field exists so that a wrong value is reported, not ignored). */
  authMode?: "Strict" | "Optional" | "Permissive";
  /** Serve this server without authentication. Requires a non-empty reason; discouraged. */
  public?: { reason: string };
  /** Token audiences accepted. Default: exactly the server's resource URL. Must include it. */
  audiences?: string[];
  /** Extra RFC 9728 metadata keys (camelCase, flat). `resource`, if given, must equal the server's URL. */
  resourceMetadata?: Record<string, unknown>;
  /** Forward the client's own token upstream. Always rejected (MCP forbids token passthrough). */
  passthroughToken?: boolean;
  /** A credential agentgateway sends upstream as `Authorization`; emitted as a Secret in `secret.sops.yaml`. */
  upstreamCredential?: { token: string };
}

export interface CorsInput {
  /** Exact origins allowed to call the MCP servers from a browser, e.g. "https://inspector.example.com". */
  origins: string[];
  /** Permit `http://localhost:<port>`, `http://127.0.0.1:<port>` and `http://[::1]:<port>` origins. Default false. */
  allowLoopbackOrigins?: boolean;
  /** Default false: MCP uses bearer tokens, not cookies. */
  allowCredentials?: boolean;
  /** Preflight cache lifetime in seconds (integer ≥ 1). Default 600. */
  maxAgeSeconds?: number;
  /** Replaces the default request-header list; must still contain the MCP headers. */
  allowHeaders?: string[];
  /** Replaces the default exposed-header list; must still contain the MCP headers. */
  exposeHeaders?: string[];
}

export interface RateLimitInput {
  requests: number;
  unit: "Seconds" | "Minutes" | "Hours";
  burst?: number;
}

export interface DcrRegistration {
  mode: "dcr";
  /**
   * Host or IP address Keycloak sees agentgateway's registration requests come from (agentgateway proxies
   * DCR to `<issuer>/clients-registrations/openid-connect`). Must be in `trustedHosts`.
   */
  egressIdentity?: string;
  /** Keycloak anonymous "Trusted Hosts" policy: hosts allowed to register clients (and, by default, used in client URIs). */
  trustedHosts: string[];
  /** Keycloak `client-uris-must-match`. Default true. */
  clientUrisMustMatch?: boolean;
  /** Keycloak "Max Clients Limit". Default 200. */
  maxClients?: number;
  /** Keycloak "Consent Required" policy. Default true (per-client consent, MCP confused-deputy guidance). */
  consentRequired?: boolean;
}

export interface PreregisteredClient {
  clientId: string;
  name?: string;
  /** Exact redirect URIs: https, or http on a loopback host with a numeric port. No wildcards. */
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /** Exact origins; default ["+"] (Keycloak: the origins of the redirect URIs). */
  webOrigins?: string[];
}

export interface PreregisteredRegistration {
  mode: "preregistered";
  clients: PreregisteredClient[];
}

export type ClientRegistration = DcrRegistration | PreregisteredRegistration;

/** A cloudflared ingress rule, as in cloudflared's `config.yaml`. */
export interface CloudflaredRule {
  hostname?: string;
  path?: string;
  service: string;
  originRequest?: Record<string, unknown>;
}

export interface CertificateInput {
  /** Secret holding the listener certificate (agentgateway supports exactly one certificateRef). */
  secretName: string;
  /** Namespace of an existing Secret (a ReferenceGrant there is then the user's job). Omit to use the gateway namespace. */
  secretNamespace?: string;
  /** Issue the certificate with cert-manager. Omit to use an existing Secret. */
  issuer?: { kind: "ClusterIssuer" | "Issuer"; name: string };
}

export interface McpOAuthProxyInput {
  /** Public host the MCP servers are served on (lowercase FQDN), e.g. "mcp-auth.example.com". */
  publicHost: string;
  /** Namespace of agentgateway and its configuration. */
  namespace: string;
  gateway: {
    /** Gateway (and data-plane Service) name. Must differ from the controller Deployment "agentgateway". */
    name: string;
    /** GatewayClass created by this package, with the release's controllerName. */
    className: string;
    listenerName: string;
    port: number;
    /** LoadBalancer IP (`agentgateway_addr`); Cilium LB-IPAM annotation. */
    address?: string;
    certificate: CertificateInput;
  };
  issuer: {
    /** Keycloak realm URL, e.g. "https://auth.example.com/realms/k8s-cluster" (https, no trailing slash). */
    url: string;
    provider: "Keycloak";
    jwks: {
      /** In-cluster Keycloak HTTP Service that serves the realm's keys. */
      service: { name: string; namespace: string; port: number };
      /** Path relative to the Service root, without a leading "/". */
      path: string;
      /** ≥ 5m; default "5m". */
      cacheDuration?: Duration;
    };
  };
  /** `scopes_supported` advertised in the resource metadata. Must contain `audienceScope`. */
  scopes: string[];
  /** Keycloak client scope that carries one audience mapper per server, e.g. "mcp:tools". */
  audienceScope: string;
  servers: McpServerInput[];
  cors: CorsInput;
  /** Local rate limit per route; `null` disables it. */
  rateLimit: RateLimitInput | null;
  keycloak: {
    realm: string;
    registration: ClientRegistration;
  };
  /** Cloudflare tunnel; omit when the gateway is reached otherwise. */
  cloudflare?: {
    /** Hostnames routed through the tunnel to the gateway; must include `publicHost`. */
    hostnames: string[];
    /** cloudflared origin for those hostnames. Default: the gateway Service on its listener port. */
    originService?: string;
    /** The rules the tunnel already has (in order, catch-all last), to check ordering against. */
    existingRules?: CloudflaredRule[];
  };
  /** Override the release's chart version (exact tags only). */
  chartVersion?: string;
}
