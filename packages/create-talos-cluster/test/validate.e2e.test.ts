import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, requireBuiltBin, runBuiltBin } from "./built-bin.js";

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLE = resolve(here, "../../../examples/cluster");

function talosCluster(args: string[], cwd: string) {
  return runBuiltBin(BIN, args, cwd, { PATH: process.env.PATH });
}

describe("talos-cluster validate (built bin)", () => {
  beforeAll(requireBuiltBin);

  it("accepts the bundled example and prints a summary", () => {
    const out = talosCluster(["validate", "--dir", EXAMPLE], tmpdir());
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/cluster\.yaml and .*nodes\.yaml are valid \(4 nodes: 3 controllers, 1 worker\)\.\n$/);
  });

  it("prints the resolved configuration as JSON, identical on every run", () => {
    const first = talosCluster(["validate", "--dir", EXAMPLE, "--json"], tmpdir());
    const second = talosCluster(["validate", "--dir", EXAMPLE, "--json"], tmpdir());
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const config = JSON.parse(first.stdout) as { nodes: unknown[]; primary_domain: string; spegel_enabled: boolean; cloudflare_token: string };
    expect(config.nodes).toHaveLength(4);
    expect(config.primary_domain).toBe("example.com");
    expect(config.spegel_enabled).toBe(true);
    expect(config.cloudflare_token).toBe("<redacted>");
  });

  it("exits 1 with one line per problem in a temp dir, writing nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "talos-validate-e2e-"));
    writeFileSync(join(dir, "cluster.yaml"), "node_cidr: 10.0.0.5/24\ncluster_api_addr: 10.0.0.10\n");
    writeFileSync(join(dir, "nodes.yaml"), "nodes: []\n");
    const out = talosCluster(["validate"], dir);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatchInlineSnapshot(`
      "cluster.yaml:1:1  cloudflare_domains  Missing required key cloudflare_domains. Add it, e.g. cloudflare_domains: [example.com].
      cluster.yaml:1:1  cloudflare_gateway_addr  Missing required key cloudflare_gateway_addr. Add it, e.g. cloudflare_gateway_addr: 192.168.1.103.
      cluster.yaml:1:1  cloudflare_token  Missing required key cloudflare_token: Cloudflare API token (Zone:DNS:Edit and Account:Cloudflare Tunnel:Read). Add it.
      cluster.yaml:1:1  cluster_dns_gateway_addr  Missing required key cluster_dns_gateway_addr. Add it, e.g. cluster_dns_gateway_addr: 192.168.1.102.
      cluster.yaml:1:1  cluster_gateway_addr  Missing required key cluster_gateway_addr. Add it, e.g. cluster_gateway_addr: 192.168.1.101.
      cluster.yaml:1:1  repository_name  Missing required key repository_name. Add it, e.g. repository_name: my-org/home-cluster.
      cluster.yaml:1:12  node_cidr  "10.0.0.5/24" has host bits set. Write the network address instead: 10.0.0.0/24.
      nodes.yaml:1:8  nodes  No nodes listed. Add at least one node with controller: true.
      8 errors in cluster.yaml and nodes.yaml.
      "
    `);
    expect(readdirSync(dir).sort()).toEqual(["cluster.yaml", "nodes.yaml"]);
  });

  it("exits 2 on a usage error", () => {
    const out = talosCluster(["validate", "--frobnicate"], tmpdir());
    expect(out.code).toBe(2);
    expect(out.stderr.split("\n")[0]).toBe("talos-cluster validate: unknown option --frobnicate.");
  });

  it("prints its usage with --help", () => {
    const out = talosCluster(["validate", "--help"], tmpdir());
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Usage: talos-cluster validate [--dir DIR] [--json]");
  });
});
