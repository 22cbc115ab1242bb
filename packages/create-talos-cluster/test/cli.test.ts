import { describe, expect, it } from "vitest";
import { runTalosCluster } from "../src/index.js";
import { captureContext } from "./helpers.js";

describe("talos-cluster", () => {
  it("prints usage and exits 2 without a command", async () => {
    const ctx = captureContext();
    expect(await runTalosCluster([], ctx)).toBe(2);
    expect(ctx.err()).toContain("Usage: talos-cluster <command>");
  });

  it("rejects an unknown command with exit 2", async () => {
    const ctx = captureContext();
    expect(await runTalosCluster(["frobnicate"], ctx)).toBe(2);
    expect(ctx.err()).toContain('unknown command "frobnicate"');
  });
});
