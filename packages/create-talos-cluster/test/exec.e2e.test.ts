import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { requireBuiltBin } from "./built-bin.js";
import { commandLines, makeRepo, printed, runBin } from "./fake-tools/harness.js";

// Run as a user runs it: the built bin, stdin ignored, only fake tools on PATH.
const lines = commandLines;

describe("every day-2 command (built bin, fake tools)", () => {
  beforeAll(requireBuiltBin);

  it("--dry-run runs nothing, for every command", () => {
    const root = makeRepo({ clusterconfig: true, kubeconfig: true });
    const commands = [
      ["talos", "generate-config"],
      ["talos", "apply-node", "--ip", "192.0.2.11"],
      ["talos", "upgrade-node", "--ip", "192.0.2.11"],
      ["talos", "upgrade-k8s"],
      ["talos", "reset"],
      ["talos", "status"],
      ["bootstrap", "talos"],
      ["bootstrap", "apps"],
      ["reconcile"],
      ["debug"],
    ];
    for (const args of commands) {
      const out = runBin(root, [...args, "--dry-run"]);
      expect(out.code, args.join(" ")).toBe(0);
      expect(printed(out.stdout).length, args.join(" ")).toBeGreaterThan(0);
    }
    expect(lines(root)).toEqual([]);
    expect(existsSync(join(root, "talos/talsecret.sops.yaml"))).toBe(false);
  });

  it("--help describes each command and runs nothing", () => {
    const root = makeRepo({ kubeconfig: true });
    const out = runBin(root, ["bootstrap", "apps", "--help"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Usage: talos-cluster bootstrap apps");
    expect(out.stdout).toContain("--dry-run");
    expect(lines(root)).toEqual([]);
  });

});
