import { describe, expect, it } from "vitest";
import { calls, commandLines, makeRepo, printed, runIn } from "./fake-tools/harness.js";

describe("reconcile", () => {
  it("reconciles the flux-system source and Kustomization with the repository's kubeconfig", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["reconcile"]);
    expect(out.code).toBe(0);
    expect(commandLines(root)).toEqual(["flux --namespace flux-system reconcile kustomization flux-system --with-source"]);
    expect(calls(root)[0]!.env.KUBECONFIG).toBe("kubeconfig");
    expect(printed(out.stdout)).toEqual([
      "KUBECONFIG=kubeconfig flux --namespace flux-system reconcile kustomization flux-system --with-source",
    ]);
    expect(out.stdout).toContain("fake flux: ok");
  });

  it("uses $KUBECONFIG when set", async () => {
    const root = makeRepo();
    const other = `${makeRepo({ kubeconfig: true })}/kubeconfig`;
    const out = await runIn(root, ["reconcile"], { KUBECONFIG: other });
    expect(out.code).toBe(0);
    expect(calls(root)[0]!.env.KUBECONFIG).toBe(other);
  });

  it("passes flux's failure on as exit 1", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["reconcile"], { FAKE_FAIL: "flux" });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("fake flux: failing as asked");
    expect(out.stderr).toContain("Command failed with exit code 1: KUBECONFIG=kubeconfig flux --namespace flux-system");
  });

  it("needs a kubeconfig and the flux CLI", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["reconcile"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe("kubeconfig: file not found. Run `talos-cluster bootstrap talos` to fetch it from the cluster.\n");
    const withKube = makeRepo({ kubeconfig: true });
    const noFlux = await runIn(withKube, ["reconcile"], { PATH: "/nonexistent" });
    expect(noFlux.code).toBe(1);
    expect(noFlux.stderr).toContain("Missing required tool on PATH: flux\n  flux       the Flux CLI");
  });

  it("rejects unknown flags with exit 2", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["reconcile", "--frobnicate"]);
    expect(out.code).toBe(2);
    expect(out.stderr.split("\n")[0]).toBe("talos-cluster reconcile: unknown option --frobnicate.");
    expect(out.stderr).toContain("Usage: talos-cluster reconcile");
    expect(commandLines(root)).toEqual([]);
  });
});
