import { beforeAll, describe, expect, it } from "vitest";
import { requireBuiltBin } from "./built-bin.js";
import { commandLines, makeRepo, runBin } from "./fake-tools/harness.js";

// Run as a user runs it: the built bin, stdin ignored, only fake tools on PATH.
const lines = commandLines;

describe("talos-cluster reconcile (built bin, fake tools)", () => {
  beforeAll(requireBuiltBin);

  it("reconcile", () => {
    const root = makeRepo({ kubeconfig: true });
    const out = runBin(root, ["reconcile"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual(["flux --namespace flux-system reconcile kustomization flux-system --with-source"]);
  });

});
