import { describe, expect, it } from "vitest";
import { fallbackDns } from "../src/index.js";
import { SCHEMATIC, baseCluster, baseNodes, errorsOf, node, parseObjects, parseTexts, warningsOf } from "./helpers.js";

function resolved(overrides: Record<string, unknown> = {}, nodes: unknown = baseNodes()) {
  const cluster = { ...baseCluster(), ...overrides };
  for (const [key, value] of Object.entries(cluster)) if (value === undefined) delete cluster[key];
  const result = parseObjects(cluster, nodes);
  if (!result.ok) throw new Error(`expected a valid configuration:\n${errorsOf(result)}`);
  return result.config;
}

describe("k8s_gateway_fallback_dns", () => {
  it.each([
    [["192.168.1.254", "172.64.36.1", "172.64.36.2"], ["172.64.36.1", "172.64.36.2", "1.1.1.1"]],
    [["1.1.1.1"], ["1.1.1.1"]],
    [["1.1.1.1", "1.0.0.1"], ["1.1.1.1", "1.0.0.1"]],
    [[], ["1.1.1.1"]],
    [["100.64.0.53", "10.0.0.53"], ["100.64.0.53", "1.1.1.1"]],
    [["8.8.8.8", "1.1.1.1", "9.9.9.9"], ["8.8.8.8", "1.1.1.1", "9.9.9.9"]],
  ])("node_dns_servers %j gives %j", (servers, expected) => {
    expect(fallbackDns(servers)).toEqual(expected);
    expect(resolved({ node_dns_servers: servers }).k8s_gateway_fallback_dns).toEqual(expected);
  });

  it("uses the default node_dns_servers when unset", () => {
    const config = resolved();
    expect(config.node_dns_servers).toEqual(["1.1.1.1", "1.0.0.1"]);
    expect(config.k8s_gateway_fallback_dns).toEqual(["1.1.1.1", "1.0.0.1"]);
  });

  it("keeps an explicit value", () => {
    expect(resolved({ node_dns_servers: ["192.168.1.1"], k8s_gateway_fallback_dns: ["9.9.9.9"] }).k8s_gateway_fallback_dns).toEqual(["9.9.9.9"]);
  });
});

describe("node_default_gateway", () => {
  it("defaults to the first host of node_cidr", () => {
    expect(resolved().node_default_gateway).toBe("192.168.1.1");
    const wide = resolved(
      {
        node_cidr: "192.168.20.0/22",
        cluster_api_addr: "192.168.21.100",
        cluster_gateway_addr: "192.168.21.101",
        cluster_dns_gateway_addr: "192.168.21.102",
        cloudflare_gateway_addr: "192.168.21.103",
      },
      [node("k8s-0", "192.168.22.10", true, "00:11:22:33:44:00")],
    );
    expect(wide.node_default_gateway).toBe("192.168.20.1");
  });

  it("keeps an explicit value", () => {
    expect(resolved({ node_default_gateway: "192.168.1.254" }).node_default_gateway).toBe("192.168.1.254");
  });
});

describe("cloudflare_domains and primary_domain", () => {
  it("takes the first domain as primary_domain", () => {
    const config = resolved({ cloudflare_domains: ["example.org", "example.com"] });
    expect(config.cloudflare_domains).toEqual(["example.org", "example.com"]);
    expect(config.primary_domain).toBe("example.org");
  });

  it("wraps a single domain written as a string", () => {
    expect(resolved({ cloudflare_domains: "example.org" }).cloudflare_domains).toEqual(["example.org"]);
  });

  it("folds the legacy cloudflare_domain (string or list) into cloudflare_domains, with a warning", () => {
    const cluster = { ...baseCluster(), cloudflare_domains: undefined, cloudflare_domain: "example.org" };
    delete cluster.cloudflare_domains;
    const single = parseObjects(cluster);
    expect(single.ok && single.config.cloudflare_domains).toEqual(["example.org"]);
    expect(single.ok && single.config.primary_domain).toBe("example.org");
    expect(warningsOf(single)).toMatchInlineSnapshot(`"cluster.yaml:8:20  cloudflare_domain  cloudflare_domain is the legacy spelling. Rename it to cloudflare_domains."`);

    const list = parseObjects({ ...cluster, cloudflare_domain: ["example.org", "example.net"] });
    expect(list.ok && list.config.cloudflare_domains).toEqual(["example.org", "example.net"]);
    expect(list.ok && "cloudflare_domain" in list.config).toBe(false);
  });

  it("uses the legacy key when cloudflare_domains is an empty list, as the reference does", () => {
    const result = parseObjects({ ...baseCluster(), cloudflare_domains: [], cloudflare_domain: "example.org" });
    expect(result.ok && result.config.primary_domain).toBe("example.org");
  });

  it("ignores the legacy key next to cloudflare_domains, with a warning", () => {
    const result = parseObjects({ ...baseCluster(), cloudflare_domain: "example.org" });
    expect(result.ok && result.config.cloudflare_domains).toEqual(["example.com"]);
    expect(warningsOf(result)).toMatchInlineSnapshot(`"cluster.yaml:10:20  cloudflare_domain  cloudflare_domain is ignored because cloudflare_domains is set. Remove cloudflare_domain."`);
  });
});

