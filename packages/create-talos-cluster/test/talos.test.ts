import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decryptYaml } from "@talos-cluster/secrets";
import type { Prompter } from "../src/cli/prompter.js";
import { AGE, calls, commandLines, makeRepo, printed, runIn, TALSECRET } from "./fake-tools/harness.js";

const TC = "--talosconfig=talos/clusterconfig/talosconfig";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function answering(answer: boolean): Prompter {
  return {
    confirm: async () => answer,
    text: async () => "",
    multiselect: async () => [],
    intro: () => undefined,
    outro: () => undefined,
  };
}

describe("talos generate-config", () => {
  it("creates the secrets bundle when absent, encrypted to .sops.yaml's recipient, then runs talhelper genconfig in talos/", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["talos", "generate-config"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(printed(out.stdout)).toEqual(["talhelper gensecret", "(cd talos && SOPS_AGE_KEY_FILE=../age.key talhelper genconfig)"]);
    expect(out.stdout).toContain(`(output kept in memory, encrypted for ${AGE.recipient} by .sops.yaml's rule, written to talos/talsecret.sops.yaml)`);
    const recorded = calls(root);
    expect(recorded.map((c) => [c.cwd, c.tool, ...c.args].join(" "))).toEqual([" talhelper gensecret", "talos talhelper genconfig"]);
    expect(recorded[1]!.env.SOPS_AGE_KEY_FILE).toBe("../age.key");
    // Fully encrypted (talos/ rule has no encrypted_regex) and opens with the repository's key.
    const bundle = readFileSync(join(root, "talos/talsecret.sops.yaml"), "utf8");
    expect(bundle).toMatch(/^sops:/m);
    expect(bundle).toContain(AGE.recipient);
    const opened = await decryptYaml(bundle, { identities: [AGE.identity] });
    expect(opened.ok && opened.text).toBe("cluster:\n  id: FAKE-CLUSTER-ID\n  secret: FAKE-TALOS-SECRET-VALUE\n");
    // The plaintext is never printed and never lands in the repository.
    expect(out.stdout + out.stderr).not.toContain("FAKE-TALOS-SECRET-VALUE");
    for (const file of filesUnder(root)) expect(readFileSync(file, "utf8")).not.toContain("FAKE-TALOS-SECRET-VALUE");
  });

  it("never regenerates or overwrites an existing secrets bundle", async () => {
    const root = makeRepo({ talsecret: TALSECRET });
    const out = await runIn(root, ["talos", "generate-config"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Keeping talos/talsecret.sops.yaml");
    expect(out.stderr).toBe("");
    expect(commandLines(root)).toEqual(["talhelper genconfig"]);
    expect(readFileSync(join(root, "talos/talsecret.sops.yaml"), "utf8")).toBe(TALSECRET);
  });

  it("warns, without printing it, when an existing bundle is not encrypted", async () => {
    const root = makeRepo({ talsecret: "cluster:\n  secret: PLAINTEXT-VALUE\n" });
    const out = await runIn(root, ["talos", "generate-config"]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(
      "warning: talos/talsecret.sops.yaml is not encrypted (no sops metadata). Encrypt it before committing: " +
        "talos-cluster sops encrypt --in-place talos/talsecret.sops.yaml\n",
    );
    expect(out.stdout + out.stderr).not.toContain("PLAINTEXT-VALUE");
    expect(readFileSync(join(root, "talos/talsecret.sops.yaml"), "utf8")).toContain("PLAINTEXT-VALUE");
  });

  it("writes no bundle when gensecret fails, and stops before genconfig", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["talos", "generate-config"], { FAKE_FAIL: "talhelper gensecret" });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("Command failed with exit code 1: talhelper gensecret");
    expect(existsSync(join(root, "talos/talsecret.sops.yaml"))).toBe(false);
    expect(commandLines(root)).toEqual(["talhelper gensecret"]);
  });

  it("writes no bundle when gensecret prints nothing", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["talos", "generate-config"], { FAKE_EMPTY: "talhelper gensecret" });
    expect(out.code).toBe(1);
    expect(out.stderr).toBe("talhelper gensecret printed nothing, so talos/talsecret.sops.yaml was not written.\n");
    expect(existsSync(join(root, "talos/talsecret.sops.yaml"))).toBe(false);
  });

  it("stops before gensecret when no .sops.yaml rule covers the bundle", async () => {
    const root = makeRepo();
    writeFileSync(join(root, ".sops.yaml"), "creation_rules:\n  - path_regex: kubernetes/.*\\.sops\\.yaml\n    age: " + AGE.recipient + "\n");
    const out = await runIn(root, ["talos", "generate-config"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      ".sops.yaml: no creation rule with age recipients matches talos/talsecret.sops.yaml. Run `talos-cluster configure` to generate it.\n",
    );
    expect(commandLines(root)).toEqual([]);
  });

  it("says to run configure when talconfig.yaml has not been generated", async () => {
    const root = makeRepo({ talconfig: false });
    const out = await runIn(root, ["talos", "generate-config"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe("talos/talconfig.yaml: file not found. Run `talos-cluster configure` to generate it.\n");
    expect(commandLines(root)).toEqual([]);
  });

  it("works on another directory with --dir", async () => {
    const root = makeRepo({ talsecret: TALSECRET });
    const fromTalos = join(root, "talos");
    const out = await runIn(fromTalos, ["talos", "generate-config", "--dir", ".."]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`Commands run in ${root}\n`);
    expect(printed(out.stdout)).toEqual(["(cd talos && SOPS_AGE_KEY_FILE=../age.key talhelper genconfig)"]);
    // (the fake log is keyed on the context's cwd here; the call ran in <root>/talos)
    expect(calls(fromTalos).map((c) => [c.cwd, c.tool, ...c.args].join(" "))).toEqual([" talhelper genconfig"]);
  });

  it("names a missing tool, what it is for and how to install it, before running anything", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["talos", "generate-config"], { PATH: join(root, "no-tools-here") });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("Missing required tool on PATH: talhelper\n");
    expect(out.stderr).toContain("  talhelper  renders talos/talconfig.yaml into per-node Talos machine configs");
    expect(out.stderr).toContain("mise install");
    expect(existsSync(join(root, "talos/talsecret.sops.yaml"))).toBe(false);
  });

  it("--dry-run prints the same commands and runs and writes nothing", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["talos", "generate-config", "--dry-run"]);
    expect(out.code).toBe(0);
    expect(printed(out.stdout)).toEqual(["talhelper gensecret", "(cd talos && SOPS_AGE_KEY_FILE=../age.key talhelper genconfig)"]);
    expect(commandLines(root)).toEqual([]);
    expect(existsSync(join(root, "talos/talsecret.sops.yaml"))).toBe(false);
  });
});

