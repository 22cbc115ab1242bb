import { describe, expect, it } from "vitest";
import { commandLines, makeRepo, printed, runIn } from "./fake-tools/harness.js";

const RESOURCES = [
  "certificates",
  "certificaterequests",
  "gitrepositories",
  "helmrepositories",
  "helmreleases",
  "httproutes",
  "kustomizations",
  "nodes",
  "pods",
];

describe("debug", () => {
  it("lists the reference's resources across all namespaces", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["debug"]);
    expect(out.code).toBe(0);
    expect(commandLines(root)).toEqual(RESOURCES.map((r) => `kubectl get --all-namespaces ${r}`));
  });

  it("lists everything even when one listing fails, then exits 1 naming it", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["debug"], { FAKE_FAIL: "kubectl get --all-namespaces httproutes" });
    expect(out.code).toBe(1);
    expect(commandLines(root)).toHaveLength(9);
    expect(out.stderr).toContain("Could not list: httproutes.");
  });

  it("--dry-run prints the listings and runs none", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["debug", "--dry-run"]);
    expect(out.code).toBe(0);
    expect(printed(out.stdout)).toEqual(RESOURCES.map((r) => `KUBECONFIG=kubeconfig kubectl get --all-namespaces ${r}`));
    expect(commandLines(root)).toEqual([]);
  });
});
