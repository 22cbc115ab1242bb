import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPlaceholderTunnelCredentials } from "../src/ops/credentials.js";
import { retry } from "../src/ops/retry.js";
import { generateAgeIdentity } from "@talos-cluster/secrets";
import { calls, commandLines, makeRepo, printed, runIn, SECRET_PLAINTEXT, TALSECRET } from "./fake-tools/harness.js";

const TC = "--talosconfig=talos/clusterconfig/talosconfig";
const FAST = ["--retry-delay", "0"];

const lines = commandLines;

describe("bootstrap talos", () => {
  const applies = [
    `talosctl apply-config ${TC} --nodes=192.0.2.11 --file=talos/clusterconfig/kubernetes-cp-1.yaml --insecure`,
    `talosctl apply-config ${TC} --nodes=192.0.2.12 --file=talos/clusterconfig/kubernetes-cp-2.yaml --insecure`,
    `talosctl apply-config ${TC} --nodes=192.0.2.21 --file=talos/clusterconfig/kubernetes-worker-1.yaml --insecure`,
  ];

  it("creates secrets, generates configs, applies --insecure to every node, bootstraps etcd, fetches the kubeconfig", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["bootstrap", "talos", ...FAST]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual([
      "talhelper gensecret",
      "talhelper genconfig",
      ...applies,
      `talosctl bootstrap ${TC} --nodes=192.0.2.11`,
      `talosctl kubeconfig ${TC} --nodes=192.0.2.11 --force kubeconfig`,
    ]);
    expect(existsSync(join(root, "kubeconfig"))).toBe(true);
    expect(out.stdout).toContain("Next: `kubectl get nodes`");
  });

  it("reuses an existing secrets bundle", async () => {
    const root = makeRepo({ talsecret: TALSECRET });
    const out = await runIn(root, ["bootstrap", "talos", ...FAST]);
    expect(out.code).toBe(0);
    expect(lines(root)[0]).toBe("talhelper genconfig");
    expect(readFileSync(join(root, "talos/talsecret.sops.yaml"), "utf8")).toBe(TALSECRET);
  });

  it("retries the etcd bootstrap until the node answers", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["bootstrap", "talos", ...FAST], { FAKE_FAIL: "talosctl bootstrap*2" });
    expect(out.code).toBe(0);
    expect(lines(root).filter((l) => l.startsWith("talosctl bootstrap"))).toHaveLength(3);
    expect(out.stdout).toContain("cp-1 is not ready to bootstrap yet (attempt 1/30); retrying in 0s.");
    expect(out.stdout).toContain("(attempt 2/30)");
  });

  it("gives up after --retries attempts with exit 1 and fetches no kubeconfig", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["bootstrap", "talos", "--retries", "3", ...FAST], { FAKE_FAIL: "talosctl bootstrap" });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("etcd bootstrap on cp-1 (192.0.2.11) did not succeed after 3 attempts");
    expect(lines(root).filter((l) => l.startsWith("talosctl bootstrap"))).toHaveLength(3);
    expect(lines(root).some((l) => l.startsWith("talosctl kubeconfig"))).toBe(false);
  });

  it("rejects a --retries or --retry-delay that is not a whole number as a usage error naming the command", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["bootstrap", "talos", "--retries", "many"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('talos-cluster bootstrap talos: --retries must be a whole number ≥ 0, got "many".\n\nUsage: talos-cluster bootstrap talos');
    const delay = await runIn(root, ["bootstrap", "apps", "--retry-delay", "1.5"]);
    expect(delay.code).toBe(2);
    expect(delay.stderr).toContain('talos-cluster bootstrap apps: --retry-delay must be a whole number ≥ 0, got "1.5".');
    expect(lines(root)).toEqual([]);
  });

  it("treats an already bootstrapped etcd as done instead of retrying forever", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["bootstrap", "talos", ...FAST], {
      FAKE_FAIL: "talosctl bootstrap",
      FAKE_FAIL_MESSAGE: "error: rpc error: code = AlreadyExists desc = etcd data directory is not empty",
    });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("etcd is already bootstrapped.");
    expect(lines(root).slice(-2)).toEqual([`talosctl bootstrap ${TC} --nodes=192.0.2.11`, `talosctl kubeconfig ${TC} --nodes=192.0.2.11 --force kubeconfig`]);
  });

  it("stops at the first node that refuses its config, with a hint", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["bootstrap", "talos", ...FAST], { FAKE_FAIL: `talosctl apply-config ${TC} --nodes=192.0.2.12` });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("use `talos-cluster talos apply-node --ip 192.0.2.12` instead");
    expect(lines(root).at(-1)).toBe(applies[1]);
  });

  it("merges into $KUBECONFIG instead of overwriting it", async () => {
    const root = makeRepo();
    const other = join(makeRepo(), "my-kubeconfig");
    const out = await runIn(root, ["bootstrap", "talos", ...FAST], { KUBECONFIG: other });
    expect(out.code).toBe(0);
    expect(lines(root).at(-1)).toBe(`talosctl kubeconfig ${TC} --nodes=192.0.2.11 ${other}`);
  });

  it("talks to the new cluster through the talosconfig it generated, even with $TALOSCONFIG set", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["bootstrap", "talos", ...FAST], { TALOSCONFIG: "/home/someone/.talos/config" });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Note: TALOSCONFIG is set to /home/someone/.talos/config; bootstrap uses the generated talos/clusterconfig/talosconfig.");
    expect(lines(root).filter((l) => l.startsWith("talosctl")).every((l) => l.includes(` ${TC} `))).toBe(true);
  });

  it("refuses placeholder tunnel credentials before touching anything", async () => {
    const root = makeRepo({ tunnel: "placeholder" });
    const out = await runIn(root, ["bootstrap", "talos"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      "cloudflare-tunnel.json: placeholder credentials (written by the example scaffold); the cluster cannot use them. " +
        "Create real credentials with `cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes`, then run `talos-cluster configure`.\n",
    );
    expect(lines(root)).toEqual([]);
  });

  it("--dry-run prints every step once and runs nothing", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["bootstrap", "talos", "--dry-run"]);
    expect(out.code).toBe(0);
    expect(printed(out.stdout)).toEqual([
      "talhelper gensecret",
      "(cd talos && SOPS_AGE_KEY_FILE=../age.key talhelper genconfig)",
      ...applies,
      `talosctl bootstrap ${TC} --nodes=192.0.2.11`,
      `talosctl kubeconfig ${TC} --nodes=192.0.2.11 --force kubeconfig`,
    ]);
    expect(lines(root)).toEqual([]);
  });
});

