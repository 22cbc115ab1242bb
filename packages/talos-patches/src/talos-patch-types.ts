/**
 * The subset of the Talos v1alpha1 machine configuration that the generated patches touch, typed so that
 * the compiler enforces what the Talos schema wants: `extraArgs` and `sysctls` values are strings,
 * switches are booleans.
 */

/** A strategic-merge directive that removes the node it replaces from the base configuration. */
export interface PatchDelete {
  $patch: "delete";
}

export interface MachineFile {
  op: "create" | "append" | "overwrite";
  path: string;
  content: string;
  permissions?: number;
}

export interface EncryptionKey {
  slot: number;
  tpm?: Record<string, never>;
  nodeID?: Record<string, never>;
}

export interface EncryptionSpec {
  provider: "luks2";
  keys: EncryptionKey[];
}

export interface TalosMachinePatch {
  files?: MachineFile[];
  kubelet?: {
    extraArgs?: Record<string, string>;
    extraConfig?: Record<string, unknown>;
    nodeIP?: { validSubnets: string[] };
  };
  network?: {
    disableSearchDomain?: boolean;
    nameservers?: string[];
  };
  sysctls?: Record<string, string>;
  time?: {
    disabled?: boolean;
    servers?: string[];
  };
  /** Deprecated in Talos v1.11 (VolumeConfig replaces it) but still accepted; see tools/schema-tolerances.mjs. */
  systemDiskEncryption?: {
    state?: EncryptionSpec;
    ephemeral?: EncryptionSpec;
  };
}

export interface TalosClusterPatch {
  allowSchedulingOnControlPlanes?: boolean;
  apiServer?: {
    admissionControl?: PatchDelete;
    extraArgs?: Record<string, string>;
  };
  controllerManager?: { extraArgs?: Record<string, string> };
  coreDNS?: { disabled: boolean };
  etcd?: {
    extraArgs?: Record<string, string>;
    advertisedSubnets?: string[];
  };
  proxy?: { disabled: boolean };
  scheduler?: { extraArgs?: Record<string, string> };
}

/** A strategic-merge patch of the Talos v1alpha1 machine configuration document. */
export interface TalosConfigPatch {
  machine?: TalosMachinePatch;
  cluster?: TalosClusterPatch;
}
