/**
 * Keys of the reference's cluster.yaml that talos-cluster does not accept (yet), with the
 * message a user gets instead of a generic "unknown key".
 */

interface Unsupported {
  matches: (key: string) => boolean;
  feature: string;
}

const UNSUPPORTED: readonly Unsupported[] = [
  { matches: (k) => k.startsWith("obot_"), feature: "obot" },
  { matches: (k) => k.startsWith("onedev_"), feature: "OneDev" },
  { matches: (k) => k.startsWith("workos_"), feature: "WorkOS" },
  {
    matches: (k) => k.startsWith("mcp_gateway_") || k === "mcp_session_timeout",
    feature: "The Envoy MCP gateway",
  },
  {
    matches: (k) =>
      k === "observability_enabled" ||
      k.startsWith("prometheus_") ||
      k.startsWith("grafana_") ||
      k.startsWith("alertmanager_"),
    feature: "Observability (Prometheus, Grafana, Alertmanager)",
  },
];

/** Values the reference derives; setting them by hand is rejected by its schema too. */
const DERIVED: Readonly<Record<string, string>> = {
  primary_domain: "primary_domain is computed (the first entry of cloudflare_domains). Remove it and order cloudflare_domains instead.",
  cilium_bgp_enabled:
    "cilium_bgp_enabled is computed (true when cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn are all set). Remove it.",
  spegel_enabled: "spegel_enabled is computed (true when nodes.yaml lists more than one node). Remove it.",
  proxmox_csi_enabled:
    "proxmox_csi_enabled is computed (true when proxmox_csi_token_id and proxmox_csi_token_secret are set). Remove it.",
  keycloak_realm_config_enabled: "keycloak_realm_config_enabled is not a setting: the Keycloak realm configuration is always applied. Remove it.",
};

/** The message for a key talos-cluster knows but does not accept, or undefined for a truly unknown key. */
export function unsupportedKeyMessage(key: string): string | undefined {
  const derived = DERIVED[key];
  if (derived) return derived;
  const hit = UNSUPPORTED.find((u) => u.matches(key));
  if (!hit) return undefined;
  return `${hit.feature} is not supported by talos-cluster yet. Remove ${key} from this file.`;
}
