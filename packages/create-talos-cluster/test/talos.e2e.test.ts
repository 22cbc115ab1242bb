import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { requireBuiltBin } from "./built-bin.js";
import { commandLines, makeRepo, runBin, TALSECRET } from "./fake-tools/harness.js";

// Run as a user runs it: the built bin, stdin ignored, only fake tools on PATH.
const TC = "--talosconfig=talos/clusterconfig/talosconfig";
const lines = commandLines;

describe("talos-cluster talos … (built bin, fake tools)", () => {
  beforeAll(requireBuiltBin);

  it("talos generate-config", () => {
    const root = makeRepo();
    const out = runBin(root, ["talos", "generate-config"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual([
      "talhelper gensecret",
      "talhelper genconfig",
    ]);
    expect(readFileSync(join(root, "talos/talsecret.sops.yaml"), "utf8")).toMatch(/^sops:/m);
    expect(out.stdout + out.stderr).not.toContain("FAKE-TALOS-SECRET-VALUE");
    // A second run keeps the bundle.
    const again = runBin(root, ["talos", "generate-config"]);
    expect(again.code).toBe(0);
    expect(lines(root).slice(2)).toEqual(["talhelper genconfig"]);
  });

  it("talos apply-node", () => {
    const root = makeRepo({ clusterconfig: true });
    const out = runBin(root, ["talos", "apply-node", "--ip", "192.0.2.21", "--mode", "no-reboot"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual([
      `talosctl apply-config ${TC} --nodes=192.0.2.21 --file=talos/clusterconfig/kubernetes-worker-1.yaml --mode=no-reboot`,
    ]);
    expect(runBin(root, ["talos", "apply-node"]).code).toBe(2);
  });

  it("talos upgrade-node", () => {
    const root = makeRepo({ clusterconfig: true });
    const refused = runBin(root, ["talos", "upgrade-node", "--ip", "192.0.2.11"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("`talos-cluster talos upgrade-node --ip 192.0.2.11 --yes`");
    expect(lines(root)).toEqual([]);
    const out = runBin(root, ["talos", "upgrade-node", "--ip", "192.0.2.11", "--yes"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual([`talosctl upgrade ${TC} --nodes=192.0.2.11 --image=factory.talos.dev/installer/aaa:v1.11.5 --timeout=10m`]);
  });

  it("talos upgrade-k8s", () => {
    const root = makeRepo({ clusterconfig: true });
    const out = runBin(root, ["talos", "upgrade-k8s", "--yes"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual([`talosctl upgrade-k8s ${TC} --nodes=192.0.2.11 --to v1.34.2`]);
  });

  it("talos reset: exit 2 without --yes on a non-interactive stdin, resets every node with it", () => {
    const root = makeRepo({ clusterconfig: true, talsecret: TALSECRET });
    const refused = runBin(root, ["talos", "reset"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("No terminal to ask on: rerun with --yes");
    expect(lines(root)).toEqual([]);
    const out = runBin(root, ["talos", "reset", "--yes"]);
    expect(out.code).toBe(0);
    expect(lines(root).map((l) => l.split(" ").slice(0, 4).join(" "))).toEqual([
      `talosctl reset ${TC} --nodes=192.0.2.11`,
      `talosctl reset ${TC} --nodes=192.0.2.12`,
      `talosctl reset ${TC} --nodes=192.0.2.21`,
    ]);
    expect(existsSync(join(root, "talos/talsecret.sops.yaml"))).toBe(true);
  });

  it("talos status", () => {
    const root = makeRepo({ clusterconfig: true, kubeconfig: true });
    const out = runBin(root, ["talos", "status"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual([
      "kubectl get nodes --output=wide",
      `talosctl version ${TC} --nodes=192.0.2.11,192.0.2.12,192.0.2.21 --short`,
      `talosctl health ${TC} --nodes=192.0.2.11 --control-plane-nodes=192.0.2.11,192.0.2.12 --worker-nodes=192.0.2.21 --wait-timeout=60s`,
    ]);
    const down = makeRepo({ clusterconfig: true, kubeconfig: true });
    expect(runBin(down, ["talos", "status"], { FAKE_FAIL: "talosctl health" }).code).toBe(1);
  });

});
