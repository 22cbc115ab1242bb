import { describe, expect, it } from "vitest";
import { buildTalosFiles, type TalosFilesOptions } from "../src/index.js";
import type { ResolvedConfig } from "@talos-cluster/config-schema";
import { haCluster, minimalSingleNode, referencePrivate, referencePublic } from "./fixtures/configs.js";

const cases: Record<string, [ResolvedConfig, TalosFilesOptions?]> = {
  "minimal-single-node": [minimalSingleNode()],
  ha: [haCluster()],
  "reference-public": [referencePublic()],
  "reference-private": [referencePrivate()],
  "ha-user-patches": [
    haCluster(),
    {
      userPatches: {
        global: ["zz-registry-mirrors.yaml", "machine-udev.yaml"],
        controller: ["api-oidc.yaml"],
        worker: ["gpu.yaml"],
        nodes: { "cp-1": ["b-extra.yaml", "a-disks.yaml"], "worker-1": ["nvidia.yaml"] },
      },
    },
  ],
};

describe.each(Object.entries(cases))("%s", (name, [config, options]) => {
  const result = buildTalosFiles(config, options);

  it("renders every talos/ file the reference renders", () => {
    expect(result.ok ? [...result.files.keys()] : result.errors).toEqual([
      "talos/patches/README.md",
      "talos/patches/controller/cluster.yaml",
      "talos/patches/global/machine-files.yaml",
      "talos/patches/global/machine-kubelet.yaml",
      "talos/patches/global/machine-network.yaml",
      "talos/patches/global/machine-sysctls.yaml",
      "talos/patches/global/machine-time.yaml",
      "talos/talconfig.yaml",
      "talos/talenv.yaml",
    ]);
  });

  it("matches the golden files", async () => {
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.file} ${e.path} ${e.message}`).join("\n"));
    for (const [path, text] of result.files) {
      await expect(text).toMatchFileSnapshot(`./golden/${name}/${path}`);
    }
  });
});