describe("bootstrap apps", () => {
  const nsApply = "kubectl apply --server-side --filename=-";
  const expected = [
    "kubectl wait nodes --for=condition=Ready=True --all --timeout=10s",
    nsApply,
    "kubectl --namespace flux-system apply --server-side --filename=-",
    "kubectl --namespace flux-system apply --server-side --filename=-",
    "helmfile --file bootstrap/helmfile.d/00-crds.yaml template --quiet",
    nsApply,
    "helmfile --file bootstrap/helmfile.d/01-apps.yaml sync --hide-notes",
  ];

  it("runs the reference script's steps in order", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["bootstrap", "apps", ...FAST]);
    expect(out.code).toBe(0);
    expect(lines(root)).toEqual(expected);
    const recorded = calls(root);
    expect(recorded[1]!.stdin).toBe(
      "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: cert-manager\n" +
        "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: flux-system\n" +
        "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n" +
        "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: network\n",
    );
    // The Secrets reach kubectl decrypted, on stdin only.
    expect(recorded[2]!.stdin).toBe(SECRET_PLAINTEXT["bootstrap/sops-age.sops.yaml"]);
    expect(recorded[3]!.stdin).toBe(SECRET_PLAINTEXT["kubernetes/components/sops/cluster-secrets.sops.yaml"]);
    expect(out.stdout + out.stderr).not.toContain("FAKE-AGE-SECRET");
    expect(recorded[5]!.stdin).toContain("kind: CustomResourceDefinition");
    expect(recorded.every((c) => c.env.KUBECONFIG === "kubeconfig")).toBe(true);
    expect(out.stderr).toBe("warning: bootstrap/github-deploy-key.sops.yaml not found; skipped.\n");
    expect(printed(out.stdout)).toEqual([
      "KUBECONFIG=kubeconfig kubectl wait nodes --for=condition=Ready=True --all --timeout=10s",
      "KUBECONFIG=kubeconfig kubectl apply --server-side --filename=-  # stdin: Namespace cert-manager, flux-system, kube-system, network",
      "KUBECONFIG=kubeconfig kubectl --namespace flux-system apply --server-side --filename=-  # stdin: bootstrap/sops-age.sops.yaml, decrypted in memory",
      "KUBECONFIG=kubeconfig kubectl --namespace flux-system apply --server-side --filename=-  # stdin: kubernetes/components/sops/cluster-secrets.sops.yaml, decrypted in memory",
      "KUBECONFIG=kubeconfig helmfile --file bootstrap/helmfile.d/00-crds.yaml template --quiet | KUBECONFIG=kubeconfig kubectl apply --server-side --filename=-",
      "KUBECONFIG=kubeconfig helmfile --file bootstrap/helmfile.d/01-apps.yaml sync --hide-notes",
    ]);
    expect(out.stdout).toContain("Congrats! The cluster is bootstrapped");
  });

  it("applies the deploy key first when the repository is private", async () => {
    const root = makeRepo({ kubeconfig: true, deployKey: true });
    const out = await runIn(root, ["bootstrap", "apps", ...FAST]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    expect(calls(root).filter((c) => c.args[0] === "--namespace").map((c) => c.stdin)).toEqual([
      SECRET_PLAINTEXT["bootstrap/github-deploy-key.sops.yaml"],
      SECRET_PLAINTEXT["bootstrap/sops-age.sops.yaml"],
      SECRET_PLAINTEXT["kubernetes/components/sops/cluster-secrets.sops.yaml"],
    ]);
  });

  it("stops before applying a Secret it cannot decrypt", async () => {
    const root = makeRepo({ kubeconfig: true });
    writeFileSync(join(root, "age.key"), "# a different key\n" + (await generateAgeIdentity(new Date(0))).identity + "\n");
    const out = await runIn(root, ["bootstrap", "apps", ...FAST]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^bootstrap\/sops-age\.sops\.yaml: cannot decrypt:\n {2}\S/m);
    expect(lines(root)).toEqual(expected.slice(0, 2));
  });

  it("waits, bounded, for NotReady nodes to register", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["bootstrap", "apps", ...FAST], {
      FAKE_FAIL: "kubectl wait nodes --for=condition=Ready=True;kubectl wait nodes --for=condition=Ready=False*2",
    });
    expect(out.code).toBe(0);
    expect(lines(root).slice(0, 5)).toEqual([
      "kubectl wait nodes --for=condition=Ready=True --all --timeout=10s",
      "kubectl wait nodes --for=condition=Ready=False --all --timeout=10s",
      "kubectl wait nodes --for=condition=Ready=False --all --timeout=10s",
      "kubectl wait nodes --for=condition=Ready=False --all --timeout=10s",
      nsApply,
    ]);
    const gaveUp = makeRepo({ kubeconfig: true });
    const failed = await runIn(gaveUp, ["bootstrap", "apps", "--retries", "2", ...FAST], { FAKE_FAIL: "kubectl wait" });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("The nodes did not register with Kubernetes after 2 attempts");
    expect(lines(gaveUp)).toHaveLength(3);
  });

  it("stops with exit 1 when no CRDs are rendered (the reference's `log fatal` carried on)", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["bootstrap", "apps", ...FAST], { FAKE_EMPTY: "helmfile --file bootstrap/helmfile.d/00-crds.yaml template" });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("No CRDs rendered from bootstrap/helmfile.d/00-crds.yaml; nothing was applied.");
    expect(lines(root)).toEqual(expected.slice(0, 5));
  });

  it("stops with exit 1 at a failing step and runs nothing after it", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["bootstrap", "apps", ...FAST], { FAKE_FAIL: "kubectl --namespace flux-system apply" });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      "Command failed with exit code 1: KUBECONFIG=kubeconfig kubectl --namespace flux-system apply --server-side --filename=-  # stdin: bootstrap/sops-age.sops.yaml, decrypted in memory",
    );
    expect(lines(root)).toEqual(expected.slice(0, 3));

    const syncFails = makeRepo({ kubeconfig: true });
    const out2 = await runIn(syncFails, ["bootstrap", "apps", ...FAST], { FAKE_FAIL: "helmfile --file bootstrap/helmfile.d/01-apps.yaml" });
    expect(out2.code).toBe(1);
    expect(out2.stdout).not.toContain("Congrats");
  });

  it("needs the kubeconfig, real tunnel credentials and every bootstrap tool", async () => {
    const noKube = makeRepo();
    const a = await runIn(noKube, ["bootstrap", "apps"]);
    expect(a.code).toBe(1);
    expect(a.stderr).toBe("kubeconfig: file not found. Run `talos-cluster bootstrap talos` to fetch it from the cluster.\n");

    const placeholder = makeRepo({ kubeconfig: true, tunnel: "placeholder" });
    expect((await runIn(placeholder, ["bootstrap", "apps"])).stderr).toContain("cloudflare-tunnel.json: placeholder credentials");

    const missing = makeRepo({ kubeconfig: true, tunnel: "missing" });
    expect((await runIn(missing, ["bootstrap", "apps"])).stderr).toContain("cloudflare-tunnel.json: file not found. Create real credentials with `cloudflared tunnel create");

    const noTools = makeRepo({ kubeconfig: true });
    const t = await runIn(noTools, ["bootstrap", "apps"], { PATH: "/nonexistent" });
    expect(t.code).toBe(1);
    expect(t.stderr).toContain("Missing required tools on PATH: kubectl, helmfile, helm, yq");
    expect(lines(noTools)).toEqual([]);
  });

  it("--dry-run prints the plan and runs nothing", async () => {
    const root = makeRepo({ kubeconfig: true });
    const out = await runIn(root, ["bootstrap", "apps", "--dry-run"]);
    expect(out.code).toBe(0);
    expect(printed(out.stdout)).toHaveLength(6);
    expect(out.stdout).not.toContain("Congrats");
    expect(lines(root)).toEqual([]);
  });
});

