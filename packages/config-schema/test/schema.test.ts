import { describe, expect, it } from "vitest";
import { baseNodes, clusterErrors, node } from "./helpers.js";

/** Errors for one node (the others stay valid). */
function nodeErrors(extra: Record<string, unknown>, base = node("k8s-3", "192.168.1.13", false, "00:11:22:33:44:03")): string {
  const merged: Record<string, unknown> = { ...base, ...extra };
  for (const [key, value] of Object.entries(merged)) if (value === undefined) delete merged[key];
  return clusterErrors({}, [...baseNodes(), merged]);
}

describe("required keys", () => {
  it("names each missing key with an example, at the top of the file", () => {
    expect(clusterErrors({ node_cidr: undefined, cluster_api_addr: undefined, cloudflare_token: undefined })).toMatchInlineSnapshot(`
      "cluster.yaml:1:1  cloudflare_token  Missing required key cloudflare_token: Cloudflare API token (Zone:DNS:Edit and Account:Cloudflare Tunnel:Read). Add it.
      cluster.yaml:1:1  cluster_api_addr  Missing required key cluster_api_addr. Add it, e.g. cluster_api_addr: 192.168.1.100.
      cluster.yaml:1:1  node_cidr  Missing required key node_cidr. Add it, e.g. node_cidr: 192.168.1.0/24."
    `);
  });

  it("reports a missing cloudflare_domains", () => {
    expect(clusterErrors({ cloudflare_domains: undefined })).toMatchInlineSnapshot(`"cluster.yaml:1:1  cloudflare_domains  Missing required key cloudflare_domains. Add it, e.g. cloudflare_domains: [example.com]."`);
    expect(clusterErrors({ cloudflare_domains: [] })).toMatchInlineSnapshot(`"cluster.yaml:7:21  cloudflare_domains  Empty list. Add at least one domain, e.g. cloudflare_domains: [example.com]."`);
  });

  it("reports a key without a value", () => {
    expect(clusterErrors({ node_vlan_tag: null, repository_branch: null })).toMatchInlineSnapshot(`
      "cluster.yaml:10:16  node_vlan_tag  node_vlan_tag has no value. Set a value or remove the line.
      cluster.yaml:11:20  repository_branch  repository_branch has no value. Set a value or remove the line."
    `);
    expect(clusterErrors({ cluster_gateway_addr: null })).toMatchInlineSnapshot(`"cluster.yaml:3:23  cluster_gateway_addr  cluster_gateway_addr has no value. Set it, e.g. cluster_gateway_addr: 192.168.1.101."`);
  });

  it("reports a missing node field at that node", () => {
    expect(nodeErrors({ disk: undefined, schematic_id: undefined })).toMatchInlineSnapshot(`
      "nodes.yaml:20:5  nodes[3].disk  Missing required key disk. Add it, e.g. disk: /dev/sda.
      nodes.yaml:20:5  nodes[3].schematic_id  Missing required key schematic_id: Talos Image Factory schematic ID (64 lowercase hex characters). Add it."
    `);
  });
});

