import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ClusterConfigSchema, formatIssue, loadClusterConfig } from "../src/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(root, "../..");

function modeline(file: string): string {
  const first = readFileSync(file, "utf8").split("\n")[0] ?? "";
  const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
  if (!match?.[1]) throw new Error(`${file} lacks a yaml-language-server modeline`);
  return resolve(dirname(file), match[1]);
}

describe.each([
  ["the shipped samples", join(root, "samples"), "cluster.sample.yaml", "nodes.sample.yaml"],
  ["examples/cluster", join(repo, "examples/cluster"), "cluster.yaml", "nodes.yaml"],
])("%s", (_name, dir, clusterFile, nodesFile) => {
  it("carry a modeline pointing at the shipped schema", () => {
    expect(modeline(join(dir, clusterFile))).toBe(join(root, "schema/cluster.schema.json"));
    expect(modeline(join(dir, nodesFile))).toBe(join(root, "schema/nodes.schema.json"));
    expect(existsSync(join(root, "schema/cluster.schema.json"))).toBe(true);
  });
});

describe("samples", () => {
  it("are valid as shipped", async () => {
    const { mkdtempSync, copyFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "talos-samples-"));
    copyFileSync(join(root, "samples/cluster.sample.yaml"), join(dir, "cluster.yaml"));
    copyFileSync(join(root, "samples/nodes.sample.yaml"), join(dir, "nodes.yaml"));
    const result = await loadClusterConfig(dir);
    expect(result.ok ? "" : result.errors.map(formatIssue).join("\n")).toBe("");
  });

  it("document every cluster.yaml key, with the real default where one exists", () => {
    const text = readFileSync(join(root, "samples/cluster.sample.yaml"), "utf8");
    const documented = new Map<string, unknown>();
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const match = /^(# )?([a-z0-9_]+):(?: (.*))?$/.exec(lines[i]!);
      if (!match?.[2]) continue;
      const prefix = match[1] ?? "";
      const block: string[] = [];
      // A key with its value on the following (commented) lines, indented: a block list or mapping.
      if (!match[3]?.trim()) while (lines[i + 1]?.startsWith(`${prefix}  `)) block.push(lines[++i]!.slice(prefix.length));
      documented.set(match[2], parse(block.length > 0 ? `v:\n${block.join("\n")}` : `v: ${match[3] ?? ""}`).v);
    }
    const keys = Object.keys(ClusterConfigSchema.shape).filter((key) => key !== "cloudflare_domain");
    expect(keys.filter((key) => !documented.has(key))).toEqual([]);
    const shape = ClusterConfigSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
    for (const [key, value] of documented) {
      expect(shape[key], `${key} is not a schema key`).toBeDefined();
      const fallback = shape[key]!.safeParse(undefined);
      if (fallback.success && fallback.data !== undefined) expect(value, `default of ${key}`).toEqual(fallback.data);
      else expect(shape[key]!.safeParse(value).success, `example of ${key}`).toBe(true);
    }
  });
});

describe("examples/cluster", () => {
  it("is valid: three controllers and one worker", async () => {
    const result = await loadClusterConfig(join(repo, "examples/cluster"));
    expect(result.ok ? "" : result.errors.map(formatIssue).join("\n")).toBe("");
    expect(result.ok && result.warnings).toEqual([]);
    if (!result.ok) return;
    expect(result.config.nodes.map((n) => [n.name, n.controller])).toEqual([
      ["k8s-cp-0", true],
      ["k8s-cp-1", true],
      ["k8s-cp-2", true],
      ["k8s-worker-0", false],
    ]);
    expect(result.config.proxmox_csi_enabled).toBe(true);
    expect(result.config.k8s_gateway_fallback_dns).toEqual(["1.1.1.1"]);
  });
});
