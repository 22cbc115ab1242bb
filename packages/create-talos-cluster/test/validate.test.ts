import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runGuarded } from "../src/cli/run.js";
import { validate } from "../src/commands/validate.js";
import { captureContext } from "./helpers.js";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const CLUSTER = `node_cidr: 192.168.1.0/24
cluster_api_addr: 192.168.1.100
cluster_gateway_addr: 192.168.1.101
cluster_dns_gateway_addr: 192.168.1.102
cloudflare_gateway_addr: 192.168.1.103
repository_name: my-org/home-cluster
cloudflare_domains: [example.com]
cloudflare_token: super-secret-token
`;

const NODE = (name: string, address: string, controller: boolean, mac: string) => `  - name: ${name}
    address: ${address}
    controller: ${controller}
    disk: /dev/sda
    mac_addr: ${mac}
    schematic_id: 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba
`;

const NODES = `nodes:\n${NODE("k8s-0", "192.168.1.10", true, "00:11:22:33:44:00")}${NODE("k8s-1", "192.168.1.11", false, "00:11:22:33:44:01")}`;

/** A temp directory with `sub/cluster.yaml` and `sub/nodes.yaml`. */
function workspace(cluster: string | undefined, nodes: string | undefined, sub = "."): string {
  const root = mkdtempSync(join(tmpdir(), "talos-validate-"));
  mkdirSync(join(root, sub), { recursive: true });
  if (cluster !== undefined) writeFileSync(join(root, sub, "cluster.yaml"), cluster);
  if (nodes !== undefined) writeFileSync(join(root, sub, "nodes.yaml"), nodes);
  return root;
}

async function run(args: string[], cwd: string) {
  const ctx = captureContext({ cwd });
  const code = await runGuarded(() => validate.run(args, ctx), ctx, false);
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}

