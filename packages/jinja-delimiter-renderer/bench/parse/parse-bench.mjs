#!/usr/bin/env node
// Lex + parse benchmark: `parseTemplate` over the ~200 templates of the tree that bench/run.mjs renders.
//
// The CLI parses every template once per process, so what matters is the COLD time: the first pass in a fresh
// node process, with V8 still interpreting our code (the CLI raises --interrupt-budget, which keeps it in the
// interpreter even longer; this script uses the same budget unless --default-budget is given). Each of
// --processes fresh processes imports src/parser.ts, bundled once with esbuild (as tsup does, nunjucks external)
// into a temporary directory, and times
//   cold: the first pass over all templates (wall time, and the CPU time of all the process's threads, which
//         includes V8's compiler and GC threads), warm: the median of --warm further passes,
// and the lex-only variant (JinjaTokenizer to the last token) in separate processes.
// Reports the median over processes.
//
//   node bench/parse/parse-bench.mjs [--src DIR] [--baseline DIR] [--processes N] [--warm N] [--default-budget]
//                                    [--node-flags="--no-opt ..."]
//
// --src bundles DIR/parser.ts + DIR/lexer.ts instead of this package's src; --baseline DIR measures a second
// copy (e.g. an older version) in alternating processes, so both see the same machine load.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateSources } from "../templates.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "../..");
const { values: args } = parseArgs({
  options: {
    src: { type: "string", default: join(pkg, "src") },
    processes: { type: "string", default: "9" },
    warm: { type: "string", default: "15" },
    baseline: { type: "string" },
    "default-budget": { type: "boolean", default: false },
    "node-flags": { type: "string", default: "" },
  },
});

const work = mkdtempSync(join(tmpdir(), "jdr-parse-bench-"));
try {
  symlinkSync(join(pkg, "node_modules"), join(work, "node_modules"), "dir");
  const variants = [["src", resolve(args.src)]];
  if (args.baseline) variants.push(["baseline", resolve(args.baseline)]);
  const bundles = variants.map(([label, src], i) => {
    const bundle = join(work, `parser-${i}.mjs`);
    const entry = join(work, `entry-${i}.ts`);
    writeFileSync(entry, `export { parseTemplate } from ${JSON.stringify(join(src, "parser.ts"))};\nexport { JinjaTokenizer } from ${JSON.stringify(join(src, "lexer.ts"))};\n`);
    // esbuild is the workspace's (tsup's) — not a dependency of this package, so run its binary.
    const esbuild = spawnSync(
      join(pkg, "../../node_modules/.bin/esbuild"),
      [entry, "--bundle", "--format=esm", "--platform=node", "--target=node20", "--external:nunjucks", "--log-level=error", `--outfile=${bundle}`],
      { encoding: "utf8" },
    );
    if (esbuild.status !== 0) throw new Error(`esbuild failed: ${esbuild.stderr || esbuild.error}`);
    return { label: `${label} (${src})`, bundle };
  });
  const sourcesFile = join(work, "sources.json");
  const sources = generateSources();
  writeFileSync(sourcesFile, JSON.stringify(sources));

  const child = join(work, "child.mjs");
  writeFileSync(
    child,
    `import { readFileSync } from "node:fs";
const [bundle, mode, warmRuns] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const sources = JSON.parse(readFileSync(${JSON.stringify(sourcesFile)}, "utf8"));
const options = {
  delimiters: { blockStart: "#%", blockEnd: "%#", variableStart: "#{", variableEnd: "}#", commentStart: "#|", commentEnd: "#|" },
  trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true, lineStatementPrefix: null, lineCommentPrefix: null,
};
let t = performance.now();
const { parseTemplate, JinjaTokenizer } = await import(bundle);
const load = performance.now() - t;
let sink = 0;
const pass = mode === "lex"
  ? () => { for (const s of sources) { const lx = new JinjaTokenizer(s, options); while (lx.nextToken()) sink++; } }
  : () => { for (const s of sources) sink += parseTemplate(s, options).children.length; };
t = performance.now();
const cpu0 = process.cpuUsage();
pass();
const cold = performance.now() - t;
const cpu1 = process.cpuUsage(cpu0);
const coldCpu = (cpu1.user + cpu1.system) / 1000;
const warm = [];
for (let i = 0; i < warmRuns; i++) { t = performance.now(); pass(); warm.push(performance.now() - t); }
warm.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ load, cold, coldCpu, warm: warm[Math.floor(warm.length / 2)] ?? NaN, sink }));
`,
  );

  const budget = args["default-budget"] ? [] : [`--interrupt-budget=${67584 * 16}`];
  budget.push(...args["node-flags"].split(" ").filter(Boolean));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = bundles.map(() => ({ parse: [], lex: [] }));
  // Variants alternate process by process, so they see the same machine load.
  for (let i = 0; i < Number(args.processes); i++) {
    for (const mode of ["parse", "lex"]) {
      bundles.forEach(({ bundle }, v) => {
        const r = spawnSync(process.execPath, [...budget, child, bundle, mode, args.warm], { encoding: "utf8" });
        if (r.status !== 0) throw new Error(r.stderr);
        results[v][mode].push(JSON.parse(r.stdout));
      });
    }
  }
  const kb = (sources.reduce((n, s) => n + s.length, 0) / 1024).toFixed(0);
  console.log(`${sources.length} templates (${kb} KB), ${args.processes} fresh processes each, median; ${args["default-budget"] ? "default interrupt budget" : "CLI interrupt budget"} ${args["node-flags"]}`);
  bundles.forEach(({ label }, v) => {
    if (bundles.length > 1) console.log(label);
    for (const mode of ["parse", "lex"]) {
      const rs = results[v][mode];
      const f = (k) => `${median(rs.map((r) => r[k])).toFixed(1)} ms`;
      const min = Math.min(...rs.map((r) => r.cold)).toFixed(1);
      console.log(`  ${mode === "parse" ? "lex+parse" : "lex only "}: cold ${f("cold")} (min ${min} ms, CPU ${f("coldCpu")})  warm ${f("warm")}  (module load ${f("load")})`);
    }
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
