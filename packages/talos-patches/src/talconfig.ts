import { toYaml, type ResolvedConfig, type ResolvedNode } from "@talos-cluster/config-schema";
import type { Talconfig, TalconfigNetworkInterface, TalconfigNode, TalconfigRoute } from "./talconfig-types.js";
import { buildDiskEncryptionPatch, buildTalosPatches } from "./talos-patches.js";
import { patchReference, sortFileNames, type UserPatches } from "./user-patches.js";

export interface TalconfigOptions {
  /** Patch files the user keeps in their repository; referenced next to the generated ones. */
  userPatches?: UserPatches;
}

/** The reference hard-codes the cluster name; kubeconfig contexts and talosconfig use it. */
export const CLUSTER_NAME = "kubernetes";

/** talhelper substitutes these from talos/talenv.yaml when it loads talconfig.yaml. */
export const TALOS_VERSION_PLACEHOLDER = "${talosVersion}";
export const KUBERNETES_VERSION_PLACEHOLDER = "${kubernetesVersion}";

/** Links keep the NIC's default MTU (1500) unless told otherwise. */
const DEFAULT_LINK_MTU = 1500;

/**
 * Talos Image Factory installer for the node's schematic. No tag: talhelper appends `:<talosVersion>`
 * itself (a tag here would end up as `…:v1.11.5:v1.11.5`).
 */
export function installerImage(node: Pick<ResolvedNode, "schematic_id" | "secureboot">): string {
  return `factory.talos.dev/${node.secureboot ? "installer-secureboot" : "installer"}/${node.schematic_id}`;
}

function networkInterface(config: ResolvedConfig, node: ResolvedNode): TalconfigNetworkInterface {
  const prefix = config.node_cidr.split("/")[1];
  const addresses = [`${node.address}/${prefix}`];
  const routes: TalconfigRoute[] = [{ network: "0.0.0.0/0", gateway: config.node_default_gateway }];
  const vip = node.controller ? { ip: config.cluster_api_addr } : undefined;
  const deviceSelector = { hardwareAddr: node.mac_addr.toLowerCase() };
  if (config.node_vlan_tag !== undefined) {
    return {
      deviceSelector,
      // A VLAN cannot carry a larger MTU than its parent link (Linux rejects it), so jumbo frames on the
      // VLAN need them on the link too. The reference sets the MTU on the VLAN only.
      mtu: node.mtu > DEFAULT_LINK_MTU ? node.mtu : undefined,
      vlans: [{ vlanId: config.node_vlan_tag, addresses, mtu: node.mtu, routes, vip }],
    };
  }
  return { deviceSelector, dhcp: false, addresses, routes, mtu: node.mtu, vip };
}

function nodePatches(node: ResolvedNode, userPatches: UserPatches): string[] | undefined {
  const patches: string[] = [];
  if (node.encrypt_disk) patches.push(toYaml(buildDiskEncryptionPatch()).replace(/\n$/, ""));
  for (const file of sortFileNames(userPatches.nodes?.[node.name] ?? [])) patches.push(patchReference(node.name, file));
  return patches.length > 0 ? patches : undefined;
}

function buildNode(config: ResolvedConfig, node: ResolvedNode, userPatches: UserPatches): TalconfigNode {
  const byPath = node.disk.startsWith("/");
  return {
    hostname: node.name,
    ipAddress: node.address,
    installDisk: byPath ? node.disk : undefined,
    installDiskSelector: byPath ? undefined : { serial: node.disk },
    machineSpec: { secureboot: node.secureboot },
    talosImageURL: installerImage(node),
    controlPlane: node.controller,
    networkInterfaces: [networkInterface(config, node)],
    nodeLabels: node.nodeLabels ? { ...node.nodeLabels } : undefined,
    patches: nodePatches(node, userPatches),
  };
}

/** talhelper's talconfig.yaml as a plain object (not yet validated or escaped; see buildTalosFiles). */
export function buildTalconfig(config: ResolvedConfig, options: TalconfigOptions = {}): Talconfig {
  const userPatches = options.userPatches ?? {};
  const generated = buildTalosPatches(config);
  const references = (group: string, names: Iterable<string>) =>
    sortFileNames(names).map((file) => patchReference(group, file));
  const sans = ["127.0.0.1", config.cluster_api_addr, ...config.cluster_api_tls_sans];
  const hasWorkers = config.nodes.some((n) => !n.controller);
  const workerPatches = references("worker", userPatches.worker ?? []);
  return {
    clusterName: CLUSTER_NAME,
    talosVersion: TALOS_VERSION_PLACEHOLDER,
    kubernetesVersion: KUBERNETES_VERSION_PLACEHOLDER,
    endpoint: `https://${config.cluster_api_addr}:6443`,
    additionalApiServerCertSans: sans,
    additionalMachineCertSans: [...sans],
    clusterPodNets: [config.cluster_pod_cidr],
    clusterSvcNets: [config.cluster_svc_cidr],
    // Cilium is installed by the bootstrap, so Talos installs no CNI.
    cniConfig: { name: "none" },
    nodes: config.nodes.map((node) => buildNode(config, node, userPatches)),
    patches: references("global", [...Object.keys(generated.global), ...(userPatches.global ?? [])]),
    controlPlane: {
      patches: references("controller", [...Object.keys(generated.controller), ...(userPatches.controller ?? [])]),
    },
    // As in the reference: only when there is a worker to apply them to.
    worker: hasWorkers && workerPatches.length > 0 ? { patches: workerPatches } : undefined,
  };
}
