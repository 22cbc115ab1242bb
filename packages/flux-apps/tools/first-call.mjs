#!/usr/bin/env node
// One sample for tools/bench-first-call.mjs: in this fresh process, import the built package and
// time the first buildFluxTree call for the all-features fixture (and a second one, warm).
//
//   node tools/first-call.mjs <url of dist/index.js> <url of the transpiled test/fixtures/configs>
const [distUrl, fixturesUrl] = process.argv.slice(2);
const { fullConfig, fakeSecrets } = await import(fixturesUrl);
let t = performance.now();
const { buildFluxTree } = await import(distUrl);
const importMs = performance.now() - t;
t = performance.now();
const cpu = process.cpuUsage();
const first = await buildFluxTree(fullConfig, { secrets: fakeSecrets });
const firstMs = performance.now() - t;
const used = process.cpuUsage(cpu);
// CPU time of the call (user + system): steadier than wall time when other work shares the cores.
const firstCpuMs = (used.user + used.system) / 1000;
if (!first.ok) throw new Error(`the all-features fixture does not build: ${JSON.stringify(first.errors.slice(0, 3))}`);
t = performance.now();
await buildFluxTree(fullConfig, { secrets: fakeSecrets });
const secondMs = performance.now() - t;
console.log(JSON.stringify({ importMs, firstMs, firstCpuMs, secondMs, files: first.files.size }));
