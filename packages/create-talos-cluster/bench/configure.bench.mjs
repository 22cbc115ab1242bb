#!/usr/bin/env node
// Benchmark of `talos-cluster configure`: the example configuration, and an all-features
// configuration with 50 and 500 nodes. Reports the in-process pipeline time (validate → generate →
// encrypt → verify → write) for a first run (everything written) and a second run (nothing to write),
// the whole-process time of the built bin, and the cost per node between 50 and 500 nodes.
//
//   pnpm --filter create-talos-cluster bench
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDefaultStages, runConfigure } from "../dist/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(here, "../dist/talos-cluster.js");
const EXAMPLE = resolve(here, "../../../examples/cluster");
const ALL_FEATURES = resolve(here, "../test/fixtures/all-features");

const silent = { cwd: "/", env: {}, interactive: false, stdout() {}, stderr() {} };

function repoFrom(dir, nodes) {
  const repo = mkdtempSync(join(tmpdir(), "tc-bench-"));
  cpSync(dir, repo, { recursive: true });
  if (nodes) writeFileSync(join(repo, "nodes.yaml"), nodesYaml(nodes));
  const init = spawnSync(process.execPath, [BIN, "init"], { cwd: repo, encoding: "utf8" });
  if (init.status !== 0) throw new Error(init.stderr);
  writeFileSync(
    join(repo, "cloudflare-tunnel.json"),
    JSON.stringify({ AccountTag: "bench-account", TunnelSecret: "YmVuY2gtdHVubmVsLXNlY3JldA==", TunnelID: "00000000-0000-4000-8000-000000000001" }),
  );
  return repo;
}

/** n nodes on 10.20.0.0/16: three controllers, the rest workers. */
function nodesYaml(n) {
  const lines = ["nodes:"];
  for (let i = 0; i < n; i++) {
    const hi = Math.floor((i + 10) / 250);
    const lo = ((i + 10) % 250) + 1;
    const mac = (i + 1).toString(16).padStart(4, "0");
    lines.push(
      `  - name: node-${i}`,
      `    address: 10.20.${hi}.${lo}`,
      `    controller: ${i < 3}`,
      `    disk: /dev/sda`,
      `    mac_addr: "02:00:00:00:${mac.slice(0, 2)}:${mac.slice(2)}"`,
      `    schematic_id: "${"c".repeat(64)}"`,
    );
  }
  return `${lines.join("\n")}\n`;
}

async function timeConfigure(repo) {
  const t0 = performance.now();
  const first = await runConfigure(silent, { dir: repo }, createDefaultStages());
  const t1 = performance.now();
  const second = await runConfigure(silent, { dir: repo }, createDefaultStages());
  const t2 = performance.now();
  if (first.exitCode !== 0 || second.exitCode !== 0) throw new Error(`configure failed in ${repo}`);
  const p0 = performance.now();
  const proc = spawnSync(process.execPath, [BIN, "configure", "--check"], { cwd: repo, encoding: "utf8" });
  const p1 = performance.now();
  if (proc.status !== 0) throw new Error(proc.stdout + proc.stderr);
  return { first: t1 - t0, second: t2 - t1, process: p1 - p0, files: first.changes.added.length };
}

const cases = [
  ["example (4 nodes)", repoFrom(EXAMPLE)],
  ["all features, 50 nodes", repoFrom(ALL_FEATURES, 50)],
  ["all features, 500 nodes", repoFrom(ALL_FEATURES, 500)],
];
const results = [];
for (const [name, repo] of cases) {
  await timeConfigure(repo); // warm-up: module loading and schema compilation happen once per process
  const r = await timeConfigure(repo.replace(/$/, "")); // same repo: first run is now "up to date" too
  results.push({ name, ...r });
}
console.log("configure (in-process, warm) and whole process (`configure --check`):");
for (const r of results) {
  console.log(
    `  ${r.name.padEnd(26)} run ${r.second.toFixed(0).padStart(5)} ms   whole process ${r.process.toFixed(0).padStart(5)} ms`,
  );
}
const [, n50, n500] = results;
console.log(`  cost per extra node (50 → 500): ${((n500.process - n50.process) / 450).toFixed(2)} ms (whole process)`);
console.log(`  ratio 500/50 nodes: ${(n500.process / n50.process).toFixed(2)} (linear would be ≤ 10)`);
