import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { requireBuiltBin } from "./built-bin.js";
import { commandLines, makeRepo, runBin } from "./fake-tools/harness.js";

// Run as a user runs it: the built bin, stdin ignored, only fake tools on PATH.
const TC = "--talosconfig=talos/clusterconfig/talosconfig";
const lines = commandLines;

describe("talos-cluster bootstrap … (built bin, fake tools)", () => {
  beforeAll(requireBuiltBin);

  it("bootstrap talos, with etcd retries", () => {
    const root = makeRepo();
    const out = runBin(root, ["bootstrap", "talos", "--retry-delay", "0"], { FAKE_FAIL: "talosctl bootstrap*1" });
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual([
      "talhelper gensecret",
      "talhelper genconfig",
      `talosctl apply-config ${TC} --nodes=192.0.2.11 --file=talos/clusterconfig/kubernetes-cp-1.yaml --insecure`,
      `talosctl apply-config ${TC} --nodes=192.0.2.12 --file=talos/clusterconfig/kubernetes-cp-2.yaml --insecure`,
      `talosctl apply-config ${TC} --nodes=192.0.2.21 --file=talos/clusterconfig/kubernetes-worker-1.yaml --insecure`,
      `talosctl bootstrap ${TC} --nodes=192.0.2.11`,
      `talosctl bootstrap ${TC} --nodes=192.0.2.11`,
      `talosctl kubeconfig ${TC} --nodes=192.0.2.11 --force kubeconfig`,
    ]);
    expect(readFileSync(join(root, "kubeconfig"), "utf8")).toContain("kind: Config");
  });

  it("bootstrap talos refuses placeholder tunnel credentials", () => {
    const root = makeRepo({ tunnel: "placeholder" });
    const out = runBin(root, ["bootstrap", "talos"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("cloudflare-tunnel.json: placeholder credentials");
    expect(lines(root)).toEqual([]);
  });

  it("bootstrap apps, and its failing-step exit", () => {
    const root = makeRepo({ kubeconfig: true });
    const out = runBin(root, ["bootstrap", "apps"]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual([
      "kubectl wait nodes --for=condition=Ready=True --all --timeout=10s",
      "kubectl apply --server-side --filename=-",
      "kubectl --namespace flux-system apply --server-side --filename=-",
      "kubectl --namespace flux-system apply --server-side --filename=-",
      "helmfile --file bootstrap/helmfile.d/00-crds.yaml template --quiet",
      "kubectl apply --server-side --filename=-",
      "helmfile --file bootstrap/helmfile.d/01-apps.yaml sync --hide-notes",
    ]);
    const empty = makeRepo({ kubeconfig: true });
    const failed = runBin(empty, ["bootstrap", "apps"], { FAKE_EMPTY: "helmfile --file bootstrap/helmfile.d/00-crds.yaml" });
    expect(failed.code).toBe(1);
    expect(lines(empty).some((l) => l.includes("01-apps.yaml"))).toBe(false);
  });

});
