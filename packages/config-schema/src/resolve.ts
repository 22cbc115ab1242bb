import { isPrivateIpv4, nthHost } from "./ipv4.js";
import type { ResolvedConfig, ResolvedNode } from "./resolved.js";
import type { ClusterConfig, NodeConfig } from "./schema.js";

/** Legacy `cloudflare_domain` and a bare string folded into a list (reference plugin rules 1-2). */
export function resolveDomains(config: Pick<ClusterConfig, "cloudflare_domains" | "cloudflare_domain">): string[] {
  const wrap = (value: string | string[] | undefined) => (value === undefined ? [] : typeof value === "string" ? [value] : value);
  const domains = wrap(config.cloudflare_domains);
  return domains.length > 0 ? domains : wrap(config.cloudflare_domain);
}

/**
 * `k8s_gateway_fallback_dns` as the reference computes it: the public (not Python-3.11
 * `is_private`) addresses of node_dns_servers, in order, then 1.1.1.1 unless already present.
 */
export function fallbackDns(nodeDnsServers: readonly string[]): string[] {
  const out = nodeDnsServers.filter((address) => !isPrivateIpv4(address));
  if (!out.includes("1.1.1.1")) out.push("1.1.1.1");
  return out;
}

export function defaultGateway(nodeCidr: string): string | undefined {
  const host = nthHost(nodeCidr, 1);
  return host === false ? undefined : host;
}

export function bgpEnabled(config: Pick<ClusterConfig, "cilium_bgp_router_addr" | "cilium_bgp_router_asn" | "cilium_bgp_node_asn">): boolean {
  return Boolean(config.cilium_bgp_router_addr && config.cilium_bgp_router_asn && config.cilium_bgp_node_asn);
}

function resolveNode(node: NodeConfig): ResolvedNode {
  return {
    name: node.name,
    address: node.address,
    controller: node.controller,
    disk: node.disk,
    mac_addr: node.mac_addr,
    schematic_id: node.schematic_id,
    mtu: node.mtu,
    secureboot: node.secureboot,
    encrypt_disk: node.encrypt_disk,
    ...(node.nodeLabels ? { nodeLabels: { ...node.nodeLabels } } : {}),
  };
}

/**
 * Defaults and derived values of the reference's plugin (seed-inventory §2.1-§2.2), applied to a
 * configuration that already passed the schema and the cross-field rules. Keys come out in a fixed
 * order, so `JSON.stringify` of the result is deterministic.
 */
