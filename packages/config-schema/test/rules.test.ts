import { describe, expect, it } from "vitest";
import { toYaml } from "../src/index.js";
import { baseCluster, baseNodes, clusterErrors, errorsOf, node, parseObjects, parseTexts, warningsOf } from "./helpers.js";

const BGP = { cilium_bgp_router_addr: "192.168.1.1", cilium_bgp_router_asn: 64512, cilium_bgp_node_asn: 64513 };

describe("CIDRs do not overlap", () => {
  it("accepts disjoint node, pod and service networks", () => {
    expect(clusterErrors({ node_cidr: "192.168.1.0/24", cluster_pod_cidr: "10.244.0.0/16", cluster_svc_cidr: "10.96.0.0/16" })).toBe("");
  });

  it("rejects equal, nested and partially overlapping networks, naming the other key", () => {
    expect(clusterErrors({ cluster_svc_cidr: "10.42.0.0/16" })).toMatchInlineSnapshot(`"cluster.yaml:10:19  cluster_svc_cidr  10.42.0.0/16 overlaps cluster_pod_cidr 10.42.0.0/16 (the default). The node, pod and service networks must not overlap: choose a different range."`);
    expect(clusterErrors({ cluster_pod_cidr: "10.0.0.0/8" })).toMatchInlineSnapshot(`"cluster.yaml:10:19  cluster_pod_cidr  10.0.0.0/8 contains cluster_svc_cidr 10.43.0.0/16 (the default). The node, pod and service networks must not overlap: choose a different range."`);
    expect(clusterErrors({ cluster_pod_cidr: "10.42.0.0/24", cluster_svc_cidr: "10.42.0.0/16" })).toMatchInlineSnapshot(`"cluster.yaml:11:19  cluster_svc_cidr  10.42.0.0/16 contains cluster_pod_cidr 10.42.0.0/24. The node, pod and service networks must not overlap: choose a different range."`);
  });

  it("rejects a node network inside the default pod network", () => {
    expect(
      clusterErrors(
        {
          node_cidr: "10.42.1.0/24",
          cluster_api_addr: "10.42.1.100",
          cluster_gateway_addr: "10.42.1.101",
          cluster_dns_gateway_addr: "10.42.1.102",
          cloudflare_gateway_addr: "10.42.1.103",
        },
        [node("k8s-0", "10.42.1.10", true, "00:11:22:33:44:00")],
      ),
    ).toMatchInlineSnapshot(`"cluster.yaml:1:12  node_cidr  10.42.1.0/24 is inside cluster_pod_cidr 10.42.0.0/16 (the default). The node, pod and service networks must not overlap: choose a different range."`);
  });

  it("rejects a node network too small for a gateway, the API and nodes", () => {
    expect(clusterErrors({ node_cidr: "192.168.1.100/31" })).toMatchInlineSnapshot(`
      "cluster.yaml:1:12  node_cidr  192.168.1.100/31 is too small: node_cidr must hold the default gateway, the API address and every node. Use a /30 or larger network (a /24 is typical).
      cluster.yaml:3:23  cluster_gateway_addr  192.168.1.101 is the default gateway (node_default_gateway defaults to the first host of node_cidr). Use another address, or set node_default_gateway to your router's address."
    `);
  });
});

