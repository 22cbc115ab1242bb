import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appDir, type FluxApp, serializeFluxApp } from "@talos-cluster/flux-apps";
import { type AiGatewayRelease, buildAiGatewayFromConfig } from "../src/index.js";
import { entraConfig, resolvedConfig } from "./fixtures.js";

function onPath(tool: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      execFileSync(join(dir, tool), ["version", "--client"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
}

const hasKubectl = onPath("kubectl");
if (!hasKubectl) console.warn("kubectl is not on PATH: skipping the `kubectl kustomize` checks of the generated apps");

const root = mkdtempSync(join(tmpdir(), "ai-gateway-kustomize-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes an app with flux-apps' serializer (ks.yaml, app/kustomization.yaml, files); returns its app/ dir. */
function writeApp(dir: string, app: FluxApp): string {
  for (const [path, text] of serializeFluxApp(app)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, appDir(app), "app");
}

describe.skipIf(!hasKubectl).each(["v1.1.0", "v0.5.0"] as AiGatewayRelease[])("kubectl kustomize at %s", (release) => {
  it.each([
    ["api-key", resolvedConfig],
    ["entra-id", entraConfig],
  ] as const)("builds every generated app (%s)", (variant, config) => {
    const result = buildAiGatewayFromConfig(config(), { release });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    for (const app of result.contribution.apps ?? []) {
      const appDir = writeApp(join(root, release, variant), app);
      const out = execFileSync("kubectl", ["kustomize", appDir], { encoding: "utf8" });
      // kubectl prints each object as "kind: X" and "metadata:\n  name: Y" at fixed indentation.
      const built = out
        .split(/^---$/m)
        .map((doc) => `${/^kind: (\S+)$/m.exec(doc)?.[1]}/${/^metadata:\n(?:  .*\n)*?  name: (\S+)$/m.exec(doc)?.[1]}`);
      const expected = app.files.flatMap((f) => f.documents).map((d) => `${String(d.kind)}/${(d.metadata as { name: string }).name}`);
      expect(built.sort()).toEqual(expected.sort());
    }
  });
});

describe.skipIf(!hasKubectl)("api-versions through kubectl kustomize", () => {
  // kustomize reads YAML 1.1: an unquoted 2023-05-15 would become "2023-05-15T00:00:00Z", which
  // Azure rejects as api-version. toYaml quotes such strings; this guards that for our output.
  it("keeps the embedding api-version 2023-05-15 a string", () => {
    const result = buildAiGatewayFromConfig(resolvedConfig());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const app = (result.contribution.apps ?? []).find((a) => a.name === "azure-openai-us-east")!;
    const out = execFileSync("kubectl", ["kustomize", writeApp(join(root, "dates"), app)], { encoding: "utf8" });
    expect(out).toMatch(/^ {4}version: "2023-05-15"$/m);
  });
});