describe("unknown and unsupported keys", () => {
  it("suggests the closest key for a typo", () => {
    expect(clusterErrors({ node_cidrs: "10.0.0.0/24", clusterApiAddr: "x", repo_name: "a/b" })).toMatchInlineSnapshot(`
      "cluster.yaml:10:1  node_cidrs  Unknown key node_cidrs. Did you mean node_cidr?
      cluster.yaml:11:1  clusterApiAddr  Unknown key clusterApiAddr. Did you mean cluster_api_addr?
      cluster.yaml:12:1  repo_name  Unknown key repo_name: it is not a setting of cluster.yaml. Remove it or check the spelling."
    `);
    expect(nodeErrors({ mac_address: "00:11:22:33:44:03", labels: {} })).toMatchInlineSnapshot(`
      "nodes.yaml:26:5  nodes[3].mac_address  Unknown key mac_address. Did you mean mac_addr?
      nodes.yaml:27:5  nodes[3].labels  Unknown key labels. Did you mean nodeLabels?"
    `);
  });

  it("rejects a key nothing resembles", () => {
    expect(clusterErrors({ favourite_color: "blue" })).toMatchInlineSnapshot(`"cluster.yaml:10:1  favourite_color  Unknown key favourite_color: it is not a setting of cluster.yaml. Remove it or check the spelling."`);
  });

  it("says which features are not supported yet", () => {
    expect(
      clusterErrors({
        obot_enabled: false,
        onedev_admin_password: "x",
        observability_enabled: true,
        grafana_admin_password: "x",
        prometheus_retention: "7d",
        alertmanager_storage_size: "5Gi",
        workos_client_id: "x",
        mcp_gateway_enabled: true,
        mcp_session_timeout: 3600,
      }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:10:1  obot_enabled  obot is not supported by talos-cluster yet. Remove obot_enabled from this file.
      cluster.yaml:11:1  onedev_admin_password  OneDev is not supported by talos-cluster yet. Remove onedev_admin_password from this file.
      cluster.yaml:12:1  observability_enabled  Observability (Prometheus, Grafana, Alertmanager) is not supported by talos-cluster yet. Remove observability_enabled from this file.
      cluster.yaml:13:1  grafana_admin_password  Observability (Prometheus, Grafana, Alertmanager) is not supported by talos-cluster yet. Remove grafana_admin_password from this file.
      cluster.yaml:14:1  prometheus_retention  Observability (Prometheus, Grafana, Alertmanager) is not supported by talos-cluster yet. Remove prometheus_retention from this file.
      cluster.yaml:15:1  alertmanager_storage_size  Observability (Prometheus, Grafana, Alertmanager) is not supported by talos-cluster yet. Remove alertmanager_storage_size from this file.
      cluster.yaml:16:1  workos_client_id  WorkOS is not supported by talos-cluster yet. Remove workos_client_id from this file.
      cluster.yaml:17:1  mcp_gateway_enabled  The Envoy MCP gateway is not supported by talos-cluster yet. Remove mcp_gateway_enabled from this file.
      cluster.yaml:18:1  mcp_session_timeout  The Envoy MCP gateway is not supported by talos-cluster yet. Remove mcp_session_timeout from this file."
    `);
  });

  it("rejects derived values set by hand", () => {
    expect(clusterErrors({ spegel_enabled: false, cilium_bgp_enabled: true, primary_domain: "example.com" })).toMatchInlineSnapshot(`
      "cluster.yaml:10:1  spegel_enabled  spegel_enabled is computed (true when nodes.yaml lists more than one node). Remove it.
      cluster.yaml:11:1  cilium_bgp_enabled  cilium_bgp_enabled is computed (true when cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn are all set). Remove it.
      cluster.yaml:12:1  primary_domain  primary_domain is computed (the first entry of cloudflare_domains). Remove it and order cloudflare_domains instead."
    `);
  });

  it("points at the other file when a key is in the wrong one", () => {
    expect(clusterErrors({ nodes: [] })).toMatchInlineSnapshot(`"cluster.yaml:10:1  nodes  nodes belongs in nodes.yaml, not cluster.yaml. Move it there."`);
  });
});

describe("addresses and networks", () => {
  it("accepts canonical CIDRs and plain IPv4 addresses", () => {
    expect(clusterErrors({ cluster_pod_cidr: "10.244.0.0/16", cluster_svc_cidr: "10.96.0.0/12", node_dns_servers: ["192.168.1.1", "9.9.9.9"] })).toBe("");
  });

  it("rejects a CIDR with host bits set and tells the canonical form", () => {
    expect(clusterErrors({ cluster_pod_cidr: "10.42.1.0/16" })).toMatchInlineSnapshot(`"cluster.yaml:10:19  cluster_pod_cidr  "10.42.1.0/16" has host bits set. Write the network address instead: 10.42.0.0/16."`);
  });

  it("rejects malformed networks and addresses", () => {
    expect(
      clusterErrors({
        cluster_svc_cidr: "10.43.0.0",
        cluster_api_addr: "192.168.1.300",
        cluster_gateway_addr: "192.168.1.101/24",
        node_dns_servers: ["1.1.1.1", "dns.google"],
        node_default_gateway: "",
      }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:2:19  cluster_api_addr  "192.168.1.300" is not an IPv4 address. Write four numbers 0-255 separated by dots, e.g. 192.168.1.10.
      cluster.yaml:3:23  cluster_gateway_addr  "192.168.1.101/24" is a CIDR, not an address. Write the address alone, e.g. 192.168.1.101.
      cluster.yaml:10:19  cluster_svc_cidr  "10.43.0.0" has no prefix length. Write the network in CIDR notation, e.g. 10.43.0.0/24.
      cluster.yaml:13:5  node_dns_servers[1]  "dns.google" is not an IPv4 address. Write four numbers 0-255 separated by dots, e.g. 192.168.1.10.
      cluster.yaml:14:23  node_default_gateway  Empty value. Set an IPv4 address such as 192.168.1.10."
    `);
  });

  it("rejects an address given as a number", () => {
    expect(clusterErrors({ cluster_dns_gateway_addr: 3232235878 })).toMatchInlineSnapshot(`"cluster.yaml:4:27  cluster_dns_gateway_addr  Expected text, got a whole number. Put the value in quotes."`);
  });
});

describe("VLAN and ASN numbers", () => {
  it("accepts numbers and numeric strings in range", () => {
    expect(clusterErrors({ node_vlan_tag: 1 })).toBe("");
    expect(clusterErrors({ node_vlan_tag: "4094" })).toBe("");
    expect(
      clusterErrors({ cilium_bgp_router_addr: "192.168.1.1", cilium_bgp_router_asn: 1, cilium_bgp_node_asn: "4294967295" }),
    ).toBe("");
  });

  it("rejects values out of range or not numeric", () => {
    expect(clusterErrors({ node_vlan_tag: 0 })).toMatchInlineSnapshot(`"cluster.yaml:10:16  node_vlan_tag  0 is out of range. Use a VLAN ID between 1 and 4094."`);
    expect(clusterErrors({ node_vlan_tag: "4095" })).toMatchInlineSnapshot(`"cluster.yaml:10:16  node_vlan_tag  4095 is out of range. Use a VLAN ID between 1 and 4094."`);
    expect(clusterErrors({ node_vlan_tag: "vlan100" })).toMatchInlineSnapshot(`"cluster.yaml:10:16  node_vlan_tag  "vlan100" is not a whole number. Write a VLAN ID as digits only, e.g. 100."`);
    expect(clusterErrors({ node_vlan_tag: true })).toMatchInlineSnapshot(`"cluster.yaml:10:16  node_vlan_tag  Expected a VLAN ID as a whole number between 1 and 4094, e.g. 100."`);
    expect(
      clusterErrors({ cilium_bgp_router_addr: "192.168.1.1", cilium_bgp_router_asn: 0, cilium_bgp_node_asn: "4294967296" }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:11:24  cilium_bgp_router_asn  0 is out of range. Use an AS number between 1 and 4294967295.
      cluster.yaml:12:22  cilium_bgp_node_asn  4294967296 is out of range. Use an AS number between 1 and 4294967295."
    `);
  });
});

describe("domains", () => {
  it("accepts lowercase FQDNs", () => {
    expect(clusterErrors({ cloudflare_domains: ["example.com", "sub.example.co.uk", "xn--bcher-kva.example"], cluster_api_tls_sans: ["k8s.example.com"] })).toBe("");
  });

  it("explains what is wrong with a domain", () => {
    expect(
      clusterErrors({
        cloudflare_domains: ["Example.com", "https://example.org/", "example.net.", "localhost", "-bad.example.com", "example.com"],
        cluster_api_tls_sans: ["under_score.example.com", "192.168.1.100"],
      }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:8:5  cloudflare_domains[0]  "Example.com" has uppercase letters. Write it in lowercase: example.com.
      cluster.yaml:9:5  cloudflare_domains[1]  "https://example.org/" is a URL. Write the domain name alone: example.org.
      cluster.yaml:10:5  cloudflare_domains[2]  "example.net." ends with a dot. Write it without the trailing dot: example.net.
      cluster.yaml:11:5  cloudflare_domains[3]  "localhost" is not a fully qualified domain name. Include the parent domain, e.g. localhost.example.com.
      cluster.yaml:12:5  cloudflare_domains[4]  "-bad.example.com" is not a valid domain name. Use lowercase labels of letters, digits and hyphens separated by dots, e.g. example.com.
      cluster.yaml:16:5  cluster_api_tls_sans[0]  "under_score.example.com" is not a valid domain name. Use lowercase labels of letters, digits and hyphens separated by dots, e.g. example.com.
      cluster.yaml:17:5  cluster_api_tls_sans[1]  "192.168.1.100" is an IP address. Write a domain name here, e.g. example.com."
    `);
  });

  it("rejects a domain listed twice", () => {
    expect(clusterErrors({ cloudflare_domains: ["example.com", "example.org", "example.com"] })).toMatchInlineSnapshot(`"cluster.yaml:10:5  cloudflare_domains[2]  example.com is listed twice (also entry 1). Remove the duplicate."`);
  });
});

describe("repository_name", () => {
  it("accepts owner/repo", () => {
    expect(clusterErrors({ repository_name: "My-Org/home.cluster_v2" })).toBe("");
  });

  it("rejects anything else, suggesting owner/repo for a GitHub URL", () => {
    expect(clusterErrors({ repository_name: "https://github.com/my-org/home-cluster.git" })).toMatchInlineSnapshot(`"cluster.yaml:6:18  repository_name  "https://github.com/my-org/home-cluster.git" is a URL. Write only "owner/repo": my-org/home-cluster."`);
    expect(clusterErrors({ repository_name: "git@github.com:my-org/home-cluster.git" })).toMatchInlineSnapshot(`"cluster.yaml:6:18  repository_name  "git@github.com:my-org/home-cluster.git" is a URL. Write only "owner/repo": my-org/home-cluster."`);
    expect(clusterErrors({ repository_name: "home-cluster" })).toMatchInlineSnapshot(`"cluster.yaml:6:18  repository_name  "home-cluster" is not a GitHub repository name. Write it as "owner/repo", e.g. my-org/home-cluster."`);
    expect(clusterErrors({ repository_name: "" })).toMatchInlineSnapshot(`"cluster.yaml:6:18  repository_name  Empty value. Set the GitHub repository as "owner/repo"."`);
  });
});

describe("enums and booleans", () => {
  it("accepts the listed values", () => {
    expect(clusterErrors({ cilium_loadbalancer_mode: "snat", repository_visibility: "private", allow_scheduling_on_control_planes: false })).toBe("");
  });

  it("rejects others and explains quoted booleans", () => {
    expect(
      clusterErrors({ cilium_loadbalancer_mode: "DSR", repository_visibility: "internal", allow_scheduling_on_control_planes: "false" }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:10:27  cilium_loadbalancer_mode  "DSR" is not allowed. Use one of: "dsr", "snat".
      cluster.yaml:11:24  repository_visibility  "internal" is not allowed. Use one of: "public", "private".
      cluster.yaml:12:37  allow_scheduling_on_control_planes  Expected true or false, got text. Write true or false without quotes."
    `);
  });
});

describe("Proxmox formats", () => {
  const csi = { proxmox_api_url: "https://pve.example.com:8006/api2/json", proxmox_csi_token_id: "kubernetes-csi@pve!csi", proxmox_csi_token_secret: "fake" };

  it("accepts user@realm!token and an /api2/json URL", () => {
    expect(clusterErrors({ ...csi, proxmox_api_url: "http://10.0.0.2:8006/api2/json" })).toBe("");
  });

  it("rejects other shapes", () => {
    expect(clusterErrors({ ...csi, proxmox_api_url: "https://pve.example.com:8006", proxmox_csi_token_id: "kubernetes-csi@pve" })).toMatchInlineSnapshot(`
      "cluster.yaml:10:18  proxmox_api_url  "https://pve.example.com:8006" lacks the API path. Append /api2/json: https://pve.example.com:8006/api2/json.
      cluster.yaml:11:23  proxmox_csi_token_id  "kubernetes-csi@pve" is not a Proxmox API token ID. Write it as user@realm!token, e.g. kubernetes-csi@pve!csi."
    `);
    expect(clusterErrors({ ...csi, proxmox_api_url: "pve.example.com/api2/json", proxmox_ccm_token_id: "ccm!token", proxmox_ccm_token_secret: "x" })).toMatchInlineSnapshot(`
      "cluster.yaml:10:18  proxmox_api_url  "pve.example.com/api2/json" is not a Proxmox API URL. Write it as https://<host>:8006/api2/json.
      cluster.yaml:13:23  proxmox_ccm_token_id  "ccm!token" is not a Proxmox API token ID. Write it as user@realm!token, e.g. kubernetes-csi@pve!csi."
    `);
  });
});

describe("node fields", () => {
  it("accepts a valid node with every optional field", () => {
    expect(
      nodeErrors({ disk: "S4EVNX0R123456", mtu: 9000, secureboot: true, encrypt_disk: true, nodeLabels: { "topology.kubernetes.io/zone": "pve01", tier: "gpu" } }),
    ).toBe("");
    expect(nodeErrors({ name: "a", mtu: 1450 })).toBe("");
  });

  it("rejects bad names, including reserved ones", () => {
    expect(nodeErrors({ name: "K8s-3" })).toMatchInlineSnapshot(`"nodes.yaml:20:11  nodes[3].name  "K8s-3" has uppercase letters. Write the node name in lowercase: k8s-3."`);
    expect(nodeErrors({ name: "k8s_3" })).toMatchInlineSnapshot(`"nodes.yaml:20:11  nodes[3].name  "k8s_3" is not a valid node name. Use lowercase letters, digits and hyphens, starting and ending with a letter or digit (e.g. k8s-0)."`);
    expect(nodeErrors({ name: "-k8s" })).toMatchInlineSnapshot(`"nodes.yaml:20:11  nodes[3].name  "-k8s" is not a valid node name. Use lowercase letters, digits and hyphens, starting and ending with a letter or digit (e.g. k8s-0)."`);
    expect(nodeErrors({ name: "x".repeat(64) })).toMatchInlineSnapshot(`"nodes.yaml:20:11  nodes[3].name  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is 64 characters long. Use at most 63 characters."`);
    expect(nodeErrors({ name: "controller" })).toMatchInlineSnapshot(`"nodes.yaml:20:11  nodes[3].name  "controller" is reserved (the names "global", "controller", "worker" are patch directories). Choose another node name, e.g. k8s-0."`);
    expect(nodeErrors({ name: "global" })).toMatchInlineSnapshot(`"nodes.yaml:20:11  nodes[3].name  "global" is reserved (the names "global", "controller", "worker" are patch directories). Choose another node name, e.g. k8s-0."`);
    expect(nodeErrors({ name: "worker" })).toMatchInlineSnapshot(`"nodes.yaml:20:11  nodes[3].name  "worker" is reserved (the names "global", "controller", "worker" are patch directories). Choose another node name, e.g. k8s-0."`);
  });

  it("requires a lowercase, colon-separated MAC address", () => {
    expect(nodeErrors({ mac_addr: "00:11:22:33:44:AB" })).toMatchInlineSnapshot(`"nodes.yaml:24:15  nodes[3].mac_addr  "00:11:22:33:44:AB" has uppercase letters. Write the MAC address in lowercase: 00:11:22:33:44:ab."`);
    expect(nodeErrors({ mac_addr: "00-11-22-33-44-ab" })).toMatchInlineSnapshot(`"nodes.yaml:24:15  nodes[3].mac_addr  "00-11-22-33-44-ab" uses the wrong separators. Write six lowercase hex pairs separated by colons: 00:11:22:33:44:ab."`);
    expect(nodeErrors({ mac_addr: "00:11:22:33:44" })).toMatchInlineSnapshot(`"nodes.yaml:24:15  nodes[3].mac_addr  "00:11:22:33:44" is not a MAC address. Write six lowercase hex pairs separated by colons, e.g. 00:11:22:33:44:55."`);
  });

  it("requires a 64-character lowercase hex schematic ID", () => {
    expect(nodeErrors({ schematic_id: "376567988AD370138AD8B2698212367B8EDCB69B5FD68C80BE1F2EC7D603B4BA" })).toMatchInlineSnapshot(`"nodes.yaml:25:19  nodes[3].schematic_id  The schematic ID has uppercase letters. Write it in lowercase, exactly as the Talos Image Factory shows it."`);
    expect(nodeErrors({ schematic_id: "376567988ad370138ad8" })).toMatchInlineSnapshot(`"nodes.yaml:25:19  nodes[3].schematic_id  The schematic ID has 20 characters; it must have exactly 64 hex characters. Copy the full ID from the Talos Image Factory (factory.talos.dev)."`);
    expect(nodeErrors({ schematic_id: "z".repeat(64) })).toMatchInlineSnapshot(`"nodes.yaml:25:19  nodes[3].schematic_id  The schematic ID must be 64 lowercase hex characters (0-9, a-f). Copy it from the Talos Image Factory (factory.talos.dev)."`);
    expect(nodeErrors({ schematic_id: 12345 })).toMatchInlineSnapshot(`"nodes.yaml:25:19  nodes[3].schematic_id  Expected text, got a whole number. Put the value in quotes."`);
  });

  it("requires an MTU between 1450 and 9000", () => {
    expect(nodeErrors({ mtu: 1449 })).toMatchInlineSnapshot(`"nodes.yaml:26:10  nodes[3].mtu  1449 is out of range. The MTU must be between 1450 and 9000."`);
    expect(nodeErrors({ mtu: 9001 })).toMatchInlineSnapshot(`"nodes.yaml:26:10  nodes[3].mtu  9001 is out of range. The MTU must be between 1450 and 9000."`);
    expect(nodeErrors({ mtu: "1500" })).toMatchInlineSnapshot(`"nodes.yaml:26:10  nodes[3].mtu  Expected a number, got text. Write the number without quotes."`);
  });

  it("requires booleans for controller, secureboot and encrypt_disk", () => {
    expect(nodeErrors({ controller: "yes", secureboot: 1, encrypt_disk: "true" })).toMatchInlineSnapshot(`
      "nodes.yaml:22:17  nodes[3].controller  Expected true or false, got text. Write true or false without quotes.
      nodes.yaml:26:17  nodes[3].secureboot  Expected true or false, got a whole number. Write true or false.
      nodes.yaml:27:19  nodes[3].encrypt_disk  Expected true or false, got text. Write true or false without quotes."
    `);
  });

  it("checks node label keys and values", () => {
    expect(nodeErrors({ nodeLabels: { "bad key": "x", zone: 1, ok: "a b" } })).toMatchInlineSnapshot(`
      "nodes.yaml:27:7  nodes[3].nodeLabels["bad key"]  "bad key" is not a valid Kubernetes label key. Use an optional DNS prefix and a name of up to 63 letters, digits, "-", "_" or ".", e.g. topology.kubernetes.io/zone.
      nodes.yaml:28:13  nodes[3].nodeLabels.zone  Expected text, got a whole number. Put the value in quotes.
      nodes.yaml:29:11  nodes[3].nodeLabels.ok  "a b" is not a valid Kubernetes label value. Use up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit."
    `);
  });

  it("does not take a node label named like a node key for that key", () => {
    expect(nodeErrors({ nodeLabels: { name: null, address: null } })).toMatchInlineSnapshot(`
      "nodes.yaml:27:13  nodes[3].nodeLabels.name  name has no value. Set a value or remove the line.
      nodes.yaml:28:16  nodes[3].nodeLabels.address  address has no value. Set a value or remove the line."
    `);
  });

  it("requires a disk", () => {
    expect(nodeErrors({ disk: "" })).toMatchInlineSnapshot(`"nodes.yaml:23:11  nodes[3].disk  Empty value. Set the install disk: a device path such as /dev/sda, or a disk serial number."`);
  });
});

describe("odd values a user might write", () => {
  it("gives one message per problem, in words", () => {
    expect(
      clusterErrors({
        node_vlan_tag: 1e20,
        cilium_loadbalancer_mode: 1,
        agentgateway_scopes: ["openid", ""],
        keycloak_postgresql_replicas: 1.5,
        node_dns_servers: "1.1.1.1",
      }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:10:16  node_vlan_tag  100000000000000000000 is out of range. Use a VLAN ID between 1 and 4094.
      cluster.yaml:11:27  cilium_loadbalancer_mode  Expected one of "dsr", "snat". Write one of them as text.
      cluster.yaml:14:5  agentgateway_scopes[1]  Empty value. Set a value or remove it.
      cluster.yaml:15:31  keycloak_postgresql_replicas  Expected a whole number, got a decimal number. Write a whole number.
      cluster.yaml:16:19  node_dns_servers  Expected a list, got text. Write a YAML list: one "- item" line per entry, or [item1, item2]."
    `);
    expect(clusterErrors({}, [...baseNodes(), null, "k8s-4"])).toMatchInlineSnapshot(`
      "nodes.yaml:20:5  nodes[3]  This list entry is empty. Fill it in or remove the line.
      nodes.yaml:21:5  nodes[4]  Expected a mapping (key: value lines), got text."
    `);
  });
});
