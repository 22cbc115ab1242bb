import { fileURLToPath } from "node:url";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildFluxTree } from "../src/index.js";
import { fakeSecrets, minimalConfig } from "./fixtures/configs.js";

const overridesDir = fileURLToPath(new URL("./fixtures/overrides", import.meta.url));

describe("templates/overrides (makejinja semantics: the first input wins)", () => {
  it("replaces a package template, adds a new app file and replaces a generated file", async () => {
    const result = await buildFluxTree(minimalConfig, { secrets: fakeSecrets, overridesDir });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const hr = result.files.get("kubernetes/apps/default/echo/app/helmrelease.yaml")!;
    expect(hr).toContain("replicas: 3");
    expect(hr).toContain("hello.example.com");
    expect(hr).not.toContain("LOG_IGNORE_PATH");
    expect(result.files.get("kubernetes/apps/default/echo/app/configmap.yaml")).toContain("hello from example/home-cluster");
    expect(result.files.get("kubernetes/apps/default/echo/app/kustomization.yaml")).toContain("./configmap.yaml");
    expect(result.files.get("kubernetes/apps/kube-system/coredns/ks.yaml")).toContain("interval: 30m");
    // Everything else is untouched.
    const plain = await buildFluxTree(minimalConfig, { secrets: fakeSecrets });
    if (!plain.ok) throw new Error("plain build failed");
    expect(result.files.get("kubernetes/apps/kube-system/cilium/app/helmrelease.yaml")).toBe(
      plain.files.get("kubernetes/apps/kube-system/cilium/app/helmrelease.yaml"),
    );
  });

  it("validates overridden output and reports the problem by output path", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flux-overrides-"));
    mkdirSync(join(dir, "kubernetes/apps/default/echo/app"), { recursive: true });
    writeFileSync(
      join(dir, "kubernetes/apps/default/echo/app/helmrelease.yaml.j2"),
      "---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: echo\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: echo-typo\n  interval: 1h\n",
    );
    const result = await buildFluxTree(minimalConfig, { secrets: fakeSecrets, overridesDir: dir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        file: "kubernetes/apps/default/echo/app/helmrelease.yaml",
        path: "[0].spec.chartRef",
        rule: "chart-source",
        message: 'OCIRepository "echo-typo" in namespace "default" does not exist. Add the chart source to the app or fix the reference.',
      },
    ]);
  });

  it("reports a template error with the template's position", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flux-overrides-"));
    mkdirSync(join(dir, "kubernetes/apps/default/echo/app"), { recursive: true });
    writeFileSync(join(dir, "kubernetes/apps/default/echo/app/helmrelease.yaml.j2"), "---\nkind: #% if %#\n");
    const result = await buildFluxTree(minimalConfig, { secrets: fakeSecrets, overridesDir: dir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]!.file).toBe("templates/overrides/kubernetes/apps/default/echo/app/helmrelease.yaml.j2");
    expect(result.errors[0]!.line).toBe(2);
  });
  it("reports rendered output that is not YAML mappings by output path and position", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flux-overrides-"));
    mkdirSync(join(dir, "kubernetes/apps/default/echo/app"), { recursive: true });
    writeFileSync(join(dir, "kubernetes/apps/default/echo/app/helmrelease.yaml.j2"), "---\n- a list\n---\nkind: [unclosed\n");
    const result = await buildFluxTree(minimalConfig, { secrets: fakeSecrets, overridesDir: dir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const file = "kubernetes/apps/default/echo/app/helmrelease.yaml";
    expect(result.errors.map((e) => ({ ...e, message: e.message.split(":")[0] }))).toEqual([
      { file, line: undefined, col: undefined, message: "Expected a YAML mapping (a Kubernetes object)." },
      { file, line: 5, col: 1, message: "Invalid YAML" },
    ]);
  });
});