export function resolveConfig(cluster: ClusterConfig, nodes: readonly NodeConfig[]): ResolvedConfig {
  const cloudflare_domains = resolveDomains(cluster);
  const keycloak_oidc_client_secret = cluster.keycloak_oidc_client_secret ?? "";
  return {
    node_cidr: cluster.node_cidr,
    node_dns_servers: [...cluster.node_dns_servers],
    node_ntp_servers: [...cluster.node_ntp_servers],
    k8s_gateway_fallback_dns: cluster.k8s_gateway_fallback_dns ? [...cluster.k8s_gateway_fallback_dns] : fallbackDns(cluster.node_dns_servers),
    node_default_gateway: cluster.node_default_gateway ?? defaultGateway(cluster.node_cidr) ?? "",
    ...(cluster.node_vlan_tag !== undefined ? { node_vlan_tag: cluster.node_vlan_tag } : {}),
    cluster_pod_cidr: cluster.cluster_pod_cidr,
    cluster_svc_cidr: cluster.cluster_svc_cidr,
    cluster_api_addr: cluster.cluster_api_addr,
    cluster_api_tls_sans: [...cluster.cluster_api_tls_sans],
    cluster_gateway_addr: cluster.cluster_gateway_addr,
    cluster_dns_gateway_addr: cluster.cluster_dns_gateway_addr,
    cilium_loadbalancer_mode: cluster.cilium_loadbalancer_mode,
    allow_scheduling_on_control_planes: cluster.allow_scheduling_on_control_planes,

    repository_name: cluster.repository_name,
    repository_branch: cluster.repository_branch,
    repository_visibility: cluster.repository_visibility,

    cloudflare_domains,
    primary_domain: cloudflare_domains[0] ?? "",
    cloudflare_token: cluster.cloudflare_token,
    cloudflare_gateway_addr: cluster.cloudflare_gateway_addr,

    ...(cluster.cilium_bgp_router_addr !== undefined ? { cilium_bgp_router_addr: cluster.cilium_bgp_router_addr } : {}),
    ...(cluster.cilium_bgp_router_asn !== undefined ? { cilium_bgp_router_asn: cluster.cilium_bgp_router_asn } : {}),
    ...(cluster.cilium_bgp_node_asn !== undefined ? { cilium_bgp_node_asn: cluster.cilium_bgp_node_asn } : {}),
    cilium_bgp_enabled: bgpEnabled(cluster),

    spegel_enabled: nodes.length > 1,

    ...(cluster.proxmox_api_url !== undefined ? { proxmox_api_url: cluster.proxmox_api_url } : {}),
    proxmox_insecure: cluster.proxmox_insecure,
    proxmox_region: cluster.proxmox_region,
    proxmox_storage: cluster.proxmox_storage,
    ...(cluster.proxmox_csi_token_id !== undefined ? { proxmox_csi_token_id: cluster.proxmox_csi_token_id } : {}),
    ...(cluster.proxmox_csi_token_secret !== undefined ? { proxmox_csi_token_secret: cluster.proxmox_csi_token_secret } : {}),
    ...(cluster.proxmox_ccm_token_id !== undefined ? { proxmox_ccm_token_id: cluster.proxmox_ccm_token_id } : {}),
    ...(cluster.proxmox_ccm_token_secret !== undefined ? { proxmox_ccm_token_secret: cluster.proxmox_ccm_token_secret } : {}),
    proxmox_csi_enabled: Boolean(cluster.proxmox_csi_token_id && cluster.proxmox_csi_token_secret),

    envoy_ai_gateway_enabled: cluster.envoy_ai_gateway_enabled,
    ...(cluster.envoy_ai_gateway_addr !== undefined ? { envoy_ai_gateway_addr: cluster.envoy_ai_gateway_addr } : {}),
    azure_openai_us_east_api_key: cluster.azure_openai_us_east_api_key ?? "",
    azure_openai_us_east_resource_name: cluster.azure_openai_us_east_resource_name ?? "",
    azure_openai_us_east2_api_key: cluster.azure_openai_us_east2_api_key ?? "",
    azure_openai_us_east2_resource_name: cluster.azure_openai_us_east2_resource_name ?? "",
    ...(cluster.azure_tenant_id !== undefined ? { azure_tenant_id: cluster.azure_tenant_id } : {}),
    ...(cluster.azure_client_id !== undefined ? { azure_client_id: cluster.azure_client_id } : {}),
    ...(cluster.azure_client_secret !== undefined ? { azure_client_secret: cluster.azure_client_secret } : {}),

    keycloak_enabled: cluster.keycloak_enabled,
    keycloak_admin_password: cluster.keycloak_admin_password ?? "",
    keycloak_db_password: cluster.keycloak_db_password ?? "",
    keycloak_replicas: cluster.keycloak_replicas,
    keycloak_cpu_request: cluster.keycloak_cpu_request,
    keycloak_memory_request: cluster.keycloak_memory_request,
    keycloak_cpu_limit: cluster.keycloak_cpu_limit,
    keycloak_memory_limit: cluster.keycloak_memory_limit,
    keycloak_postgresql_enabled: cluster.keycloak_postgresql_enabled,
    keycloak_postgresql_replicas: cluster.keycloak_postgresql_replicas,
    keycloak_postgresql_storage_size: cluster.keycloak_postgresql_storage_size,
    keycloak_oidc_client_secret,
    keycloak_oidc_cookie_domain: cluster.keycloak_oidc_cookie_domain ?? "",
    keycloak_entra_id_enabled: cluster.keycloak_entra_id_enabled,
    keycloak_entra_id_tenant_id: cluster.keycloak_entra_id_tenant_id ?? "",
    keycloak_entra_id_client_id: cluster.keycloak_entra_id_client_id ?? "",
    keycloak_entra_id_client_secret: cluster.keycloak_entra_id_client_secret ?? "",

    agentgateway_enabled: cluster.agentgateway_enabled,
    ...(cluster.agentgateway_addr !== undefined ? { agentgateway_addr: cluster.agentgateway_addr } : {}),
    agentgateway_scopes: [...cluster.agentgateway_scopes],
    // The reference meant `| default(keycloak_oidc_client_secret)`; its plugin pre-set "" so the
    // fallback never fired. Here an unset key really falls back.
    keycloak_agentgateway_client_secret: cluster.keycloak_agentgateway_client_secret ?? keycloak_oidc_client_secret,
    ...(cluster.agentgateway_mcp_servers !== undefined ? { agentgateway_mcp_servers: structuredClone(cluster.agentgateway_mcp_servers) } : {}),
    ...(cluster.agentgateway_cors_origins !== undefined ? { agentgateway_cors_origins: [...cluster.agentgateway_cors_origins] } : {}),
    ...(cluster.agentgateway_client_registration !== undefined
      ? { agentgateway_client_registration: structuredClone(cluster.agentgateway_client_registration) }
      : {}),

    nodes: nodes.map(resolveNode),
  };
}