describe("talos apply-node", () => {
  it("applies the node's generated machine config with the chosen mode", async () => {
    const root = makeRepo({ clusterconfig: true });
    const out = await runIn(root, ["talos", "apply-node", "--ip", "192.0.2.12", "--mode", "staged"]);
    expect(out.code).toBe(0);
    expect(commandLines(root)).toEqual([
      `talosctl apply-config ${TC} --nodes=192.0.2.12 --file=talos/clusterconfig/kubernetes-cp-2.yaml --mode=staged`,
    ]);
    expect(printed(out.stdout)).toEqual(commandLines(root));
  });

  it("defaults to --mode=auto and honours $TALOSCONFIG", async () => {
    const root = makeRepo({ clusterconfig: true });
    const elsewhere = `${makeRepo({ clusterconfig: true })}/talos/clusterconfig/talosconfig`;
    const out = await runIn(root, ["talos", "apply-node", "--ip", "192.0.2.11"], { TALOSCONFIG: elsewhere });
    expect(out.code).toBe(0);
    expect(commandLines(root)).toEqual([
      `talosctl apply-config --talosconfig=${elsewhere} --nodes=192.0.2.11 --file=talos/clusterconfig/kubernetes-cp-1.yaml --mode=auto`,
    ]);
  });

  it("rejects a missing --ip or an unknown --mode as usage errors (exit 2)", async () => {
    const root = makeRepo({ clusterconfig: true });
    const noIp = await runIn(root, ["talos", "apply-node"]);
    expect(noIp.code).toBe(2);
    expect(noIp.stderr).toContain("talos-cluster talos apply-node: --ip is required.\n\nUsage: talos-cluster talos apply-node");
    const bad = await runIn(root, ["talos", "apply-node", "--ip", "192.0.2.11", "--mode", "yolo"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('talos-cluster talos apply-node: --mode must be one of auto, no-reboot, reboot, staged, try; got "yolo".');
    expect(commandLines(root)).toEqual([]);
  });

  it("names the command and what is wrong in flag errors (exit 2)", async () => {
    const root = makeRepo({ clusterconfig: true });
    const noValue = await runIn(root, ["talos", "apply-node", "--ip"]);
    expect(noValue.code).toBe(2);
    expect(noValue.stderr.split("\n")[0]).toBe("talos-cluster talos apply-node: --ip needs a value, e.g. --ip VALUE.");
    const stray = await runIn(root, ["talos", "reset", "--yes", "cp-1"]);
    expect(stray.code).toBe(2);
    expect(stray.stderr.split("\n")[0]).toBe('talos-cluster talos reset: unexpected argument "cp-1".');
    expect(stray.stderr).toContain("Usage: talos-cluster talos reset");
    expect(commandLines(root)).toEqual([]);
  });

  it("lists the known nodes for an address that is not in talconfig.yaml", async () => {
    const root = makeRepo({ clusterconfig: true });
    const out = await runIn(root, ["talos", "apply-node", "--ip", "192.0.2.99"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      "--ip 192.0.2.99: no such node in talos/talconfig.yaml. Known nodes: 192.0.2.11 (cp-1), 192.0.2.12 (cp-2), 192.0.2.21 (worker-1).\n",
    );
  });

  it("asks for generate-config when the machine configs are missing", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["talos", "apply-node", "--ip", "192.0.2.11"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      "talos/clusterconfig/kubernetes-cp-1.yaml: file not found. Run `talos-cluster talos generate-config` to generate it.\n",
    );
  });
});

describe("talos upgrade-node / upgrade-k8s", () => {
  it("upgrades one node to talenv's Talos version with its own installer image", async () => {
    const root = makeRepo({ clusterconfig: true });
    const out = await runIn(root, ["talos", "upgrade-node", "--ip", "192.0.2.21", "--yes"]);
    expect(out.code).toBe(0);
    expect(commandLines(root)).toEqual([
      `talosctl upgrade ${TC} --nodes=192.0.2.21 --image=factory.talos.dev/installer-secureboot/bbb:v1.11.5 --timeout=10m`,
    ]);
  });

  it("asks on a terminal and runs nothing when the answer is no (exit 130)", async () => {
    const root = makeRepo({ clusterconfig: true });
    const no = await runIn(root, ["talos", "upgrade-node", "--ip", "192.0.2.21"], {}, { interactive: true, prompter: answering(false) });
    expect(no.code).toBe(130);
    expect(commandLines(root)).toEqual([]);
    const yes = await runIn(root, ["talos", "upgrade-k8s"], {}, { interactive: true, prompter: answering(true) });
    expect(yes.code).toBe(0);
    expect(commandLines(root)).toEqual([`talosctl upgrade-k8s ${TC} --nodes=192.0.2.11 --to v1.34.2`]);
  });

  it("without a terminal and without --yes it is a usage error", async () => {
    const root = makeRepo({ clusterconfig: true });
    const out = await runIn(root, ["talos", "upgrade-k8s"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("rerun with --yes");
    expect(commandLines(root)).toEqual([]);
  });

  it("needs the talosconfig", async () => {
    const root = makeRepo();
    const out = await runIn(root, ["talos", "upgrade-k8s", "--yes"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      "talos/clusterconfig/talosconfig: file not found. Run `talos-cluster talos generate-config` to generate it.\n",
    );
  });
});

describe("talos reset", () => {
  const resetLine = (ip: string) =>
    `talosctl reset ${TC} --nodes=${ip} --reboot --system-labels-to-wipe=STATE --system-labels-to-wipe=EPHEMERAL --graceful=false --wait=false`;

  it("resets every node and keeps the secrets bundle", async () => {
    const root = makeRepo({ clusterconfig: true, talsecret: TALSECRET, kubeconfig: true });
    const out = await runIn(root, ["talos", "reset", "--yes"]);
    expect(out.code).toBe(0);
    expect(commandLines(root)).toEqual([resetLine("192.0.2.11"), resetLine("192.0.2.12"), resetLine("192.0.2.21")]);
    expect(readFileSync(join(root, "talos/talsecret.sops.yaml"), "utf8")).toBe(TALSECRET);
  });

  it("tries every node and exits 1 naming the nodes that failed", async () => {
    const root = makeRepo({ clusterconfig: true });
    const out = await runIn(root, ["talos", "reset", "--yes"], { FAKE_FAIL: `talosctl reset ${TC} --nodes=192.0.2.12` });
    expect(out.code).toBe(1);
    expect(commandLines(root)).toHaveLength(3);
    expect(out.stderr).toContain("Reset failed on 1 node(s): cp-2 (192.0.2.12)");
  });

  it("requires confirmation", async () => {
    const root = makeRepo({ clusterconfig: true });
    const out = await runIn(root, ["talos", "reset"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("This DESTROYS the cluster");
    expect(commandLines(root)).toEqual([]);
  });
});

describe("talos status", () => {
  it("shows nodes, Talos versions and health", async () => {
    const root = makeRepo({ clusterconfig: true, kubeconfig: true });
    const out = await runIn(root, ["talos", "status"]);
    expect(out.code).toBe(0);
    expect(printed(out.stdout)).toEqual([
      "KUBECONFIG=kubeconfig kubectl get nodes --output=wide",
      `talosctl version ${TC} --nodes=192.0.2.11,192.0.2.12,192.0.2.21 --short`,
      `talosctl health ${TC} --nodes=192.0.2.11 --control-plane-nodes=192.0.2.11,192.0.2.12 --worker-nodes=192.0.2.21 --wait-timeout=60s`,
    ]);
    expect(calls(root)[0]!.env.KUBECONFIG).toBe("kubeconfig");
  });

  it("keeps going when the Kubernetes API is unreachable, then exits 1", async () => {
    const root = makeRepo({ clusterconfig: true, kubeconfig: true });
    const out = await runIn(root, ["talos", "status"], { FAKE_FAIL: "kubectl" });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("Unable to reach the Kubernetes API.");
    expect(commandLines(root)).toHaveLength(3);
  });

  it("skips kubectl before a kubeconfig exists", async () => {
    const root = makeRepo({ clusterconfig: true });
    const out = await runIn(root, ["talos", "status"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Skipping kubectl get nodes: kubeconfig not found");
    expect(commandLines(root).map((l) => l.split(" ")[0])).toEqual(["talosctl", "talosctl"]);
  });
});

describe("talos/talconfig.yaml problems", () => {
  it("point at the file, line and key, and say to run configure", async () => {
    const broken = makeRepo({ clusterconfig: true });
    writeFileSync(join(broken, "talos/talconfig.yaml"), "clusterName: kubernetes\nnodes: [\n");
    const a = await runIn(broken, ["talos", "status"]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/^talos\/talconfig\.yaml:\d+:\d+: not valid YAML\. Run `talos-cluster configure` to generate it\.\n$/);

    const noIp = makeRepo({ clusterconfig: true });
    writeFileSync(join(noIp, "talos/talconfig.yaml"), "clusterName: kubernetes\nnodes:\n  - hostname: cp-1\n    controlPlane: true\n");
    const b = await runIn(noIp, ["talos", "status"]);
    expect(b.stderr).toBe("talos/talconfig.yaml  nodes[0].ipAddress  missing. Run `talos-cluster configure` to generate it.\n");

    const noCp = makeRepo({ clusterconfig: true });
    writeFileSync(join(noCp, "talos/talconfig.yaml"), "clusterName: kubernetes\nnodes:\n  - hostname: w-1\n    ipAddress: 192.0.2.30\n");
    const c = await runIn(noCp, ["talos", "upgrade-k8s", "--yes"]);
    expect(c.stderr).toBe(
      "talos/talconfig.yaml  nodes  no node has controlPlane: true. Mark at least one node as a controller in nodes.yaml.\n",
    );
    expect([...commandLines(broken), ...commandLines(noIp), ...commandLines(noCp)]).toEqual([]);
  });
});
