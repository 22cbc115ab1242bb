import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type AgentgatewayRelease, RELEASES, buildMcpOAuthProxy } from "../src/index.js";
import { multiServerInput, referenceInput } from "./fixtures.js";
import { appFiles, expectOk } from "./helpers.js";

function findKubectl(): string | undefined {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return "kubectl";
  } catch {
    return undefined;
  }
}

const kubectl = findKubectl();
const root = mkdtempSync(join(tmpdir(), "mcp-kustomize-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(!kubectl)(`kubectl kustomize${kubectl ? "" : " (skipped: kubectl is not on PATH)"}`, () => {
  for (const release of Object.keys(RELEASES) as AgentgatewayRelease[]) {
    it.each([
      ["reference", referenceInput],
      ["multi-server", multiServerInput],
    ])(`builds every app of the %s configuration (${release})`, (name, input) => {
      const contribution = expectOk(buildMcpOAuthProxy(input(), { release }));
      const dir = join(root, release, name);
      for (const [path, text] of appFiles(contribution)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      for (const app of contribution.apps ?? []) {
        const out = execFileSync(kubectl as string, ["kustomize", join(dir, "kubernetes/apps", app.namespace, app.name, "app")], { encoding: "utf8" });
        const kinds = out.match(/^kind: .+$/gm) ?? [];
        const expected = app.files.flatMap((f) => f.documents.map((d) => `kind: ${String(d.kind)}`));
        expect(kinds.sort(), app.name).toEqual(expected.sort());
      }
    });
  }
});
