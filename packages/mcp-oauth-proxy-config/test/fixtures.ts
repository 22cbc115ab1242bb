import type { ResolvedConfig } from "@talos-cluster/config-schema";
import { type McpInputOverrides, type McpOAuthProxyInput, mcpInputFromConfig } from "../src/index.js";

/** A resolved cluster.yaml with the reference's agentgateway keys set (defaults elsewhere). */
export function clusterConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    node_cidr: "192.168.1.0/24",
    node_dns_servers: ["1.1.1.1", "1.0.0.1"],
    node_ntp_servers: ["162.159.200.1", "162.159.200.123"],
    k8s_gateway_fallback_dns: ["1.1.1.1", "1.0.0.1"],
    node_default_gateway: "192.168.1.1",
    cluster_pod_cidr: "10.42.0.0/16",
    cluster_svc_cidr: "10.43.0.0/16",
    cluster_api_addr: "192.168.1.100",
    cluster_api_tls_sans: [],
    cluster_gateway_addr: "192.168.1.101",
    cluster_dns_gateway_addr: "192.168.1.102",
    cilium_loadbalancer_mode: "dsr",
    allow_scheduling_on_control_planes: true,
    repository_name: "example/home-ops",
    repository_branch: "main",
    repository_visibility: "public",
    cloudflare_domains: ["example.com", "example.org"],
    primary_domain: "example.com",
    cloudflare_token: "cf-token-not-used-here",
    cloudflare_gateway_addr: "192.168.1.103",
    cilium_bgp_enabled: false,
    spegel_enabled: false,
    proxmox_insecure: false,
    proxmox_region: "pve",
    proxmox_storage: "local-lvm",
    proxmox_csi_enabled: false,
    envoy_ai_gateway_enabled: false,
    azure_openai_us_east_api_key: "",
    azure_openai_us_east_resource_name: "",
    azure_openai_us_east2_api_key: "",
    azure_openai_us_east2_resource_name: "",
    keycloak_enabled: true,
    keycloak_admin_password: "admin-password-not-used",
    keycloak_db_password: "db-password-not-used",
    keycloak_replicas: 2,
    keycloak_cpu_request: "250m",
    keycloak_memory_request: "512Mi",
    keycloak_cpu_limit: "1000m",
    keycloak_memory_limit: "1Gi",
    keycloak_postgresql_enabled: true,
    keycloak_postgresql_replicas: 3,
    keycloak_postgresql_storage_size: "10Gi",
    keycloak_oidc_client_secret: "",
    keycloak_oidc_cookie_domain: "",
    keycloak_entra_id_enabled: false,
    keycloak_entra_id_tenant_id: "",
    keycloak_entra_id_client_id: "",
    keycloak_entra_id_client_secret: "",
    agentgateway_enabled: true,
    agentgateway_addr: "192.168.1.110",
    agentgateway_scopes: ["openid", "profile", "email", "offline_access"],
    keycloak_agentgateway_client_secret: "",
    nodes: [],
    ...overrides,
  };
}

/** The reference's configuration, fixed: one server at /mcp on mcp-auth.<primary_domain>, DCR through agentgateway. */
export const REFERENCE_OVERRIDES: McpInputOverrides = {
  servers: [
    {
      name: "example-tools",
      pathPrefix: "/mcp",
      upstream: { host: "example-tools.ai-system.svc.cluster.local", port: 8080, path: "/mcp", protocol: "StreamableHTTP" },
    },
  ],
  keycloak: {
    registration: {
      mode: "dcr",
      egressIdentity: "203.0.113.7",
      trustedHosts: ["203.0.113.7", "localhost", "127.0.0.1"],
    },
  },
};

export function referenceInput(): McpOAuthProxyInput {
  return mcpInputFromConfig(clusterConfig(), REFERENCE_OVERRIDES);
}

/** Several servers (the reference HEAD's flux/obot/kagent set, each with its own resource), pre-registered clients, CORS. */
export function multiServerInput(): McpOAuthProxyInput {
  return mcpInputFromConfig(clusterConfig(), {
    publicHost: "mcp.example.com",
    servers: [
      {
        name: "flux",
        pathPrefix: "/mcp/flux",
        upstream: { host: "flux-mcp-flux-operator-mcp.flux-system.svc.cluster.local", port: 9090, path: "/mcp", protocol: "StreamableHTTP" },
      },
      {
        name: "kagent",
        pathPrefix: "/mcp/kagent",
        upstream: { host: "kagent-tools.kagent.svc.cluster.local", port: 8084, path: "/mcp", protocol: "StreamableHTTP" },
        timeout: "30m",
      },
      {
        name: "context7",
        pathPrefix: "/mcp/context7",
        upstream: { host: "mcp.context7.com", port: 443, path: "/mcp", protocol: "SSE" },
        upstreamCredential: { token: "ctx7-upstream-token-123" },
      },
      {
        name: "status",
        pathPrefix: "/mcp/status",
        upstream: { host: "status-mcp.default.svc.cluster.local", port: 3000, protocol: "StreamableHTTP" },
        public: { reason: "read-only cluster status page, no user data" },
      },
    ],
    cors: { origins: ["https://inspector.example.com", "http://localhost:6274"], allowLoopbackOrigins: true, maxAgeSeconds: 3600 },
    rateLimit: { requests: 20, unit: "Seconds", burst: 40 },
    keycloak: {
      registration: {
        mode: "preregistered",
        clients: [
          {
            clientId: "vscode-mcp",
            name: "VS Code",
            redirectUris: ["http://127.0.0.1:33418/", "https://vscode.dev/redirect"],
          },
          {
            clientId: "mcp-inspector",
            redirectUris: ["http://localhost:6274/oauth/callback"],
            postLogoutRedirectUris: ["http://localhost:6274/", "https://inspector.example.com/"],
            webOrigins: ["http://localhost:6274", "https://inspector.example.com"],
          },
        ],
      },
    },
  });
}
