import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, commandLines, makeRepo, runBin } from "./fake-tools/harness.js";

// Run as a user runs it: the built bin, stdin ignored, only fake tools on PATH.
const lines = commandLines;

describe("talos-cluster reconcile (built bin, fake tools)", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (pnpm --filter create-talos-cluster build).`);
  });

  it("reconcile", () => {
    const root = makeRepo({ kubeconfig: true });
    const out = runBin(root, ["reconcile"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual(["flux --namespace flux-system reconcile kustomization flux-system --with-source"]);
  });

});
