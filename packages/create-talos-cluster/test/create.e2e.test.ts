import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN, CREATE_BIN, runBuiltBin } from "./built-bin.js";

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLE = resolve(here, "../../../examples/cluster");

function run(bin: string, args: string[], cwd: string) {
  return runBuiltBin(bin, args, cwd, { PATH: process.env.PATH, HOME: cwd });
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk("");
  return out.sort();
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((p) => [p, readFileSync(join(dir, p), "utf8")]));
}

/** A repository scaffolded once from the example; tests copy nothing and only read it or run --check. */
function scaffold(): string {
  const parent = mkdtempSync(join(tmpdir(), "tc-create-"));
  const r = run(CREATE_BIN, ["cluster", "--yes", "--no-git"], parent);
  expect(r.stderr).not.toContain("internal error");
  expect(r.code, r.stderr).toBe(0);
  return join(parent, "cluster");
}

describe("npm create talos-cluster (built bin)", () => {
  it("scaffolds the example into a repository whose configure --check passes", () => {
    const dir = scaffold();
    const files = listFiles(dir);
    for (const f of [
      "cluster.yaml",
      "nodes.yaml",
      ".gitignore",
      ".sops.yaml",
      "package.json",
      ".mise.toml",
      "README.md",
      "age.key",
      "github-deploy.key",
      "github-deploy.key.pub",
      "github-push-token.txt",
      "cloudflare-tunnel.json",
      ".talos-cluster/manifest.json",
      "talos/talconfig.yaml",
      "kubernetes/flux/cluster/ks.yaml",
      "bootstrap/helmfile.d/01-apps.yaml",
    ]) {
      expect(files, f).toContain(f);
    }
    expect(readFileSync(join(dir, "cluster.yaml"), "utf8")).toMatch(
      /^# yaml-language-server: \$schema=\.\/node_modules\/@talos-cluster\/config-schema\/schema\/cluster\.schema\.json\n/,
    );
    expect(JSON.parse(readFileSync(join(dir, "cloudflare-tunnel.json"), "utf8")).placeholder).toBe(true);
    const check = run(BIN, ["configure", "--check"], dir);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^Up to date: \d+ files, nothing to write\.\n$/);
  });

  it("encrypts every *.sops.yaml and leaves no configured secret in plaintext", () => {
    const dir = scaffold();
    const sopsFiles = listFiles(dir).filter((p) => /.\.sops\.yaml$/.test(p.split("/").pop()!));
    expect(sopsFiles.length).toBeGreaterThan(3);
    for (const f of sopsFiles) {
      const text = readFileSync(join(dir, f), "utf8");
      expect(text, f).toMatch(/ENC\[AES256_GCM,data:/);
      expect(text, f).toMatch(/\nsops:\n/);
    }
    const token = /cloudflare_token:\s*"?([^"\n]+)"?/.exec(readFileSync(join(EXAMPLE, "cluster.yaml"), "utf8"))![1]!;
    const ageSecret = /AGE-SECRET-KEY-[0-9A-Z]+/.exec(readFileSync(join(dir, "age.key"), "utf8"))![0];
    for (const f of listFiles(dir).filter((p) => /^(kubernetes|bootstrap|talos)\//.test(p))) {
      const text = readFileSync(join(dir, f), "utf8");
      expect(text.includes(token), `${f} holds cloudflare_token`).toBe(false);
      expect(text.includes(ageSecret), `${f} holds the age key`).toBe(false);
    }
  });

  it("writes nothing on a second configure and changes exactly the affected files after an edit", () => {
    const dir = scaffold();
    const before = snapshot(dir);
    const again = run(BIN, ["configure"], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Up to date/);
    expect(snapshot(dir)).toEqual(before);

    const clusterYaml = readFileSync(join(dir, "cluster.yaml"), "utf8");
    writeFileSync(join(dir, "cluster.yaml"), clusterYaml.replace(/cluster_api_tls_sans: .*\n/, 'cluster_api_tls_sans: ["k8s.example.com", "api.example.com"]\n'));
    const stale = run(BIN, ["configure", "--check"], dir);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain("  ~ talos/talconfig.yaml");
    const dry = run(BIN, ["configure", "--dry-run"], dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe("Would write (0 added, 1 changed, 0 removed, " + dry.stdout.split(", 0 removed, ")[1]);
    const edited = run(BIN, ["configure"], dir);
    expect(edited.code, edited.stderr).toBe(0);
    const after = snapshot(dir);
    const changed = Object.keys(after).filter((p) => after[p] !== before[p]);
    expect(changed.sort()).toEqual([".talos-cluster/manifest.json", "cluster.yaml", "talos/talconfig.yaml"]);
    expect(after["talos/talconfig.yaml"]).toContain("api.example.com");
  });

  it("leaves the previous tree untouched when validation fails", () => {
    const dir = scaffold();
    const before = snapshot(dir);
    writeFileSync(join(dir, "nodes.yaml"), readFileSync(join(dir, "nodes.yaml"), "utf8").replace("address: 192.0.2.12", "address: 192.0.2.11"));
    const r = run(BIN, ["configure"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nodes\.yaml:\d+:\d+ +nodes\[1\]\.address +/);
    expect(r.stderr).toContain("Nothing was written.");
    const after = snapshot(dir);
    delete after["nodes.yaml"];
    delete before["nodes.yaml"];
    expect(after).toEqual(before);
  });

  it("survives being killed while writing: the next run completes a consistent tree", async () => {
    const dir = scaffold();
    for (const gen of ["kubernetes", "bootstrap", "talos", ".talos-cluster"]) {
      spawnSync("rm", ["-rf", join(dir, gen)]);
    }
    const child = spawn(process.execPath, [BIN, "configure"], { cwd: dir, stdio: "ignore", env: { PATH: process.env.PATH, HOME: dir } });
    const staging = join(dir, ".talos-cluster/staging");
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        if (existsSync(staging) || child.exitCode !== null) {
          clearInterval(poll);
          child.kill("SIGKILL");
          done();
        }
      }, 2);
    });
    await new Promise((r) => child.once("close", r));
    // Killed before the commit point: nothing generated is in place; after it: the next run finishes the moves.
    const partial = listFiles(dir).filter((p) => p.startsWith("kubernetes/"));
    const next = run(BIN, ["configure"], dir);
    expect(next.code, next.stderr).toBe(0);
    const check = run(BIN, ["configure", "--check"], dir);
    expect(check.code).toBe(0);
    expect(listFiles(dir).filter((p) => p.startsWith("kubernetes/")).length).toBeGreaterThanOrEqual(partial.length);
    expect(listFiles(dir).some((p) => p.startsWith(".talos-cluster/staging"))).toBe(false);
  });

  it("refuses a non-empty directory and writes nothing", () => {
    const parent = mkdtempSync(join(tmpdir(), "tc-create-"));
    mkdirSync(join(parent, "taken"));
    writeFileSync(join(parent, "taken/keep.txt"), "mine\n");
    const r = run(CREATE_BIN, ["taken", "--yes", "--no-git"], parent);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("taken already exists and is not empty. Choose a new directory; nothing was written.\n");
    expect(listFiles(join(parent, "taken"))).toEqual(["keep.txt"]);
  });

  it("rejects an invalid --config before creating anything", () => {
    const parent = mkdtempSync(join(tmpdir(), "tc-create-"));
    writeFileSync(join(parent, "cluster.yaml"), readFileSync(join(EXAMPLE, "cluster.yaml"), "utf8").replace(/^node_cidr: .*$/m, "node_cidr: 10.0.0.0/33"));
    writeFileSync(join(parent, "nodes.yaml"), readFileSync(join(EXAMPLE, "nodes.yaml"), "utf8"));
    const r = run(CREATE_BIN, ["new", "--config", "cluster.yaml", "--nodes", "nodes.yaml", "--no-git"], parent);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cluster\.yaml:\d+:\d+ +node_cidr /m);
    expect(existsSync(join(parent, "new"))).toBe(false);
  });

  it("is a usage error (exit 2) without a terminal, --yes or --config", () => {
    const parent = mkdtempSync(join(tmpdir(), "tc-create-"));
    const r = run(CREATE_BIN, ["x"], parent);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Pass --yes to use the example configuration");
    const half = run(CREATE_BIN, ["x", "--config", "c.yaml"], parent);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("--config and --nodes go together");
  });
});
