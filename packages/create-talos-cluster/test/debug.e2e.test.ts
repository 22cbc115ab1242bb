import { beforeAll, describe, expect, it } from "vitest";
import { requireBuiltBin } from "./built-bin.js";
import { commandLines, makeRepo, runBin } from "./fake-tools/harness.js";

// Run as a user runs it: the built bin, stdin ignored, only fake tools on PATH.
const lines = commandLines;

describe("talos-cluster debug (built bin, fake tools)", () => {
  beforeAll(requireBuiltBin);

  it("debug", () => {
    const root = makeRepo({ kubeconfig: true });
    const out = runBin(root, ["debug"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toHaveLength(9);
    expect(lines(root)[0]).toBe("kubectl get --all-namespaces certificates");
  });

  it("a missing tool stops the command with exit 1 and names it", () => {
    const root = makeRepo({ kubeconfig: true });
    const out = runBin(root, ["debug"], { PATH: "/nonexistent" });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("Missing required tool on PATH: kubectl");
  });
});