describe("addresses inside node_cidr", () => {
  it("rejects node addresses and the API VIP outside node_cidr, or on its network/broadcast address", () => {
    expect(
      clusterErrors({ cluster_api_addr: "192.168.2.100" }, [
        node("k8s-0", "192.168.1.0", true, "00:11:22:33:44:00"),
        node("k8s-1", "192.168.1.255", true, "00:11:22:33:44:01"),
        node("k8s-2", "10.0.0.12", true, "00:11:22:33:44:02"),
      ]),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:2:19  cluster_api_addr  192.168.2.100 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254.
      nodes.yaml:3:14  nodes[0].address  192.168.1.0 is the network address of node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254.
      nodes.yaml:9:14  nodes[1].address  192.168.1.255 is the broadcast address of node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254.
      nodes.yaml:15:14  nodes[2].address  10.0.0.12 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254."
    `);
  });

  it("rejects load-balancer addresses outside node_cidr without BGP", () => {
    expect(
      clusterErrors({
        cluster_gateway_addr: "10.0.50.1",
        cluster_dns_gateway_addr: "192.168.1.255",
        cloudflare_gateway_addr: "10.0.50.3",
        envoy_ai_gateway_addr: "10.0.50.4",
        agentgateway_addr: "10.0.50.5",
      }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:3:23  cluster_gateway_addr  10.0.50.1 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254, or turn on BGP (cilium_bgp_router_addr, cilium_bgp_router_asn, cilium_bgp_node_asn) to announce it from elsewhere.
      cluster.yaml:4:27  cluster_dns_gateway_addr  192.168.1.255 is the broadcast address of node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254, or turn on BGP (cilium_bgp_router_addr, cilium_bgp_router_asn, cilium_bgp_node_asn) to announce it from elsewhere.
      cluster.yaml:5:26  cloudflare_gateway_addr  10.0.50.3 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254, or turn on BGP (cilium_bgp_router_addr, cilium_bgp_router_asn, cilium_bgp_node_asn) to announce it from elsewhere.
      cluster.yaml:10:24  envoy_ai_gateway_addr  10.0.50.4 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254, or turn on BGP (cilium_bgp_router_addr, cilium_bgp_router_asn, cilium_bgp_node_asn) to announce it from elsewhere.
      cluster.yaml:11:20  agentgateway_addr  10.0.50.5 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254, or turn on BGP (cilium_bgp_router_addr, cilium_bgp_router_asn, cilium_bgp_node_asn) to announce it from elsewhere."
    `);
  });

  it("accepts load-balancer addresses elsewhere with BGP, but not inside the pod or service network", () => {
    expect(clusterErrors({ ...BGP, cluster_gateway_addr: "10.0.50.1", cloudflare_gateway_addr: "172.16.0.3" })).toBe("");
    expect(clusterErrors({ ...BGP, cluster_gateway_addr: "10.42.0.1", cloudflare_gateway_addr: "10.43.0.10" })).toMatchInlineSnapshot(`
      "cluster.yaml:3:23  cluster_gateway_addr  10.42.0.1 is inside cluster_pod_cidr 10.42.0.0/16. Use an address outside the pod and service networks.
      cluster.yaml:5:26  cloudflare_gateway_addr  10.43.0.10 is inside cluster_svc_cidr 10.43.0.0/16. Use an address outside the pod and service networks."
    `);
  });

  it("checks an explicit default gateway like any node address", () => {
    expect(clusterErrors({ node_default_gateway: "192.168.1.254" })).toBe("");
    expect(clusterErrors({ node_default_gateway: "192.168.7.1" })).toMatchInlineSnapshot(`"cluster.yaml:10:23  node_default_gateway  192.168.7.1 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254."`);
  });
});

