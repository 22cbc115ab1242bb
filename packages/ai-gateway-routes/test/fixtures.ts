import type { ResolvedConfig } from "@talos-cluster/config-schema";
import type { AiGatewayInput } from "../src/index.js";

/** Fake credentials: distinctive so that leak tests can search for them. */
export const EAST_KEY = "east-key-0123456789abcdef0123456789abcdef";
export const EAST2_KEY = "east2-key-fedcba9876543210fedcba9876543210";
export const CLIENT_SECRET = "entra-secret~Qx8Q~0123456789abcdefghijkl";

/** A complete resolved configuration with the AI gateway on and both Azure regions (API keys). */
export function resolvedConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    node_cidr: "10.10.0.0/24",
    node_dns_servers: ["1.1.1.1"],
    node_ntp_servers: ["162.159.200.1"],
    k8s_gateway_fallback_dns: ["1.1.1.1"],
    node_default_gateway: "10.10.0.1",
    cluster_pod_cidr: "10.42.0.0/16",
    cluster_svc_cidr: "10.43.0.0/16",
    cluster_api_addr: "10.10.0.20",
    cluster_api_tls_sans: [],
    cluster_gateway_addr: "10.10.0.21",
    cluster_dns_gateway_addr: "10.10.0.22",
    cilium_loadbalancer_mode: "dsr",
    allow_scheduling_on_control_planes: true,
    repository_name: "octo/home-ops",
    repository_branch: "main",
    repository_visibility: "public",
    cloudflare_domains: ["example.com", "example.org"],
    primary_domain: "example.com",
    cloudflare_token: "cf-token",
    cloudflare_gateway_addr: "10.10.0.23",
    cilium_bgp_enabled: false,
    spegel_enabled: false,
    proxmox_insecure: false,
    proxmox_region: "pve",
    proxmox_storage: "local-lvm",
    proxmox_csi_enabled: false,
    envoy_ai_gateway_enabled: true,
    envoy_ai_gateway_addr: "10.10.0.30",
    azure_openai_us_east_api_key: EAST_KEY,
    azure_openai_us_east_resource_name: "contoso-east",
    azure_openai_us_east2_api_key: EAST2_KEY,
    azure_openai_us_east2_resource_name: "contoso-east2",
    keycloak_enabled: false,
    keycloak_admin_password: "",
    keycloak_db_password: "",
    keycloak_replicas: 1,
    keycloak_cpu_request: "100m",
    keycloak_memory_request: "512Mi",
    keycloak_cpu_limit: "1",
    keycloak_memory_limit: "1Gi",
    keycloak_postgresql_enabled: true,
    keycloak_postgresql_replicas: 1,
    keycloak_postgresql_storage_size: "5Gi",
    keycloak_oidc_client_secret: "",
    keycloak_oidc_cookie_domain: "",
    keycloak_entra_id_enabled: false,
    keycloak_entra_id_tenant_id: "",
    keycloak_entra_id_client_id: "",
    keycloak_entra_id_client_secret: "",
    agentgateway_enabled: false,
    agentgateway_scopes: [],
    keycloak_agentgateway_client_secret: "",
    nodes: [
      {
        name: "cp-1",
        address: "10.10.0.10",
        controller: true,
        disk: "/dev/sda",
        mac_addr: "aa:bb:cc:dd:ee:01",
        schematic_id: "0".repeat(64),
        mtu: 1500,
        secureboot: false,
        encrypt_disk: false,
      },
    ],
    ...overrides,
  };
}

/** The same cluster authenticating with an Entra ID service principal. */
export function entraConfig(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return resolvedConfig({
    azure_tenant_id: "11111111-2222-3333-4444-555555555555",
    azure_client_id: "66666666-7777-8888-9999-000000000000",
    azure_client_secret: CLIENT_SECRET,
    ...overrides,
  });
}

/** A small hand-written catalog: one provider, three models. */
export function smallInput(overrides: Partial<AiGatewayInput> = {}): AiGatewayInput {
  return {
    gateway: { address: "192.168.1.50", hostname: "llms.lab.test", certificateSecrets: ["lab-test-tls"] },
    providers: [{ name: "west", resourceName: "acme-west", auth: { type: "AzureAPIKey", apiKey: "west-key-secret" } }],
    models: [
      { name: "gpt-4o", provider: "west", family: "chat", apiVersion: "2025-01-01-preview" },
      { name: "o3-mini", provider: "west", family: "reasoning", apiVersion: "2025-01-01-preview" },
      { name: "embed", provider: "west", deployment: "text-embedding-3-small", family: "embedding", apiVersion: "2023-05-15" },
    ],
    ...overrides,
  };
}
