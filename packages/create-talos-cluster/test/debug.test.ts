import { describe, expect, it } from "vitest";
import { debug } from "../src/commands/debug.js";
import { commandLines, makeRepo, printed, runIn } from "./fake-tools/harness.js";

// The reference's `template:debug` listing is pinned once, in the golden file of the dry run.
describe("debug", () => {
  it("--dry-run prints the reference's listings, across all namespaces, and runs none", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["debug", "--dry-run"]);
    expect(out.code).toBe(0);
    await expect(out.stdout).toMatchFileSnapshot("__snapshots__/debug-dry-run.txt");
    expect(commandLines(root)).toEqual([]);
  });

  it("runs every listing the dry run prints and its usage names, in that order", async () => {
    const root = makeRepo({ kubeconfig: true });
    const planned = printed((await runIn(root, ["debug", "--dry-run"])).stdout);
    const out = await runIn(root, ["debug"]);
    expect(out.code).toBe(0);
    expect(printed(out.stdout)).toEqual(planned);
    const ran = commandLines(root);
    expect(ran.map((line) => `KUBECONFIG=kubeconfig ${line}`)).toEqual(planned);
    const named = /across all namespaces: (.+)\n/.exec(debug.usage)?.[1]?.split(", ");
    expect(ran).toEqual(named?.map((r) => `kubectl get --all-namespaces ${r}`));
  });

  it("lists everything even when one listing fails, then exits 1 naming it", async () => {
    const root = makeRepo({ kubeconfig: true });
    const planned = printed((await runIn(root, ["debug", "--dry-run"])).stdout);
    const out = await runIn(root, ["debug"], { FAKE_FAIL: "kubectl get --all-namespaces httproutes" });
    expect(out.code).toBe(1);
    expect(commandLines(root)).toHaveLength(planned.length);
    expect(out.stderr).toContain("Could not list: httproutes.");
  });
});
