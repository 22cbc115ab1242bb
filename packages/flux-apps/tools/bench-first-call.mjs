#!/usr/bin/env node
// First-call cost of buildFluxTree in a fresh process — what one `talos-cluster configure` run pays —
// measured on the built package. Each sample is a new `node tools/first-call.mjs` process.
//
//   node tools/bench-first-call.mjs [--runs 5] [--dist <dir>]...
//
// With several --dist directories (e.g. a build of an older commit), samples alternate between them,
// so every build is measured under the same machine load.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let runs = 5;
const dists = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--dist") dists.push(resolve(args[++i]));
  else throw new Error(`unknown argument ${args[i]}; use --runs <n> and --dist <dir>`);
}
if (dists.length === 0) dists.push(join(root, "dist"));

// The fixtures only import types: transpiling them is enough to load them in plain node.
const tmp = mkdtempSync(join(tmpdir(), "flux-apps-bench-"));
const fixtures = join(tmp, "configs.mjs");
const source = readFileSync(join(root, "test", "fixtures", "configs.ts"), "utf8");
writeFileSync(fixtures, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);

const samples = new Map(dists.map((d) => [d, []]));
try {
  for (let i = 0; i < runs; i++) {
    for (const dist of dists) {
      const out = execFileSync(process.execPath, [join(root, "tools", "first-call.mjs"), pathToFileURL(join(dist, "index.js")).href, pathToFileURL(fixtures).href], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      samples.get(dist).push(JSON.parse(out.trim().split("\n").at(-1)));
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
for (const [dist, s] of samples) {
  const first = s.map((x) => x.firstMs);
  console.log(
    `${dist}: buildFluxTree all-features, first call in a fresh process: median ${ms(median(first))} ` +
      `(min ${ms(Math.min(...first))}, max ${ms(Math.max(...first))}; ${runs} runs: ${first.map(Math.round).join(", ")}); ` +
      `CPU time median ${ms(median(s.map((x) => x.firstCpuMs)))}; import ${ms(median(s.map((x) => x.importMs)))}, second call ${ms(median(s.map((x) => x.secondMs)))}; ${s[0].files} files`,
  );
}