describe("feature switches", () => {
  it("turns BGP on only when all three keys are set, and resolves ASNs to numbers", () => {
    expect(resolved().cilium_bgp_enabled).toBe(false);
    const bgp = resolved({ cilium_bgp_router_addr: "192.168.1.1", cilium_bgp_router_asn: "64512", cilium_bgp_node_asn: 64513 });
    expect(bgp.cilium_bgp_enabled).toBe(true);
    expect(bgp.cilium_bgp_router_asn).toBe(64512);
    expect(bgp.cilium_bgp_node_asn).toBe(64513);
  });

  it("turns spegel on with more than one node", () => {
    expect(resolved().spegel_enabled).toBe(true);
    expect(resolved({}, [node("solo", "192.168.1.10", true, "00:11:22:33:44:00")]).spegel_enabled).toBe(false);
    expect(
      resolved({}, [node("cp", "192.168.1.10", true, "00:11:22:33:44:00"), node("w", "192.168.1.11", false, "00:11:22:33:44:01")])
        .spegel_enabled,
    ).toBe(true);
  });

  it("turns Proxmox CSI on when both token keys are set", () => {
    expect(resolved().proxmox_csi_enabled).toBe(false);
    const csi = resolved({
      proxmox_api_url: "https://pve.example.com:8006/api2/json",
      proxmox_csi_token_id: "csi@pve!csi",
      proxmox_csi_token_secret: "fake",
    });
    expect(csi.proxmox_csi_enabled).toBe(true);
  });

  it("resolves a VLAN tag given as a string or a number to a number", () => {
    expect(resolved({ node_vlan_tag: "100" }).node_vlan_tag).toBe(100);
    expect(resolved({ node_vlan_tag: 4094 }).node_vlan_tag).toBe(4094);
    expect("node_vlan_tag" in resolved()).toBe(false);
  });

  it("falls back to keycloak_oidc_client_secret for agentgateway (the reference's intent)", () => {
    const on = { keycloak_enabled: true, keycloak_admin_password: "a", keycloak_db_password: "b", agentgateway_enabled: true, agentgateway_addr: "192.168.1.105" };
    expect(resolved({ ...on, keycloak_oidc_client_secret: "oidc" }).keycloak_agentgateway_client_secret).toBe("oidc");
    expect(resolved({ ...on, keycloak_oidc_client_secret: "oidc", keycloak_agentgateway_client_secret: "own" }).keycloak_agentgateway_client_secret).toBe("own");
    expect(resolved().keycloak_agentgateway_client_secret).toBe("");
  });
});

