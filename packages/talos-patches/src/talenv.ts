import { toYaml } from "@talos-cluster/config-schema";
import { PINNED_VERSIONS } from "./versions.js";

export interface Talenv {
  talosVersion: string;
  kubernetesVersion: string;
}

/** talos/talenv.yaml: the variables talhelper substitutes into talconfig.yaml. */
export function buildTalenv(): Talenv {
  const env = Object.fromEntries(PINNED_VERSIONS.map((p) => [p.key, p.version]));
  return { talosVersion: env.talosVersion!, kubernetesVersion: env.kubernetesVersion! };
}

/**
 * talenv.yaml text: each key under its Renovate comment (`# renovate: datasource=… depName=…`), which
 * Renovate's talhelper/regex managers use to keep the pins current in the user's repository.
 */
export function renderTalenv(): string {
  const talenv = buildTalenv();
  return PINNED_VERSIONS.map((pin) =>
    toYaml({ [pin.key]: talenv[pin.key] }, { header: `renovate: datasource=${pin.datasource} depName=${pin.depName}` }),
  ).join("");
}
