import { z } from "zod";
import { type McpServerSchema, agentgatewayKeys } from "./agentgateway-schema.js";
import {
  cidr4,
  doc,
  enumOf,
  fqdn,
  integerish,
  ipv4,
  macAddress,
  nodeLabels,
  nodeName,
  proxmoxTokenId,
  proxmoxUrl,
  repositoryName,
  schematicId,
  text,
} from "./formats.js";

/**
 * The input schemas of cluster.yaml and nodes.yaml (the reference's cluster.schema.cue and
 * nodes.schema.cue, seed-inventory §1). Closed objects: a key that is not listed is an error.
 * Simple defaults live here (so the editor schema shows them); derived values and defaults that
 * the reference writes as "" are computed in resolve.ts.
 */

const flag = (description: string, fallback: boolean) => z.boolean().default(fallback).meta(doc(description));
const count = (description: string, fallback: number) =>
  z
    .number()
    .int()
    .min(1, { error: (i) => `${JSON.stringify(i.input)} is too small. Use 1 or more.` })
    .default(fallback)
    .meta(doc(description));
const quantity = (description: string, fallback: string) => text().default(fallback).meta(doc(description, [fallback]));

export const ClusterConfigSchema = z
  .strictObject({
    // Core network
    node_cidr: cidr4().meta(doc("The network the nodes live on, in CIDR notation.", ["192.168.1.0/24"])),
    node_dns_servers: z
      .array(ipv4())
      .default(["1.1.1.1", "1.0.0.1"])
      .meta(doc("DNS servers the nodes use.", [["1.1.1.1", "1.0.0.1"]])),
    node_ntp_servers: z
      .array(ipv4())
      .default(["162.159.200.1", "162.159.200.123"])
      .meta(doc("NTP servers the nodes use.", [["162.159.200.1", "162.159.200.123"]])),
    k8s_gateway_fallback_dns: z
      .array(ipv4())
      .min(1, { error: "Empty list: k8s-gateway needs at least one upstream DNS server. Add one or remove the key to use the default." })
      .optional()
      .meta(
        doc(
          "Upstream DNS for k8s-gateway. Default: the public addresses of node_dns_servers, then 1.1.1.1.",
          [["1.1.1.1"]],
        ),
      ),
    node_default_gateway: ipv4().optional().meta(doc("Default gateway of the nodes. Default: the first host of node_cidr.", ["192.168.1.1"])),
    node_vlan_tag: integerish(1, 4094, "a VLAN ID")
      .optional()
      .meta(doc("VLAN ID (1-4094) when the node network is tagged. Omit for untagged traffic.", ["100"])),
    cluster_pod_cidr: cidr4().default("10.42.0.0/16").meta(doc("Pod network (must not overlap node_cidr or cluster_svc_cidr).")),
    cluster_svc_cidr: cidr4().default("10.43.0.0/16").meta(doc("Service network (must not overlap node_cidr or cluster_pod_cidr).")),
    cluster_api_addr: ipv4().meta(doc("Virtual IP of the Kubernetes API, an unused address inside node_cidr.", ["192.168.1.100"])),
    cluster_api_tls_sans: z
      .array(fqdn())
      .default([])
      .meta(doc("Extra DNS names for the Kubernetes API certificate.", [["k8s.example.com"]])),
    cluster_gateway_addr: ipv4().meta(doc("Load-balancer IP of the internal gateway (envoy-internal).", ["192.168.1.101"])),
    cluster_dns_gateway_addr: ipv4().meta(doc("Load-balancer IP of the DNS gateway (k8s-gateway).", ["192.168.1.102"])),
    cilium_loadbalancer_mode: enumOf(["dsr", "snat"]).default("dsr").meta(doc("Cilium load-balancer mode.")),
    allow_scheduling_on_control_planes: flag("Run regular workloads on controller nodes.", true),

    // GitHub / Flux
    repository_name: repositoryName().meta(doc('The GitHub repository Flux syncs from, as "owner/repo".', ["my-org/home-cluster"])),
    repository_branch: text().default("main").meta(doc("The branch Flux syncs from.")),
    repository_visibility: enumOf(["public", "private"])
      .default("public")
      .meta(doc('"private" makes Flux use an SSH deploy key.')),

    // Cloudflare
    cloudflare_domains: z
      .union([fqdn(), z.array(fqdn())], {
        error: () => "Expected a list of domain names, e.g. [example.com].",
      })
      .optional()
      .meta(doc("Domains managed in Cloudflare; the first is the primary domain. Required.", [["example.com"]])),
    cloudflare_domain: z
      .union([fqdn(), z.array(fqdn())], { error: () => "Expected a domain name or a list of domain names." })
      .optional()
      .meta({ ...doc("Legacy spelling of cloudflare_domains. Rename it to cloudflare_domains."), deprecated: true }),
    cloudflare_token: text("Empty value. Set your Cloudflare API token.").meta(
      doc("Cloudflare API token (Zone:DNS:Edit and Account:Cloudflare Tunnel:Read)."),
    ),
    cloudflare_gateway_addr: ipv4().meta(doc("Load-balancer IP of the external gateway (envoy-external).", ["192.168.1.103"])),

    // Cilium BGP: all three or none
    cilium_bgp_router_addr: ipv4().optional().meta(doc("BGP peer (router) address. BGP is on when all three cilium_bgp_* keys are set.")),
    cilium_bgp_router_asn: integerish(1, 4294967295, "an AS number")
      .optional()
      .meta(doc("AS number of the router (1-4294967295).", ["64512"])),
    cilium_bgp_node_asn: integerish(1, 4294967295, "an AS number")
      .optional()
      .meta(doc("AS number of the nodes (1-4294967295).", ["64513"])),

    // Proxmox CSI / CCM
    proxmox_api_url: proxmoxUrl().optional().meta(doc("Proxmox API URL.", ["https://pve.example.com:8006/api2/json"])),
    proxmox_insecure: flag("Skip TLS verification of the Proxmox API.", true),
    proxmox_region: text().default("talos-k8s").meta(doc("Proxmox cluster name used as the topology region.")),
    proxmox_storage: text().default("local-lvm").meta(doc("Proxmox storage backing the CSI volumes.")),
    proxmox_csi_token_id: proxmoxTokenId().optional().meta(doc("Proxmox CSI API token ID (user@realm!token).", ["kubernetes-csi@pve!csi"])),
    proxmox_csi_token_secret: text().optional().meta(doc("Proxmox CSI API token secret.")),
    proxmox_ccm_token_id: proxmoxTokenId().optional().meta(doc("Proxmox CCM API token ID (user@realm!token). Not used yet.")),
    proxmox_ccm_token_secret: text().optional().meta(doc("Proxmox CCM API token secret. Not used yet.")),

    // Envoy AI Gateway + Azure OpenAI
    envoy_ai_gateway_enabled: flag("Deploy the Envoy AI Gateway in front of Azure OpenAI.", false),
    envoy_ai_gateway_addr: ipv4().optional().meta(doc("Load-balancer IP of the AI gateway.", ["192.168.1.104"])),
    azure_openai_us_east_api_key: text().optional().meta(doc("Azure OpenAI API key, East US region.")),
    azure_openai_us_east_resource_name: text().optional().meta(doc("Azure OpenAI resource name, East US region.")),
    azure_openai_us_east2_api_key: text().optional().meta(doc("Azure OpenAI API key, East US 2 region.")),
    azure_openai_us_east2_resource_name: text().optional().meta(doc("Azure OpenAI resource name, East US 2 region.")),
    azure_tenant_id: text().optional().meta(doc("Entra ID tenant for Azure OpenAI (instead of API keys).")),
    azure_client_id: text().optional().meta(doc("Entra ID application (client) ID for Azure OpenAI.")),
    azure_client_secret: text().optional().meta(doc("Entra ID client secret for Azure OpenAI.")),

    // Keycloak
    keycloak_enabled: flag("Deploy Keycloak.", false),
    keycloak_admin_password: text().optional().meta(doc("Keycloak admin password.")),
    keycloak_db_password: text().optional().meta(doc("Password of the Keycloak database user.")),
    keycloak_replicas: count("Keycloak replicas.", 2),
    keycloak_cpu_request: quantity("Keycloak CPU request.", "250m"),
    keycloak_memory_request: quantity("Keycloak memory request.", "512Mi"),
    keycloak_cpu_limit: quantity("Keycloak CPU limit.", "1000m"),
    keycloak_memory_limit: quantity("Keycloak memory limit.", "1Gi"),
    keycloak_postgresql_enabled: flag("Run Keycloak's database on CloudNativePG.", true),
    keycloak_postgresql_replicas: count("CloudNativePG instances for Keycloak.", 3),
    keycloak_postgresql_storage_size: quantity("Volume size per Keycloak database instance.", "10Gi"),
    keycloak_oidc_client_secret: text().optional().meta(doc("Client secret of the Keycloak OIDC client.")),
    keycloak_oidc_cookie_domain: text().optional().meta(doc("Cookie domain for the OIDC session.")),
    keycloak_entra_id_enabled: flag("Federate Keycloak with Microsoft Entra ID.", false),
    keycloak_entra_id_tenant_id: text().optional().meta(doc("Entra ID tenant ID for Keycloak federation.")),
    keycloak_entra_id_client_id: text().optional().meta(doc("Entra ID application (client) ID for Keycloak federation.")),
    keycloak_entra_id_client_secret: text().optional().meta(doc("Entra ID client secret for Keycloak federation.")),

    // agentgateway
    agentgateway_enabled: flag("Deploy agentgateway as the MCP OAuth proxy (needs Keycloak).", false),
    agentgateway_addr: ipv4().optional().meta(doc("Load-balancer IP of agentgateway.", ["192.168.1.105"])),
    agentgateway_scopes: z
      .array(text())
      .default(["openid", "profile", "email", "offline_access"])
      .meta(doc("OAuth scopes agentgateway requests.")),
    keycloak_agentgateway_client_secret: text()
      .optional()
      .meta(doc("Client secret of agentgateway's Keycloak client. Default: keycloak_oidc_client_secret.")),
    ...agentgatewayKeys,
  })
  .meta({ title: "cluster.yaml", description: "Cluster settings for talos-cluster (Talos Linux + Flux)." });

