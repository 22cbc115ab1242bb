/**
 * The Talos and Kubernetes versions a generated cluster starts on. Upgrading is a one-line change here:
 * `talos/talenv.yaml` is rendered from these values with the Renovate comments below, so a user's Renovate
 * keeps bumping them after generation.
 *
 * The Talos minor version must match the vendored machine-config schema (schemas/talos-config_v1.11.json);
 * test/versions.test.ts fails when they drift, so a Talos minor bump also re-vendors the schema.
 */

// renovate: datasource=docker depName=ghcr.io/siderolabs/installer
export const TALOS_VERSION = "v1.11.5";
// renovate: datasource=docker depName=ghcr.io/siderolabs/kubelet
export const KUBERNETES_VERSION = "v1.34.2";

export interface PinnedVersion {
  /** The talenv.yaml key talhelper substitutes into `${…}` in talconfig.yaml. */
  key: "talosVersion" | "kubernetesVersion";
  version: string;
  /** Renovate datasource and package that track this version. */
  datasource: "docker";
  depName: string;
}

/** The pins in talenv.yaml order. */
export const PINNED_VERSIONS: readonly PinnedVersion[] = [
  { key: "talosVersion", version: TALOS_VERSION, datasource: "docker", depName: "ghcr.io/siderolabs/installer" },
  { key: "kubernetesVersion", version: KUBERNETES_VERSION, datasource: "docker", depName: "ghcr.io/siderolabs/kubelet" },
];
