import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Prompter } from "../src/cli/prompter.js";
import { CancelledError } from "../src/cli/prompter.js";
import { runCreate } from "../src/index.js";
import { captureContext } from "./helpers.js";

/** Answers each question by the first pattern its message matches; fails on an unexpected question. */
function scripted(answers: Array<[RegExp, string | boolean | string[]]>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const answer = (message: string) => {
    asked.push(message);
    const found = answers.find(([re]) => re.test(message));
    if (!found) throw new Error(`unexpected question: ${message}`);
    return found[1];
  };
  return {
    asked,
    text: async (o) => {
      const a = answer(o.message) as string;
      const problem = o.validate?.(a);
      if (problem) throw new Error(`answer "${a}" rejected: ${problem}`);
      return a;
    },
    confirm: async (o) => answer(o.message) as boolean,
    multiselect: async (o) => answer(o.message) as never,
    intro: () => {},
    outro: () => {},
  };
}

const NODE_ANSWERS: Array<[RegExp, string | boolean]> = [
  [/How many nodes/, "1"],
  [/Node 1: hostname/, "k8s-1"],
  [/Node 1: IP address/, "192.0.2.11"],
  [/Node 1: control plane/, true],
  [/Node 1: install disk/, "/dev/sda"],
  [/Node 1: MAC/, "02:00:00:00:00:AB"],
  [/Node 1: Talos Image Factory/, "c".repeat(64)],
];

const CLUSTER_ANSWERS: Array<[RegExp, string | boolean | string[]]> = [
  [/\(node_cidr\)/, "192.0.2.0/24"],
  [/\(cluster_api_addr\)/, "192.0.2.20"],
  [/\(cluster_dns_gateway_addr\)/, "192.0.2.21"],
  [/\(cluster_gateway_addr\)/, "192.0.2.22"],
  [/\(cloudflare_gateway_addr\)/, "192.0.2.23"],
  [/\(repository_name\)/, "me/home-cluster"],
  [/private/, false],
  [/\(cloudflare_domains\)/, "example.com"],
  [/\(cloudflare_token\)/, "cf-token-not-real-0123456789"],
  [/Optional features/, []],
];

describe("npm create talos-cluster on a terminal", () => {
  it("asks for the settings, writes them, and prints the command that repeats it without questions", async () => {
    const parent = mkdtempSync(join(tmpdir(), "tc-ask-"));
    const prompter = scripted([[/^Directory/, "home"], ...CLUSTER_ANSWERS, ...NODE_ANSWERS]);
    const ctx = captureContext({ cwd: parent, interactive: true, prompter, env: { PATH: process.env.PATH, HOME: parent } });
    const code = await runCreate(["--no-git"], ctx);
    // No cloudflare-tunnel.json outside example mode: the repository is written, configure waits for it.
    expect(code, ctx.err()).toBe(0);
    expect(ctx.err()).toContain("cloudflare-tunnel.json is missing");
    const cluster = parse(readFileSync(join(parent, "home/cluster.yaml"), "utf8")) as Record<string, unknown>;
    expect(cluster).toMatchObject({ node_cidr: "192.0.2.0/24", repository_name: "me/home-cluster", cloudflare_domains: ["example.com"] });
    const nodes = parse(readFileSync(join(parent, "home/nodes.yaml"), "utf8")) as { nodes: Array<Record<string, unknown>> };
    expect(nodes.nodes[0]).toMatchObject({ name: "k8s-1", address: "192.0.2.11", mac_addr: "02:00:00:00:00:ab" });
    expect(ctx.out()).toContain("To repeat this without questions:\n  npm create talos-cluster ANOTHER_DIR -- --config home/cluster.yaml --nodes home/nodes.yaml --no-git\n");
    expect(ctx.out() + ctx.err()).not.toContain("cf-token-not-real");
  });

  it("asks for a feature's keys only when the feature is chosen", async () => {
    const parent = mkdtempSync(join(tmpdir(), "tc-ask-"));
    const prompter = scripted([
      ...CLUSTER_ANSWERS.filter(([re]) => !/Optional/.test(re.source)),
      [/Optional features/, ["proxmox"]],
      [/\(proxmox_api_url\)/, "https://pve.example.com:8006/api2/json"],
      [/\(proxmox_csi_token_id\)/, "kubernetes-csi@pve!csi"],
      [/\(proxmox_csi_token_secret\)/, "not-a-real-secret-value"],
      ...NODE_ANSWERS,
    ]);
    const ctx = captureContext({ cwd: parent, interactive: true, prompter, env: { PATH: process.env.PATH, HOME: parent } });
    expect(await runCreate(["csi", "--no-git"], ctx), ctx.err()).toBe(0);
    expect(prompter.asked.some((q) => /keycloak/i.test(q))).toBe(false);
    const cluster = parse(readFileSync(join(parent, "csi/cluster.yaml"), "utf8")) as Record<string, unknown>;
    expect(cluster.proxmox_csi_token_id).toBe("kubernetes-csi@pve!csi");
  });

  it("exits 130 and writes nothing when a question is cancelled", async () => {
    const parent = mkdtempSync(join(tmpdir(), "tc-ask-"));
    const prompter = scripted([[/^Directory/, "x"]]);
    prompter.text = async (o) => {
      if (/^Directory/.test(o.message)) return "x";
      throw new CancelledError();
    };
    const ctx = captureContext({ cwd: parent, interactive: true, prompter });
    expect(await runCreate([], ctx)).toBe(130);
    expect(ctx.err()).toBe("Cancelled.\n");
    expect(() => readFileSync(join(parent, "x/cluster.yaml"))).toThrow();
  });
});