describe("addresses are unique", () => {
  it("rejects a node reusing another node's address", () => {
    expect(
      clusterErrors({}, [node("cp-1", "192.168.1.10", true, "00:11:22:33:44:00"), node("cp-2", "192.168.1.10", false, "00:11:22:33:44:01")]),
    ).toMatchInlineSnapshot(`"nodes.yaml:9:14  nodes[1].address  Node "cp-2" reuses 192.168.1.10 from node "cp-1". Give each node a unique address."`);
  });

  it("rejects VIPs and gateways sharing an address, and nodes on a VIP", () => {
    expect(
      clusterErrors({ cluster_gateway_addr: "192.168.1.100", cloudflare_gateway_addr: "192.168.1.102" }, [
        ...baseNodes().slice(0, 2),
        node("k8s-2", "192.168.1.101", true, "00:11:22:33:44:02"),
      ]),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:3:23  cluster_gateway_addr  192.168.1.100 is already used by cluster_api_addr. Give every node, VIP and gateway its own address.
      cluster.yaml:5:26  cloudflare_gateway_addr  192.168.1.102 is already used by cluster_dns_gateway_addr. Give every node, VIP and gateway its own address."
    `);
  });

  it("rejects an address that is the derived default gateway, and says how to change it", () => {
    expect(clusterErrors({ cluster_api_addr: "192.168.1.1" })).toMatchInlineSnapshot(`"cluster.yaml:2:19  cluster_api_addr  192.168.1.1 is the default gateway (node_default_gateway defaults to the first host of node_cidr). Use another address, or set node_default_gateway to your router's address."`);
    expect(clusterErrors({ cluster_api_addr: "192.168.1.1", node_default_gateway: "192.168.1.254" })).toBe("");
  });

  it("rejects an explicit default gateway used by a node", () => {
    expect(clusterErrors({ node_default_gateway: "192.168.1.10" })).toMatchInlineSnapshot(`"nodes.yaml:3:14  nodes[0].address  192.168.1.10 is already used by node_default_gateway. Give every node, VIP and gateway its own address."`);
  });

  it("checks the optional gateways only when they are set", () => {
    expect(clusterErrors({ envoy_ai_gateway_addr: "192.168.1.104", agentgateway_addr: "192.168.1.105" })).toBe("");
    expect(clusterErrors({ envoy_ai_gateway_addr: "192.168.1.101", agentgateway_addr: "192.168.1.104" })).toMatchInlineSnapshot(`"cluster.yaml:10:24  envoy_ai_gateway_addr  192.168.1.101 is already used by cluster_gateway_addr. Give every node, VIP and gateway its own address."`);
  });
});

describe("nodes", () => {
  it("rejects duplicate names and MAC addresses", () => {
    expect(
      clusterErrors({}, [
        node("k8s-0", "192.168.1.10", true, "00:11:22:33:44:00"),
        node("k8s-0", "192.168.1.11", true, "00:11:22:33:44:01"),
        node("k8s-2", "192.168.1.12", true, "00:11:22:33:44:00"),
      ]),
    ).toMatchInlineSnapshot(`
      "nodes.yaml:8:11  nodes[1].name  Node name "k8s-0" is already used by nodes[0]. Give each node a unique name.
      nodes.yaml:18:15  nodes[2].mac_addr  Node "k8s-2" reuses MAC address 00:11:22:33:44:00 from node "k8s-0". Give each node the MAC of its own network interface."
    `);
  });

  it("requires at least one controller", () => {
    expect(clusterErrors({}, [node("k8s-0", "192.168.1.10", true, "00:11:22:33:44:00")])).toBe("");
    expect(clusterErrors({}, [node("k8s-0", "192.168.1.10", false, "00:11:22:33:44:00")])).toMatchInlineSnapshot(`"nodes.yaml:2:3  nodes  No controller node. Set controller: true on at least one node (1 or 3 controllers are typical)."`);
    expect(clusterErrors({}, [])).toMatchInlineSnapshot(`"nodes.yaml:1:8  nodes  No nodes listed. Add at least one node with controller: true."`);
  });

  it("warns about an even number of controllers", () => {
    const result = parseObjects(
      baseCluster(),
      [node("k8s-0", "192.168.1.10", true, "00:11:22:33:44:00"), node("k8s-1", "192.168.1.11", true, "00:11:22:33:44:01")],
    );
    expect(result.ok).toBe(true);
    expect(warningsOf(result)).toMatchInlineSnapshot(`"nodes.yaml:2:3  nodes  2 controllers: etcd tolerates no more failures with 2 members than with 1. Use an odd number of controllers (1, 3 or 5)."`);
  });
});

describe("BGP is all or nothing", () => {
  it("accepts none or all three keys", () => {
    expect(clusterErrors({})).toBe("");
    expect(clusterErrors(BGP)).toBe("");
  });

  it("names the missing keys when only some are set", () => {
    expect(clusterErrors({ cilium_bgp_router_addr: "192.168.1.1" })).toMatchInlineSnapshot(`
      "cluster.yaml:10:25  cilium_bgp_node_asn  BGP needs all three of cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn; cilium_bgp_node_asn is missing. Add it, or remove cilium_bgp_router_addr to leave BGP off.
      cluster.yaml:10:25  cilium_bgp_router_asn  BGP needs all three of cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn; cilium_bgp_router_asn is missing. Add it, or remove cilium_bgp_router_addr to leave BGP off."
    `);
    expect(clusterErrors({ cilium_bgp_router_asn: "64512", cilium_bgp_node_asn: "64513" })).toMatchInlineSnapshot(`"cluster.yaml:10:24  cilium_bgp_router_addr  BGP needs all three of cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn; cilium_bgp_router_addr is missing. Add it, or remove cilium_bgp_router_asn and cilium_bgp_node_asn to leave BGP off."`);
  });
});

describe("Proxmox CSI", () => {
  const csi = { proxmox_api_url: "https://pve.example.com:8006/api2/json", proxmox_csi_token_id: "kubernetes-csi@pve!csi", proxmox_csi_token_secret: "fake" };

  it("accepts both tokens with the API URL", () => {
    expect(clusterErrors(csi)).toBe("");
  });

  it("needs the token ID and secret together, and the API URL", () => {
    expect(clusterErrors({ ...csi, proxmox_csi_token_secret: undefined })).toMatchInlineSnapshot(`"cluster.yaml:11:23  proxmox_csi_token_secret  Proxmox CSI needs proxmox_csi_token_id and proxmox_csi_token_secret together; proxmox_csi_token_secret is missing. Add it, or remove proxmox_csi_token_id."`);
    expect(clusterErrors({ ...csi, proxmox_csi_token_id: undefined })).toMatchInlineSnapshot(`"cluster.yaml:11:27  proxmox_csi_token_id  Proxmox CSI needs proxmox_csi_token_id and proxmox_csi_token_secret together; proxmox_csi_token_id is missing. Add it (user@realm!token), or remove proxmox_csi_token_secret."`);
    expect(clusterErrors({ ...csi, proxmox_api_url: undefined })).toMatchInlineSnapshot(`"cluster.yaml:10:23  proxmox_api_url  Proxmox CSI is on (proxmox_csi_token_id and proxmox_csi_token_secret are set) but proxmox_api_url is missing. Add it, e.g. proxmox_api_url: https://pve.example.com:8006/api2/json."`);
    expect(clusterErrors({ proxmox_ccm_token_id: "ccm@pve!ccm" })).toMatchInlineSnapshot(`"cluster.yaml:10:23  proxmox_ccm_token_secret  Proxmox CCM needs proxmox_ccm_token_id and proxmox_ccm_token_secret together; proxmox_ccm_token_secret is missing. Add it, or remove proxmox_ccm_token_id."`);
  });
});

describe("Envoy AI Gateway", () => {
  const ai = {
    envoy_ai_gateway_enabled: true,
    envoy_ai_gateway_addr: "192.168.1.104",
    azure_openai_us_east_resource_name: "my-openai-eastus",
    azure_openai_us_east_api_key: "fake",
  };

  it("accepts an address and one region with an API key or Entra ID", () => {
    expect(clusterErrors(ai)).toBe("");
    expect(
      clusterErrors({
        ...ai,
        azure_openai_us_east_api_key: undefined,
        azure_tenant_id: "tenant",
        azure_client_id: "client",
        azure_client_secret: "secret",
      }),
    ).toBe("");
    expect(
      clusterErrors({
        ...ai,
        azure_openai_us_east_resource_name: undefined,
        azure_openai_us_east_api_key: undefined,
        azure_openai_us_east2_resource_name: "my-openai-eastus2",
        azure_openai_us_east2_api_key: "fake",
      }),
    ).toBe("");
  });

  it("needs its address and a configured region when enabled", () => {
    expect(clusterErrors({ envoy_ai_gateway_enabled: true })).toMatchInlineSnapshot(`
      "cluster.yaml:10:27  envoy_ai_gateway_addr  The AI gateway is on (envoy_ai_gateway_enabled: true) but envoy_ai_gateway_addr is missing. Add an unused IPv4 address for its load balancer, or set envoy_ai_gateway_enabled: false.
      cluster.yaml:10:27  envoy_ai_gateway_enabled  The AI gateway is on but no Azure OpenAI region is configured. Set azure_openai_us_east_resource_name with azure_openai_us_east_api_key (or the us_east2 pair; Entra ID credentials can replace the API key), or set envoy_ai_gateway_enabled: false."
    `);
    expect(clusterErrors({ ...ai, azure_openai_us_east_api_key: undefined })).toMatchInlineSnapshot(`"cluster.yaml:12:37  azure_openai_us_east_api_key  azure_openai_us_east_resource_name is set but the region has no credentials. Add azure_openai_us_east_api_key, or set azure_tenant_id, azure_client_id and azure_client_secret to use Entra ID."`);
  });

  it("needs a resource name with each API key, and the Entra ID keys together", () => {
    expect(clusterErrors({ ...ai, azure_openai_us_east2_api_key: "fake" })).toMatchInlineSnapshot(`"cluster.yaml:14:32  azure_openai_us_east2_resource_name  azure_openai_us_east2_api_key is set but azure_openai_us_east2_resource_name is missing. Add the name of the Azure OpenAI resource in that region, or remove azure_openai_us_east2_api_key."`);
    expect(clusterErrors({ ...ai, azure_tenant_id: "tenant" })).toMatchInlineSnapshot(`
      "cluster.yaml:14:18  azure_client_id  Entra ID for Azure OpenAI needs azure_tenant_id, azure_client_id and azure_client_secret together; azure_client_id is missing. Add it, or remove azure_tenant_id.
      cluster.yaml:14:18  azure_client_secret  Entra ID for Azure OpenAI needs azure_tenant_id, azure_client_id and azure_client_secret together; azure_client_secret is missing. Add it, or remove azure_tenant_id."
    `);
  });

  it("ignores Azure keys while disabled, except for incomplete pairs", () => {
    expect(clusterErrors({ azure_openai_us_east_resource_name: "x" })).toBe("");
    expect(clusterErrors({ azure_openai_us_east_api_key: "x" })).toMatchInlineSnapshot(`"cluster.yaml:10:31  azure_openai_us_east_resource_name  azure_openai_us_east_api_key is set but azure_openai_us_east_resource_name is missing. Add the name of the Azure OpenAI resource in that region, or remove azure_openai_us_east_api_key."`);
  });
});

describe("Keycloak and agentgateway", () => {
  const keycloak = { keycloak_enabled: true, keycloak_admin_password: "fake", keycloak_db_password: "fake" };
  const entra = {
    keycloak_entra_id_enabled: true,
    keycloak_entra_id_tenant_id: "tenant",
    keycloak_entra_id_client_id: "client",
    keycloak_entra_id_client_secret: "secret",
  };
  const agentgateway = { agentgateway_enabled: true, agentgateway_addr: "192.168.1.105", keycloak_oidc_client_secret: "fake" };

  it("accepts Keycloak with Entra ID and agentgateway fully configured", () => {
    expect(clusterErrors({ ...keycloak, ...entra, ...agentgateway })).toBe("");
  });

  it("needs tenant, client and secret for Entra ID federation", () => {
    expect(clusterErrors({ ...keycloak, keycloak_entra_id_enabled: true, keycloak_entra_id_tenant_id: "tenant" })).toMatchInlineSnapshot(`
      "cluster.yaml:13:28  keycloak_entra_id_client_id  Entra ID federation is on (keycloak_entra_id_enabled: true) but keycloak_entra_id_client_id is missing. Add it from your Entra ID app registration, or set keycloak_entra_id_enabled: false.
      cluster.yaml:13:28  keycloak_entra_id_client_secret  Entra ID federation is on (keycloak_entra_id_enabled: true) but keycloak_entra_id_client_secret is missing. Add it from your Entra ID app registration, or set keycloak_entra_id_enabled: false."
    `);
  });

  it("needs Keycloak and an address for agentgateway", () => {
    expect(clusterErrors({ agentgateway_enabled: true })).toMatchInlineSnapshot(`
      "cluster.yaml:10:23  agentgateway_addr  agentgateway is on (agentgateway_enabled: true) but agentgateway_addr is missing. Add an unused IPv4 address for its load balancer, or set agentgateway_enabled: false.
      cluster.yaml:10:23  keycloak_enabled  agentgateway is on (agentgateway_enabled: true) but it needs Keycloak. Set keycloak_enabled: true, or set agentgateway_enabled: false."
    `);
    expect(clusterErrors({ ...agentgateway, keycloak_enabled: false })).toMatchInlineSnapshot(`"cluster.yaml:13:19  keycloak_enabled  agentgateway is on (agentgateway_enabled: true) but it needs Keycloak. Set keycloak_enabled: true, or set agentgateway_enabled: false."`);
  });

  it("warns about settings that render empty secrets or do nothing", () => {
    const result = parseObjects({
      ...baseCluster(),
      keycloak_enabled: true,
      agentgateway_enabled: true,
      agentgateway_addr: "192.168.1.105",
    });
    expect(result.ok).toBe(true);
    expect(warningsOf(result)).toMatchInlineSnapshot(`
      "cluster.yaml:10:19  keycloak_admin_password  Keycloak is on but keycloak_admin_password is not set, so the generated secret will be empty. Set keycloak_admin_password.
      cluster.yaml:10:19  keycloak_db_password  Keycloak is on but keycloak_db_password is not set, so the generated secret will be empty. Set keycloak_db_password.
      cluster.yaml:11:23  keycloak_agentgateway_client_secret  agentgateway is on but neither keycloak_agentgateway_client_secret nor keycloak_oidc_client_secret is set, so its Keycloak client secret will be empty. Set keycloak_agentgateway_client_secret."
    `);
  });
});

describe("all problems at once", () => {
  it("reports schema and cross-field problems of both files together, sorted by position", () => {
    expect(
      clusterErrors(
        { node_cidr: "192.168.1.0/24", cluster_api_addr: "192.168.1.10", node_vlan_tag: 0, cilium_bgp_node_asn: "64513", obot_enabled: true },
        [node("k8s-0", "192.168.1.10", false, "00:11:22:33:44:0G"), node("k8s-0", "192.168.9.11", false, "00:11:22:33:44:01")],
      ),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:10:16  node_vlan_tag  0 is out of range. Use a VLAN ID between 1 and 4094.
      cluster.yaml:11:22  cilium_bgp_router_addr  BGP needs all three of cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn; cilium_bgp_router_addr is missing. Add it, or remove cilium_bgp_node_asn to leave BGP off.
      cluster.yaml:11:22  cilium_bgp_router_asn  BGP needs all three of cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn; cilium_bgp_router_asn is missing. Add it, or remove cilium_bgp_node_asn to leave BGP off.
      cluster.yaml:12:1  obot_enabled  obot is not supported by talos-cluster yet. Remove obot_enabled from this file.
      nodes.yaml:2:3  nodes  No controller node. Set controller: true on at least one node (1 or 3 controllers are typical).
      nodes.yaml:3:14  nodes[0].address  192.168.1.10 is already used by cluster_api_addr. Give every node, VIP and gateway its own address.
      nodes.yaml:6:15  nodes[0].mac_addr  "00:11:22:33:44:0G" is not a MAC address. Write six lowercase hex pairs separated by colons, e.g. 00:11:22:33:44:55.
      nodes.yaml:8:11  nodes[1].name  Node name "k8s-0" is already used by nodes[0]. Give each node a unique name.
      nodes.yaml:9:14  nodes[1].address  192.168.9.11 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254."
    `);
  });
});