export const NodeSchema = z.strictObject({
  name: nodeName().meta(doc("Hostname: lowercase letters, digits and hyphens; unique.", ["k8s-0"])),
  address: ipv4().meta(doc("Static IPv4 address inside node_cidr; unique.", ["192.168.1.10"])),
  controller: z.boolean().meta(doc("true for a control-plane node, false for a worker.")),
  disk: text("Empty value. Set the install disk: a device path such as /dev/sda, or a disk serial number.").meta(
    doc("Install disk: a device path (starts with /) or a disk serial number.", ["/dev/sda"]),
  ),
  mac_addr: macAddress().meta(doc("MAC address of the network interface, lowercase; unique.", ["00:11:22:33:44:55"])),
  schematic_id: schematicId().meta(doc("Talos Image Factory schematic ID (64 lowercase hex characters).")),
  mtu: z
    .number()
    .int({ error: "Expected a whole number between 1450 and 9000." })
    .min(1450, { error: (i) => `${JSON.stringify(i.input)} is out of range. The MTU must be between 1450 and 9000.` })
    .max(9000, { error: (i) => `${JSON.stringify(i.input)} is out of range. The MTU must be between 1450 and 9000.` })
    .default(1500)
    .meta(doc("Interface MTU (1450-9000).")),
  secureboot: z.boolean().default(false).meta(doc("Install the SecureBoot image.")),
  encrypt_disk: z.boolean().default(false).meta(doc("Encrypt the system disk with the TPM.")),
  nodeLabels: nodeLabels()
    .optional()
    .meta(doc("Kubernetes labels for the node.", [{ "topology.kubernetes.io/zone": "pve01" }])),
});

export const NodesConfigSchema = z
  .strictObject({
    nodes: z.array(NodeSchema).meta(doc("The machines of the cluster; at least one controller.")),
  })
  .meta({ title: "nodes.yaml", description: "The machines of a talos-cluster cluster." });

/** cluster.yaml after schema validation (simple defaults applied, derived values not yet computed). */
export type ClusterConfig = z.output<typeof ClusterConfigSchema>;
/** cluster.yaml as a user writes it. */
export type ClusterConfigInput = z.input<typeof ClusterConfigSchema>;
export type NodesConfig = z.output<typeof NodesConfigSchema>;
export type NodesConfigInput = z.input<typeof NodesConfigSchema>;
export type NodeConfig = z.output<typeof NodeSchema>;
/** One entry of agentgateway_mcp_servers after schema validation. */
export type McpServerConfig = z.output<typeof McpServerSchema>;
