#!/usr/bin/env node
// First-call cost of a package's build in a fresh process (what one `talos-cluster configure` run pays),
// measured on the built package (dist/). Run from the package directory (its `bench` script); each sample is
// a new vitest process running the package's tools/first-call/*.measure.ts.
//
//   node ../../tools/bench-first-call.mjs [runs=5]
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const root = process.cwd();
const vitest = join(dirname(createRequire(join(root, "package.json")).resolve("vitest/package.json")), "vitest.mjs");
const runs = Number(process.argv[2] ?? 5);
const samples = [];
for (let i = 0; i < runs; i++) {
  const out = execFileSync(process.execPath, [vitest, "run", "--config", "tools/first-call/vitest.config.ts"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const match = /FIRST_CALL_MS=([\d.]+)/.exec(out);
  if (!match) throw new Error(`no FIRST_CALL_MS in the output:\n${out}`);
  samples.push(Number(match[1]));
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(`first call in a fresh process: median ${median} ms, min ${samples[0]} ms, max ${samples.at(-1)} ms (${runs} runs: ${samples.join(", ")})`);
