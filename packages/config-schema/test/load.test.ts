import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssue, loadClusterConfig, toYaml } from "../src/index.js";
import { baseCluster, baseNodes } from "./helpers.js";

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "talos-load-"));
  mkdirSync(join(root, "cfg"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, "cfg", name), text);
  return root;
}

describe("loadClusterConfig", () => {
  it("reads DIR/cluster.yaml and DIR/nodes.yaml, naming files relative to cwd", async () => {
    const root = workspace({ "cluster.yaml": toYaml({ ...baseCluster(), node_cidr: "192.168.1.5/24" }), "nodes.yaml": toYaml({ nodes: baseNodes() }) });
    const result = await loadClusterConfig("cfg", { cwd: root });
    expect(result.ok ? [] : result.errors.map(formatIssue)).toEqual([
      'cfg/cluster.yaml:1:12  node_cidr  "192.168.1.5/24" has host bits set. Write the network address instead: 192.168.1.0/24.',
    ]);
  });

  it("reports missing files as issues instead of throwing", async () => {
    const root = workspace({ "nodes.yaml": toYaml({ nodes: baseNodes() }) });
    const result = await loadClusterConfig("cfg", { cwd: root });
    expect(result.ok ? [] : result.errors.map(formatIssue)).toMatchInlineSnapshot(`
      [
        "cfg/cluster.yaml  File not found. Create cluster.yaml in this directory (start from cluster.sample.yaml of @talos-cluster/config-schema), or point --dir at the directory that has it.",
      ]
    `);
  });

  it("reports a missing directory, or a file given as the directory, once", async () => {
    const root = workspace({ "cluster.yaml": toYaml(baseCluster()) });
    const none = await loadClusterConfig("nowhere", { cwd: root });
    expect(none.ok ? [] : none.errors.map(formatIssue)).toMatchInlineSnapshot(`
      [
        "nowhere  Directory not found. Point --dir at the directory holding cluster.yaml and nodes.yaml.",
      ]
    `);
    const file = await loadClusterConfig(join(root, "cfg", "cluster.yaml"));
    expect(file.ok ? [] : file.errors.map((e) => e.message)).toMatchInlineSnapshot(`
      [
        "This is a file, not a directory. Point --dir at the directory holding cluster.yaml and nodes.yaml.",
      ]
    `);
  });

  it("resolves an absolute directory", async () => {
    const root = workspace({ "cluster.yaml": toYaml(baseCluster()), "nodes.yaml": toYaml({ nodes: baseNodes() }) });
    const result = await loadClusterConfig(join(root, "cfg"));
    expect(result.ok).toBe(true);
  });
});
