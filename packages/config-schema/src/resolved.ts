/**
 * The resolved configuration: what `parseClusterConfig` returns after validation, with every
 * default applied and every derived value computed. Keys are the reference's `cluster.yaml`
 * keys (snake_case) so that users recognise them and `talos-cluster validate --json` prints them.
 *
 * Optional keys without a default are omitted (undefined) when the user did not set them.
 * Generators (talos-patches, flux-apps, ai-gateway-routes, mcp-oauth-proxy-config) take this type.
 */
export interface ResolvedNode {
  /** DNS-1123 label, unique; not "global", "controller" or "worker". */
  name: string;
  /** IPv4 address inside `node_cidr`, unique. */
  address: string;
  controller: boolean;
  /** Install disk: a device path when it starts with "/", otherwise a disk serial. */
  disk: string;
  /** Lowercase MAC address, unique. */
  mac_addr: string;
  /** 64 lowercase hex characters: the Talos Image Factory schematic. */
  schematic_id: string;
  /** 1450–9000; default 1500. */
  mtu: number;
  /** default false */
  secureboot: boolean;
  /** default false */
  encrypt_disk: boolean;
  /** Kubernetes node labels; omitted when not set. */
  nodeLabels?: Record<string, string>;
}

export interface ResolvedConfig {
  // Core network
  node_cidr: string;
  node_dns_servers: string[];
  node_ntp_servers: string[];
  /** Derived: public addresses of `node_dns_servers`, then 1.1.1.1 (unless set explicitly). */
  k8s_gateway_fallback_dns: string[];
  /** Derived: first host of `node_cidr` (unless set explicitly). */
  node_default_gateway: string;
  /** VLAN id 1–4094; omitted when the nodes use untagged traffic. */
  node_vlan_tag?: number;
  cluster_pod_cidr: string;
  cluster_svc_cidr: string;
  cluster_api_addr: string;
  cluster_api_tls_sans: string[];
  cluster_gateway_addr: string;
  cluster_dns_gateway_addr: string;
  cilium_loadbalancer_mode: "dsr" | "snat";
  allow_scheduling_on_control_planes: boolean;

  // GitHub / Flux
  repository_name: string;
  repository_branch: string;
  repository_visibility: "public" | "private";

  // Cloudflare
  /** At least one FQDN; legacy `cloudflare_domain` is folded in here. */
  cloudflare_domains: string[];
  /** Derived: `cloudflare_domains[0]`. */
  primary_domain: string;
  cloudflare_token: string;
  cloudflare_gateway_addr: string;

  // Cilium BGP (all three or none)
  cilium_bgp_router_addr?: string;
  cilium_bgp_router_asn?: number;
  cilium_bgp_node_asn?: number;
  /** Derived: all three BGP keys set. */
  cilium_bgp_enabled: boolean;

  // Spegel
  /** Derived: more than one node (unless set explicitly). */
  spegel_enabled: boolean;

  // Proxmox CSI
  proxmox_api_url?: string;
  proxmox_insecure: boolean;
  proxmox_region: string;
  proxmox_storage: string;
  proxmox_csi_token_id?: string;
  proxmox_csi_token_secret?: string;
  proxmox_ccm_token_id?: string;
  proxmox_ccm_token_secret?: string;
  /** Derived: both CSI token keys set. */
  proxmox_csi_enabled: boolean;

  // Envoy AI Gateway + Azure OpenAI
  envoy_ai_gateway_enabled: boolean;
  envoy_ai_gateway_addr?: string;
  azure_openai_us_east_api_key: string;
  azure_openai_us_east_resource_name: string;
  azure_openai_us_east2_api_key: string;
  azure_openai_us_east2_resource_name: string;
  azure_tenant_id?: string;
  azure_client_id?: string;
  azure_client_secret?: string;

  // Keycloak (+ Entra ID federation, CNPG database)
  keycloak_enabled: boolean;
  keycloak_admin_password: string;
  keycloak_db_password: string;
  keycloak_replicas: number;
  keycloak_cpu_request: string;
  keycloak_memory_request: string;
  keycloak_cpu_limit: string;
  keycloak_memory_limit: string;
  keycloak_postgresql_enabled: boolean;
  keycloak_postgresql_replicas: number;
  keycloak_postgresql_storage_size: string;
  keycloak_oidc_client_secret: string;
  keycloak_oidc_cookie_domain: string;
  keycloak_entra_id_enabled: boolean;
  keycloak_entra_id_tenant_id: string;
  keycloak_entra_id_client_id: string;
  keycloak_entra_id_client_secret: string;

  // agentgateway (MCP OAuth proxy)
  agentgateway_enabled: boolean;
  agentgateway_addr?: string;
  agentgateway_scopes: string[];
  /** Falls back to `keycloak_oidc_client_secret` when unset (the reference's intent; its fallback never fired). */
  keycloak_agentgateway_client_secret: string;
  /** MCP servers agentgateway serves; omitted when not set. Names are unique, path prefixes do not overlap. */
  agentgateway_mcp_servers?: ResolvedMcpServer[];
  /** Exact browser origins allowed to call the MCP servers; omitted when not set. */
  agentgateway_cors_origins?: string[];
  /** How MCP clients register with Keycloak; omitted when not set. */
  agentgateway_client_registration?: ResolvedMcpClientRegistration;

  nodes: ResolvedNode[];
}

/** One entry of `agentgateway_mcp_servers` (mcp-oauth-proxy-config's `McpServerInput`, in snake_case). */
export interface ResolvedMcpServer {
  /** DNS-1123 label, unique. */
  name: string;
  /** "/"-separated path, e.g. "/mcp/flux"; no trailing "/". */
  path_prefix: string;
  upstream: {
    /** Bare host name or IPv4 address. */
    host: string;
    /** 1–65535. */
    port: number;
    /** Starts with "/"; omitted when not set. */
    path?: string;
    /** default "StreamableHTTP" */
    protocol: "StreamableHTTP" | "SSE";
  };
  /** Duration such as "8h" or "1m30s"; omitted when not set. */
  timeout?: string;
  /** Served without authentication, for this reason; omitted when not set. */
  public?: { reason: string };
}

export interface ResolvedMcpPreregisteredClient {
  client_id: string;
  name?: string;
  redirect_uris: string[];
}

export type ResolvedMcpClientRegistration =
  | { mode: "preregistered"; clients: ResolvedMcpPreregisteredClient[] }
  | { mode: "dcr"; trusted_hosts: string[]; egress_identity?: string };