describe("placeholder tunnel credentials", () => {
  it("are recognised by either documented marker", () => {
    expect(isPlaceholderTunnelCredentials({ placeholder: true })).toBe(true);
    expect(isPlaceholderTunnelCredentials({ AccountTag: "PLACEHOLDER", TunnelSecret: "s", TunnelID: "i" })).toBe(true);
    expect(isPlaceholderTunnelCredentials({ AccountTag: "abc", TunnelSecret: "s", TunnelID: "i" })).toBe(false);
    expect(isPlaceholderTunnelCredentials({ placeholder: "true" })).toBe(false);
  });
});

describe("retry", () => {
  it("is bounded and waits the given delay between attempts only", async () => {
    const waits: number[] = [];
    let tries = 0;
    const ok = await retry({ attempts: 4, delayMs: 10_000, sleep: async (ms) => void waits.push(ms) }, async () => ++tries === 99, () => undefined);
    expect(ok).toBe(false);
    expect(tries).toBe(4);
    expect(waits).toEqual([10_000, 10_000, 10_000]);
  });
});

describe("cloudflare-tunnel.json problems", () => {
  it("are refused without echoing the file's values", async () => {
    const root = makeRepo({ kubeconfig: true });
    writeFileSync(join(root, "cloudflare-tunnel.json"), '{"AccountTag": "acct", "TunnelSecret": "S3CR3T-VALUE"');
    const bad = await runIn(root, ["bootstrap", "apps"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("cloudflare-tunnel.json: not valid JSON.");
    writeFileSync(join(root, "cloudflare-tunnel.json"), '{"AccountTag": "acct", "TunnelSecret": "S3CR3T-VALUE"}');
    const partial = await runIn(root, ["bootstrap", "apps"]);
    expect(partial.stderr).toContain("cloudflare-tunnel.json: missing TunnelID.");
    expect(bad.stderr + partial.stderr).not.toContain("S3CR3T-VALUE");
  });
});