describe("talos-cluster validate", () => {
  it("exits 0 with a one-line summary on stderr for a valid configuration", async () => {
    const root = workspace(CLUSTER, NODES);
    const out = await run([], root);
    expect(out).toEqual({
      code: 0,
      stdout: "",
      stderr: "cluster.yaml and nodes.yaml are valid (2 nodes: 1 controller, 1 worker).\n",
    });
  });

  it("reads --dir relative to the working directory", async () => {
    const root = workspace(CLUSTER, NODES, "cfg/prod");
    const out = await run(["--dir", "cfg/prod"], root);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("cfg/prod/cluster.yaml and cfg/prod/nodes.yaml are valid (2 nodes: 1 controller, 1 worker).\n");
  });

  it("validates the bundled example (what `npm run demo` runs)", async () => {
    const out = await run(["--dir", "examples/cluster"], repo);
    expect(out).toEqual({
      code: 0,
      stdout: "",
      stderr: "examples/cluster/cluster.yaml and examples/cluster/nodes.yaml are valid (4 nodes: 3 controllers, 1 worker).\n",
    });
  });

  it("prints the resolved configuration as one JSON object with --json, secrets redacted", async () => {
    const root = workspace(CLUSTER, NODES);
    const out = await run(["--json"], root);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe("");
    const config = JSON.parse(out.stdout) as Record<string, unknown>;
    expect(config).toMatchObject({
      primary_domain: "example.com",
      node_default_gateway: "192.168.1.1",
      spegel_enabled: true,
      cilium_bgp_enabled: false,
      k8s_gateway_fallback_dns: ["1.1.1.1", "1.0.0.1"],
      cloudflare_token: "<redacted>",
      keycloak_admin_password: "",
    });
    expect(out.stdout).not.toContain("super-secret-token");
    expect(out.stdout.trim().startsWith("{")).toBe(true);
  });

  it("prints secrets only with --json --show-secrets", async () => {
    const root = workspace(CLUSTER, NODES);
    const out = await run(["--json", "--show-secrets"], root);
    expect(JSON.parse(out.stdout).cloudflare_token).toBe("super-secret-token");
  });

  it("prints byte-identical JSON on every run", async () => {
    const root = workspace(CLUSTER, NODES);
    const first = await run(["--json"], root);
    const second = await run(["--json"], root);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout.length).toBeGreaterThan(100);
  });

  it("exits 1 and lists every problem, sorted by position, then a count", async () => {
    const cluster = CLUSTER.replace("node_cidr: 192.168.1.0/24", "node_cidr: 192.168.1.0/24\nnode_vlan_tag: 5000").replace(
      "repository_name: my-org/home-cluster",
      "repository_name: home-cluster\nobot_enabled: true",
    );
    const nodes = NODES.replace("00:11:22:33:44:01", "00:11:22:33:44:00").replace("controller: true", "controller: false");
    const root = workspace(cluster, nodes);
    const out = await run(["--json"], root);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatchInlineSnapshot(`
      "cluster.yaml:2:16  node_vlan_tag  5000 is out of range. Use a VLAN ID between 1 and 4094.
      cluster.yaml:7:18  repository_name  "home-cluster" is not a GitHub repository name. Write it as "owner/repo", e.g. my-org/home-cluster.
      cluster.yaml:8:1  obot_enabled  obot is not supported by talos-cluster yet. Remove obot_enabled from this file.
      nodes.yaml:2:3  nodes  No controller node. Set controller: true on at least one node (1 or 3 controllers are typical).
      nodes.yaml:12:15  nodes[1].mac_addr  Node "k8s-1" reuses MAC address 00:11:22:33:44:00 from node "k8s-0". Give each node the MAC of its own network interface.
      5 errors in cluster.yaml and nodes.yaml.
      "
    `);
    expect(readdirSync(root).sort()).toEqual(["cluster.yaml", "nodes.yaml"]);
  });

  it("prints warnings with the summary, and still exits 0", async () => {
    const root = workspace(`${CLUSTER}cloudflare_domain: example.org\n`, NODES);
    const out = await run([], root);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatchInlineSnapshot(`
      "cluster.yaml:9:20  cloudflare_domain  warning: cloudflare_domain is ignored because cloudflare_domains is set. Remove cloudflare_domain.
      cluster.yaml and nodes.yaml are valid (2 nodes: 1 controller, 1 worker, 1 warning).
      "
    `);
  });

  it("reports missing files as problems, exit 1", async () => {
    const root = workspace(undefined, undefined);
    const out = await run(["--dir", "."], root);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatchInlineSnapshot(`
      "cluster.yaml  File not found. Create cluster.yaml in this directory (start from cluster.sample.yaml of @talos-cluster/config-schema), or point --dir at the directory that has it.
      nodes.yaml  File not found. Create nodes.yaml in this directory (start from nodes.sample.yaml of @talos-cluster/config-schema), or point --dir at the directory that has it.
      2 errors in cluster.yaml and nodes.yaml.
      "
    `);
  });

  it("reports a YAML syntax error without a stack trace", async () => {
    const root = workspace(`${CLUSTER}bad: [\n`, NODES);
    const out = await run([], root);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatchInlineSnapshot(`
      "cluster.yaml:10:1  YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the syntax at this position.
      1 error in cluster.yaml and nodes.yaml.
      "
    `);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [["--verbos"]],
    [["--dir"]],
    [["examples/cluster"]],
    [["--show-secrets"]],
    [["--json=yes"]],
  ])("rejects bad usage %j with exit 2 and the usage text", async (args) => {
    const root = workspace(CLUSTER, NODES);
    const out = await run(args, root);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("Usage: talos-cluster validate [--dir DIR] [--json]");
  });

  it("explains usage errors", async () => {
    const root = workspace(CLUSTER, NODES);
    expect((await run(["--verbos"], root)).stderr.split("\n")[0]).toMatchInlineSnapshot(`"talos-cluster validate: unknown option --verbos."`);
    expect((await run(["examples/cluster"], root)).stderr.split("\n")[0]).toMatchInlineSnapshot(`"talos-cluster validate: unexpected argument "examples/cluster". To check another directory, use --dir examples/cluster."`);
    expect((await run(["--dir"], root)).stderr.split("\n")[0]).toMatchInlineSnapshot(`"talos-cluster validate: --dir needs a value, e.g. --dir examples/cluster."`);
  });
});