describe("defaults", () => {
  it("applies every default of the reference", () => {
    expect(resolved()).toMatchInlineSnapshot(`
      {
        "agentgateway_enabled": false,
        "agentgateway_scopes": [
          "openid",
          "profile",
          "email",
          "offline_access",
        ],
        "allow_scheduling_on_control_planes": true,
        "azure_openai_us_east2_api_key": "",
        "azure_openai_us_east2_resource_name": "",
        "azure_openai_us_east_api_key": "",
        "azure_openai_us_east_resource_name": "",
        "cilium_bgp_enabled": false,
        "cilium_loadbalancer_mode": "dsr",
        "cloudflare_domains": [
          "example.com",
        ],
        "cloudflare_gateway_addr": "192.168.1.103",
        "cloudflare_token": "fake-cloudflare-token",
        "cluster_api_addr": "192.168.1.100",
        "cluster_api_tls_sans": [],
        "cluster_dns_gateway_addr": "192.168.1.102",
        "cluster_gateway_addr": "192.168.1.101",
        "cluster_pod_cidr": "10.42.0.0/16",
        "cluster_svc_cidr": "10.43.0.0/16",
        "envoy_ai_gateway_enabled": false,
        "k8s_gateway_fallback_dns": [
          "1.1.1.1",
          "1.0.0.1",
        ],
        "keycloak_admin_password": "",
        "keycloak_agentgateway_client_secret": "",
        "keycloak_cpu_limit": "1000m",
        "keycloak_cpu_request": "250m",
        "keycloak_db_password": "",
        "keycloak_enabled": false,
        "keycloak_entra_id_client_id": "",
        "keycloak_entra_id_client_secret": "",
        "keycloak_entra_id_enabled": false,
        "keycloak_entra_id_tenant_id": "",
        "keycloak_memory_limit": "1Gi",
        "keycloak_memory_request": "512Mi",
        "keycloak_oidc_client_secret": "",
        "keycloak_oidc_cookie_domain": "",
        "keycloak_postgresql_enabled": true,
        "keycloak_postgresql_replicas": 3,
        "keycloak_postgresql_storage_size": "10Gi",
        "keycloak_replicas": 2,
        "node_cidr": "192.168.1.0/24",
        "node_default_gateway": "192.168.1.1",
        "node_dns_servers": [
          "1.1.1.1",
          "1.0.0.1",
        ],
        "node_ntp_servers": [
          "162.159.200.1",
          "162.159.200.123",
        ],
        "nodes": [
          {
            "address": "192.168.1.10",
            "controller": true,
            "disk": "/dev/sda",
            "encrypt_disk": false,
            "mac_addr": "00:11:22:33:44:00",
            "mtu": 1500,
            "name": "k8s-0",
            "schematic_id": "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba",
            "secureboot": false,
          },
          {
            "address": "192.168.1.11",
            "controller": true,
            "disk": "/dev/sda",
            "encrypt_disk": false,
            "mac_addr": "00:11:22:33:44:01",
            "mtu": 1500,
            "name": "k8s-1",
            "schematic_id": "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba",
            "secureboot": false,
          },
          {
            "address": "192.168.1.12",
            "controller": true,
            "disk": "/dev/sda",
            "encrypt_disk": false,
            "mac_addr": "00:11:22:33:44:02",
            "mtu": 1500,
            "name": "k8s-2",
            "schematic_id": "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba",
            "secureboot": false,
          },
        ],
        "primary_domain": "example.com",
        "proxmox_csi_enabled": false,
        "proxmox_insecure": true,
        "proxmox_region": "talos-k8s",
        "proxmox_storage": "local-lvm",
        "repository_branch": "main",
        "repository_name": "my-org/home-cluster",
        "repository_visibility": "public",
        "spegel_enabled": true,
      }
    `);
  });

  it("keeps explicit false and empty lists (setdefault semantics)", () => {
    const config = resolved({ allow_scheduling_on_control_planes: false, proxmox_insecure: false, node_ntp_servers: [], agentgateway_scopes: [] });
    expect(config.allow_scheduling_on_control_planes).toBe(false);
    expect(config.proxmox_insecure).toBe(false);
    expect(config.node_ntp_servers).toEqual([]);
    expect(config.agentgateway_scopes).toEqual([]);
  });

  it("defaults per-node mtu, secureboot and encrypt_disk, and keeps explicit values", () => {
    const config = resolved({}, [
      node("k8s-0", "192.168.1.10", true, "00:11:22:33:44:00"),
      node("k8s-1", "192.168.1.11", false, "00:11:22:33:44:01", { mtu: 9000, secureboot: true, encrypt_disk: true, nodeLabels: { zone: "a" } }),
    ]);
    expect(config.nodes.map(({ mtu, secureboot, encrypt_disk, nodeLabels }) => ({ mtu, secureboot, encrypt_disk, nodeLabels }))).toEqual([
      { mtu: 1500, secureboot: false, encrypt_disk: false, nodeLabels: undefined },
      { mtu: 9000, secureboot: true, encrypt_disk: true, nodeLabels: { zone: "a" } },
    ]);
    expect("nodeLabels" in config.nodes[0]!).toBe(false);
  });

  it("reads a MAC address as a string (YAML 1.2), quoted or not", () => {
    const result = parseTexts(
      [
        "node_cidr: 192.168.1.0/24",
        "cluster_api_addr: 192.168.1.100",
        "cluster_gateway_addr: 192.168.1.101",
        "cluster_dns_gateway_addr: 192.168.1.102",
        "cloudflare_gateway_addr: 192.168.1.103",
        "repository_name: my-org/home-cluster",
        "cloudflare_domains: [example.com]",
        "cloudflare_token: fake",
        "",
      ].join("\n"),
      [
        "nodes:",
        "  - name: k8s-0",
        "    address: 192.168.1.10",
        "    controller: true",
        "    disk: /dev/sda",
        "    mac_addr: 00:11:22:33:44:55",
        `    schematic_id: ${SCHEMATIC}`,
        "",
      ].join("\n"),
    );
    expect(errorsOf(result)).toBe("");
    expect(result.ok && result.config.nodes[0]!.mac_addr).toBe("00:11:22:33:44:55");
    expect(result.ok && result.config.nodes[0]!.schematic_id).toBe(SCHEMATIC);
  });
});