describe("one bad value does not hide other problems", () => {
  it("checks addresses against node_cidr even when node_cidr has host bits set", () => {
    expect(clusterErrors({ node_cidr: "192.168.1.7/24", cluster_api_addr: "192.168.2.100" })).toMatchInlineSnapshot(`
      "cluster.yaml:1:12  node_cidr  "192.168.1.7/24" has host bits set. Write the network address instead: 192.168.1.0/24.
      cluster.yaml:2:19  cluster_api_addr  192.168.2.100 is outside node_cidr 192.168.1.0/24. Use an address between 192.168.1.1 and 192.168.1.254."
    `);
  });

  it("checks cluster.yaml rules when nodes.yaml has a syntax error", () => {
    const result = parseTexts(toYaml({ ...baseCluster(), cilium_bgp_router_addr: "192.168.1.1" }), "nodes: [\n");
    expect(errorsOf(result)).toMatchInlineSnapshot(`
      "cluster.yaml:10:25  cilium_bgp_node_asn  BGP needs all three of cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn; cilium_bgp_node_asn is missing. Add it, or remove cilium_bgp_router_addr to leave BGP off.
      cluster.yaml:10:25  cilium_bgp_router_asn  BGP needs all three of cilium_bgp_router_addr, cilium_bgp_router_asn and cilium_bgp_node_asn; cilium_bgp_router_asn is missing. Add it, or remove cilium_bgp_router_addr to leave BGP off.
      nodes.yaml:2:1  YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the syntax at this position."
    `);
  });
});

describe("the BGP router", () => {
  it("may be the default gateway but not a node or a VIP", () => {
    expect(clusterErrors({ ...BGP, cilium_bgp_router_addr: "192.168.1.1" })).toBe("");
    expect(clusterErrors({ ...BGP, cilium_bgp_router_addr: "192.168.1.10" })).toMatchInlineSnapshot(`"cluster.yaml:10:25  cilium_bgp_router_addr  192.168.1.10 is already used by node "k8s-0". Set cilium_bgp_router_addr to your BGP router's address."`);
  });
});
