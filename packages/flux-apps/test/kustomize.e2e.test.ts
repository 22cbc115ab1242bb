import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFluxTree } from "../src/index.js";
import { fakeSecrets, fullConfig, minimalConfig } from "./fixtures/configs.js";
import { writeTree } from "./fixtures/write-tree.js";

const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" });
const hasKubectl = kubectl.status === 0;
if (!hasKubectl) console.warn("SKIPPED kustomize e2e: `kubectl` is not on PATH, so `kubectl kustomize` cannot be run.");

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

describe.skipIf(!hasKubectl)("kubectl kustomize builds every kustomization directory", () => {
  it.each([
    ["minimal", minimalConfig],
    ["all-features", fullConfig],
  ] as const)("%s", async (_name, config) => {
    const result = await buildFluxTree(config, { secrets: fakeSecrets });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const root = writeTree(result.files);
    roots.push(root);
    // Components are built through the namespaces that include them.
    const dirs = [...result.files.keys()]
      .filter((p) => p.endsWith("/kustomization.yaml") && !p.startsWith("kubernetes/components/"))
      .map((p) => p.slice(0, -"/kustomization.yaml".length));
    expect(dirs.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const dir of dirs) {
      const run = spawnSync("kubectl", ["kustomize", join(root, dir)], { encoding: "utf8" });
      if (run.status !== 0) failures.push(`${dir}: ${run.stderr.trim()}`);
      else expect(run.stdout).toContain("apiVersion:");
    }
    expect(failures).toEqual([]);
  });
});
