import type { ResolvedConfig } from "@talos-cluster/config-schema";
import type { TalosConfigPatch } from "./talos-patch-types.js";

/** Patch groups as talhelper applies them: `global` to every node, `controller` to control planes. */
export interface TalosPatchSet {
  /** File name (under `talos/patches/global/`) → patch, in file-name order. */
  global: Record<string, TalosConfigPatch>;
  /** File name (under `talos/patches/controller/`) → patch. */
  controller: Record<string, TalosConfigPatch>;
}

/**
 * containerd CRI settings: keep unpacked layers (Spegel serves them to other nodes) and let a pod's
 * security context own the devices it mounts.
 */
const CONTAINERD_CUSTOMIZATION = [
  '[plugins."io.containerd.cri.v1.images"]',
  "  discard_unpacked_layers = false",
  '[plugins."io.containerd.cri.v1.runtime"]',
  "  device_ownership_from_security_context = true",
  "",
].join("\n");

/** Kernel parameters for many watchers (Flux, editors), large UDP buffers (QUIC) and big ARP tables. */
const SYSCTLS: Record<string, string> = {
  "fs.inotify.max_user_watches": "1048576",
  "fs.inotify.max_user_instances": "8192",
  "net.core.rmem_max": "7500000",
  "net.core.wmem_max": "7500000",
  "net.ipv4.neigh.default.gc_thresh1": "4096",
  "net.ipv4.neigh.default.gc_thresh2": "8192",
  "net.ipv4.neigh.default.gc_thresh3": "16384",
  "user.max_user_namespaces": "11255",
};

/** ImageVolume lets pods mount OCI images (CloudNativePG extension images such as pgvector). */
const IMAGE_VOLUME_GATE = "ImageVolume=true";

/** The patches under `talos/patches/global/`, applied to every node. */
export function buildGlobalPatches(config: ResolvedConfig): Record<string, TalosConfigPatch> {
  return {
    "machine-files.yaml": {
      machine: {
        files: [{ op: "create", path: "/etc/cri/conf.d/20-customization.part", content: CONTAINERD_CUSTOMIZATION }],
      },
    },
    "machine-kubelet.yaml": {
      machine: {
        kubelet: {
          extraArgs: { "feature-gates": IMAGE_VOLUME_GATE },
          extraConfig: { serializeImagePulls: false },
          nodeIP: { validSubnets: [config.node_cidr] },
        },
      },
    },
    "machine-network.yaml": {
      machine: {
        network: {
          disableSearchDomain: true,
          nameservers: [...config.node_dns_servers],
        },
      },
    },
    "machine-sysctls.yaml": {
      machine: { sysctls: { ...SYSCTLS } },
    },
    "machine-time.yaml": {
      machine: {
        time: {
          disabled: false,
          servers: [...config.node_ntp_servers],
        },
      },
    },
  };
}

/** `talos/patches/controller/cluster.yaml`, applied to control-plane nodes. */
export function buildControllerPatch(config: ResolvedConfig): TalosConfigPatch {
  return {
    cluster: {
      allowSchedulingOnControlPlanes: config.allow_scheduling_on_control_planes,
      apiServer: {
        // Drop Talos' default PodSecurity admission configuration (baseline enforcement).
        admissionControl: { $patch: "delete" },
        extraArgs: {
          // https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/
          // Talos passes extraArgs as flag strings; a YAML boolean is rejected by its schema.
          "enable-aggregator-routing": "true",
          "feature-gates": IMAGE_VOLUME_GATE,
        },
      },
      // Metrics endpoints reachable by Prometheus on the node network.
      controllerManager: { extraArgs: { "bind-address": "0.0.0.0" } },
      // Cilium replaces kube-proxy; CoreDNS is deployed by Flux instead of Talos.
      coreDNS: { disabled: true },
      etcd: {
        extraArgs: { "listen-metrics-urls": "http://0.0.0.0:2381" },
        advertisedSubnets: [config.node_cidr],
      },
      proxy: { disabled: true },
      scheduler: { extraArgs: { "bind-address": "0.0.0.0" } },
    },
  };
}

/** Every generated machine-config patch, grouped as talhelper applies them. */
export function buildTalosPatches(config: ResolvedConfig): TalosPatchSet {
  return {
    global: buildGlobalPatches(config),
    controller: { "cluster.yaml": buildControllerPatch(config) },
  };
}

/** Inline per-node patch: LUKS2 encryption of the STATE and EPHEMERAL partitions, sealed by the TPM. */
export function buildDiskEncryptionPatch(): TalosConfigPatch {
  const tpmSealed = () => ({ provider: "luks2" as const, keys: [{ slot: 0, tpm: {} }] });
  return { machine: { systemDiskEncryption: { state: tpmSealed(), ephemeral: tpmSealed() } } };
}
