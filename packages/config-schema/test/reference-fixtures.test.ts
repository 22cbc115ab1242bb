import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatIssue, loadClusterConfig } from "../src/index.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

async function load(name: string) {
  const result = await loadClusterConfig(join(fixtures, name));
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
  return result;
}

describe("the reference's own test configurations", () => {
  it("accepts public.yaml (every in-scope feature on) and derives what the reference derives", async () => {
    const { config, warnings } = await load("reference-public");
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      primary_domain: "example.com",
      node_default_gateway: "10.10.10.1",
      node_vlan_tag: 100,
      k8s_gateway_fallback_dns: ["1.1.1.1"],
      cilium_bgp_enabled: true,
      cilium_bgp_router_asn: 64513,
      cilium_bgp_node_asn: 64514,
      spegel_enabled: true,
      proxmox_csi_enabled: true,
      envoy_ai_gateway_enabled: true,
      keycloak_entra_id_enabled: true,
      agentgateway_enabled: true,
      keycloak_agentgateway_client_secret: "test-oidc-secret",
    });
    expect(config.nodes[1]).toMatchObject({ secureboot: true, encrypt_disk: true, mtu: 1500 });
  });

  it("accepts private.yaml with the reference's defaults", async () => {
    const { config } = await load("reference-private");
    expect(config).toMatchObject({
      node_default_gateway: "10.10.10.1",
      node_dns_servers: ["1.1.1.1", "1.0.0.1"],
      node_ntp_servers: ["162.159.200.1", "162.159.200.123"],
      k8s_gateway_fallback_dns: ["1.1.1.1", "1.0.0.1"],
      repository_branch: "main",
      repository_visibility: "private",
      cilium_bgp_enabled: false,
      proxmox_csi_enabled: true,
      envoy_ai_gateway_enabled: false,
      keycloak_enabled: false,
      agentgateway_enabled: false,
    });
    expect("node_vlan_tag" in config).toBe(false);
  });
});
