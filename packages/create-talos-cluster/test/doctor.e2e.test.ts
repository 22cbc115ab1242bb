import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { generateAgeIdentity } from "@talos-cluster/secrets";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, CREATE_BIN, runBuiltBin } from "./built-bin.js";

const here = dirname(fileURLToPath(import.meta.url));
const FAKE_BIN = resolve(here, "fake-tools/bin");

let repo: string;
let log: string;

function doctor(dir: string) {
  return runBuiltBin(BIN, ["doctor"], dir, { PATH: FAKE_BIN, HOME: dir, FAKE_NODE: process.execPath, FAKE_TOOLS_LOG: log });
}

beforeAll(() => {
  const parent = mkdtempSync(join(tmpdir(), "tc-doctor-"));
  log = join(parent, "calls.jsonl");
  const r = runBuiltBin(CREATE_BIN, ["cluster", "--yes", "--no-git"], parent, { PATH: process.env.PATH, HOME: parent });
  expect(r.code, r.stderr).toBe(0);
  repo = join(parent, "cluster");
});

describe("talos-cluster doctor (built bin, fake tools on PATH)", () => {
  it("reports tools with versions, the SOPS implementation, the placeholder tunnel and an up-to-date tree", () => {
    const r = doctor(repo);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✔ talosctl    fake talosctl: ok  (${FAKE_BIN}/talosctl)`);
    expect(r.stdout).toContain("! cloudflared not found on PATH (creates the Cloudflare tunnel and its credentials file)");
    expect(r.stdout).toContain("✔ SOPS: built-in implementation (@talos-cluster/secrets");
    expect(r.stdout).toContain("! cloudflare-tunnel.json is the example PLACEHOLDER");
    expect(r.stdout).toContain("✔ cluster.yaml and nodes.yaml are valid (4 nodes)");
    expect(r.stdout).toContain("✔ the generated tree is up to date");
    expect(r.stdout).toMatch(/\n\d+ ok, \d+ warning\(s\), 0 problem\(s\)\n$/);
    const calls = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { tool: string; args: string[] });
    expect(calls).toContainEqual(expect.objectContaining({ tool: "talosctl", args: ["version", "--client", "--short"] }));
  });

  it("warns when ~/.config/sops/age/keys.txt holds another key than age.key", async () => {
    const keys = join(repo, ".config/sops/age");
    mkdirSync(keys, { recursive: true });
    writeFileSync(join(keys, "keys.txt"), (await generateAgeIdentity(new Date(0))).text);
    try {
      const r = doctor(repo);
      expect(r.stdout).toMatch(/^! .*keys\.txt.*$/m);
      expect(r.stdout).not.toContain("AGE-SECRET-KEY");
    } finally {
      rmSync(join(repo, ".config"), { recursive: true, force: true });
    }
  });

  it("fails when the tree is out of date", () => {
    const path = join(repo, "cluster.yaml");
    const original = readFileSync(path, "utf8");
    writeFileSync(path, original.replace(/cluster_api_tls_sans: .*\n/, 'cluster_api_tls_sans: ["other.example.com"]\n'));
    try {
      const r = doctor(repo);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("✖ the generated tree is out of date: run `talos-cluster configure`");
    } finally {
      writeFileSync(path, original);
    }
  });

  it("fails on an invalid configuration and says how to see the problems", () => {
    const path = join(repo, "nodes.yaml");
    const original = readFileSync(path, "utf8");
    writeFileSync(path, "nodes: []\n");
    try {
      const r = doctor(repo);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/✖ the configuration has \d+ problem\(s\): run `talos-cluster validate` to see them/);
    } finally {
      writeFileSync(path, original);
    }
  });
});
