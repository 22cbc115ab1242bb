import { toYaml } from "@talos-cluster/config-schema";
import type { Prompter } from "../cli/prompter.js";

export interface AskedConfiguration {
  clusterYaml: string;
  nodesYaml: string;
}

const required = (what: string) => (value: string) => (value.trim() ? undefined : `${what} is required.`);

type Feature = "bgp" | "proxmox" | "keycloak" | "agentgateway" | "ai";

/**
 * Asks for the required settings and the optional features, and returns cluster.yaml and
 * nodes.yaml. Full validation happens afterwards with the same rules as `talos-cluster validate`.
 */
export async function askConfiguration(p: Prompter): Promise<AskedConfiguration> {
  const cluster: Record<string, unknown> = {};
  const ask = async (key: string, message: string, placeholder?: string) => {
    cluster[key] = (await p.text({ message, placeholder, validate: required(key) })).trim();
  };
  await ask("node_cidr", "Network of the nodes (node_cidr)", "192.168.1.0/24");
  await ask("cluster_api_addr", "Kubernetes API virtual IP, unused, inside node_cidr (cluster_api_addr)", "192.168.1.10");
  await ask("cluster_dns_gateway_addr", "k8s-gateway DNS load-balancer IP (cluster_dns_gateway_addr)", "192.168.1.11");
  await ask("cluster_gateway_addr", "Internal gateway load-balancer IP (cluster_gateway_addr)", "192.168.1.12");
  await ask("cloudflare_gateway_addr", "External gateway load-balancer IP (cloudflare_gateway_addr)", "192.168.1.13");
  await ask("repository_name", "GitHub repository, owner/repo (repository_name)", "me/home-cluster");
  const isPrivate = await p.confirm({ message: "Is the GitHub repository private?", initialValue: false });
  if (isPrivate) cluster.repository_visibility = "private";
  const domains = await p.text({ message: "Cloudflare domain(s), comma separated (cloudflare_domains)", placeholder: "example.com", validate: required("cloudflare_domains") });
  cluster.cloudflare_domains = domains.split(",").map((d) => d.trim()).filter(Boolean);
  await ask("cloudflare_token", "Cloudflare API token (cloudflare_token)");

  const features = await p.multiselect<Feature>({
    message: "Optional features",
    options: [
      { value: "bgp", label: "Cilium BGP", hint: "announce load balancers to your router" },
      { value: "proxmox", label: "Proxmox CSI", hint: "persistent volumes on Proxmox storage" },
      { value: "keycloak", label: "Keycloak", hint: "identity provider with a CloudNativePG database" },
      { value: "agentgateway", label: "MCP OAuth gateway", hint: "agentgateway in front of MCP servers (needs Keycloak)" },
      { value: "ai", label: "Envoy AI Gateway", hint: "OpenAI-compatible routing to Azure OpenAI" },
    ],
  });
  if (features.includes("agentgateway") && !features.includes("keycloak")) features.push("keycloak");
  if (features.includes("bgp")) {
    await ask("cilium_bgp_router_addr", "BGP router address (cilium_bgp_router_addr)");
    await ask("cilium_bgp_router_asn", "Router ASN (cilium_bgp_router_asn)", "64512");
    await ask("cilium_bgp_node_asn", "Node ASN (cilium_bgp_node_asn)", "64513");
  }
  if (features.includes("proxmox")) {
    await ask("proxmox_api_url", "Proxmox API URL (proxmox_api_url)", "https://pve.example.com:8006/api2/json");
    await ask("proxmox_csi_token_id", "CSI token id, user@realm!token (proxmox_csi_token_id)", "kubernetes-csi@pve!csi");
    await ask("proxmox_csi_token_secret", "CSI token secret (proxmox_csi_token_secret)");
  }
  if (features.includes("keycloak")) {
    cluster.keycloak_enabled = true;
    await ask("keycloak_admin_password", "Keycloak admin password (keycloak_admin_password)");
    await ask("keycloak_db_password", "Keycloak database password (keycloak_db_password)");
  }
  if (features.includes("agentgateway")) {
    cluster.agentgateway_enabled = true;
    await ask("agentgateway_addr", "MCP gateway load-balancer IP (agentgateway_addr)");
  }
  if (features.includes("ai")) {
    cluster.envoy_ai_gateway_enabled = true;
    await ask("envoy_ai_gateway_addr", "AI gateway load-balancer IP (envoy_ai_gateway_addr)");
    await ask("azure_openai_us_east_resource_name", "Azure OpenAI resource name, region us-east (azure_openai_us_east_resource_name)");
    await ask("azure_openai_us_east_api_key", "Its API key (azure_openai_us_east_api_key)");
  }

  const nodes: Record<string, unknown>[] = [];
  const count = Number(
    await p.text({
      message: "How many nodes?",
      initialValue: "1",
      validate: (v) => (/^[1-9][0-9]*$/.test(v.trim()) ? undefined : "Enter a whole number, 1 or more."),
    }),
  );
  for (let i = 0; i < count; i++) {
    const n = i + 1;
    const node: Record<string, unknown> = {};
    node.name = (await p.text({ message: `Node ${n}: hostname`, initialValue: `k8s-${n}`, validate: required("name") })).trim();
    node.address = (await p.text({ message: `Node ${n}: IP address`, validate: required("address") })).trim();
    node.controller = await p.confirm({ message: `Node ${n}: control plane?`, initialValue: i < 3 });
    node.disk = (await p.text({ message: `Node ${n}: install disk (device path like /dev/sda, or disk serial)`, initialValue: "/dev/sda", validate: required("disk") })).trim();
    node.mac_addr = (await p.text({ message: `Node ${n}: MAC address of its network interface`, validate: required("mac_addr") })).trim().toLowerCase();
    node.schematic_id = (await p.text({ message: `Node ${n}: Talos Image Factory schematic id (64 hex characters)`, validate: required("schematic_id") })).trim();
    nodes.push(node);
  }
  return { clusterYaml: toYaml(cluster), nodesYaml: toYaml({ nodes }) };
}
