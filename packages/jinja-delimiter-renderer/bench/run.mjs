#!/usr/bin/env node
// Benchmark: render a generated ~200-template makejinja tree.
// Reports in-process compile+render time (renderTree; each template compiled once per run and reused by
// includes/imports), whole-process wall and CPU time of the CLI, and — when python3 with jinja2 and PyYAML is
// installed — of the Jinja2/makejinja harness on the same tree (both outputs are checked to be byte-identical).
// BENCH_RUNS (default 11), BENCH_TEMPLATES (200), BENCH_PYTHON (python3), BENCH_FRESH=1 (new output directory each
// run instead of re-rendering into the existing one), BENCH_KEEP=1 keeps the tree.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { generateSources } from "./templates.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const { renderTree, loadMakejinjaConfig } = await import(join(pkg, "dist/index.js"));
const cli = join(pkg, "dist/cli.js");
const harness = join(pkg, "test/harness/makejinja_harness.py");
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);

function write(root, path, text) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

function generate(root) {
  write(root, "makejinja.toml", `[makejinja]
inputs = ["./templates/overrides", "./templates/config"]
output = "./out"
exclude_patterns = ["*.partial.yaml.j2"]
data = ["./cluster.yaml", "./nodes.yaml"]
jinja_suffix = ".j2"
force = true
undefined = "chainable"

[makejinja.delimiter]
block_start = "#%"
block_end = "%#"
comment_start = "#|"
comment_end = "#|"
variable_start = "#{"
variable_end = "}#"
`);
  const features = Array.from({ length: 20 }, (_, i) => `feature_${i}_enabled: ${i % 3 !== 0 ? "true" : "false"}`).join("\n");
  write(root, "cluster.yaml", `cluster_name: bench\nnode_cidr: 10.0.0.0/24\ncloudflare_domains: ["a.example", "b.example"]\nrepository_name: me/cluster\n${features}\n`);
  const nodes = Array.from({ length: 6 }, (_, i) => `  - name: node-${i}\n    address: 10.0.0.${10 + i}\n    controller: ${i < 3 ? "true" : "false"}\n    disk: /dev/sda\n`).join("");
  write(root, "nodes.yaml", `nodes:\n${nodes}`);
  const [partial, ...templates] = generateSources(TEMPLATES);
  write(root, "templates/overrides/common.partial.yaml.j2", partial);
  templates.forEach((source, i) => write(root, `templates/config/kubernetes/apps/ns-${i % 14}/app-${i}/helmrelease.yaml.j2`, source));
}

/** Both runs must produce the same files with the same bytes, or the comparison means nothing. */
function assertSameTree(a, b) {
  const list = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath ?? d.path, d.name).slice(dir.length + 1)).sort();
  const [left, right] = [list(a), list(b)];
  if (left.join("\n") !== right.join("\n")) throw new Error(`CLI and harness wrote different file lists (${left.length} vs ${right.length})`);
  for (const f of left) if (!readFileSync(join(a, f)).equals(readFileSync(join(b, f)))) throw new Error(`CLI and harness differ in ${f}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

const root = mkdtempSync(join(tmpdir(), "jdr-bench-"));
try {
  generate(root);
  const loaded = loadMakejinjaConfig(readFileSync(join(root, "makejinja.toml"), "utf8"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));

  const inProcess = [];
  let files = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const result = await renderTree({ ...loaded.config.options, cwd: root, environ: {} });
    inProcess.push(performance.now() - t0);
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
    files = result.files.length;
  }

  // The Python side: the real interpreter, resolved once (`python3` is often a shim script — pyenv's adds ~100 ms to
  // every start — which would inflate the comparison). BENCH_PYTHON picks another interpreter.
  const probe = spawnSync(process.env.BENCH_PYTHON ?? "python3", ["-c", "import sys, jinja2, yaml; print(sys.executable)"], { encoding: "utf8" });
  const python = probe.status === 0 ? probe.stdout.trim() : undefined;
  // CPU time (user+sys) of each child from GNU time, when installed; wall time is measured here.
  const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  const cpuFile = join(root, "cpu-time.txt");
  const measure = (cmd, args, options) => {
    const argv = timeBin ? ["-f", "%U %S", "-o", cpuFile, cmd, ...args] : args;
    const t0 = performance.now();
    const r = spawnSync(timeBin ?? cmd, argv, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    const wall = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
    const cpu = timeBin ? readFileSync(cpuFile, "utf8").trim().split(/\s+/).slice(-2).reduce((a, x) => a + Number(x) * 1000, 0) : NaN;
    return { wall, cpu };
  };
  // Each writes its own output directory. By default that directory is reused, like re-rendering a project whose
  // output exists (the usual case; the warm-up run creates it); BENCH_FRESH=1 writes a new directory every run.
  // Runs alternate so both see the same machine load (shared machines fluctuate a lot).
  const fresh = Boolean(process.env.BENCH_FRESH);
  const cliRun = (out) => measure(process.execPath, [cli, "--quiet", "--output", out], { cwd: root });
  const pyRun = (out) => measure(python, [harness, root, join(root, out)], { cwd: root });
  cliRun("cli-out");
  if (python) pyRun("py-out");
  const cliTimes = [];
  const pyTimes = [];
  for (let i = 0; i < RUNS; i++) {
    cliTimes.push(cliRun(fresh ? `cli-out-${i}` : "cli-out"));
    if (python) pyTimes.push(pyRun(fresh ? `py-out-${i}` : "py-out"));
  }
  if (python) assertSameTree(join(root, "cli-out"), join(root, "py-out"));

  const wall = (xs) => median(xs.map((x) => x.wall));
  const cpu = (xs) => median(xs.map((x) => x.cpu));
  const cpuText = (xs) => (timeBin ? `, CPU (user+sys) ${ms(cpu(xs))}` : "");
  console.log(`tree: ${TEMPLATES} templates (+1 excluded partial), ${files} files rendered, ${RUNS} runs, median; ${fresh ? "new" : "existing"} output directory; load average ${loadavg()[0].toFixed(1)}`);
  console.log(`in-process renderTree (load data, compile each template once, render): ${ms(median(inProcess))} (first run ${ms(inProcess[0])})`);
  console.log(`whole process, jinja-delimiter-renderer CLI:   wall ${ms(wall(cliTimes))}${cpuText(cliTimes)}`);
  if (python) {
    console.log(`whole process, Jinja2 makejinja harness:       wall ${ms(wall(pyTimes))}${cpuText(pyTimes)} (${python})`);
    const cpuRatio = timeBin ? `, CPU ${(cpu(pyTimes) / cpu(cliTimes)).toFixed(2)}x` : "";
    console.log(`speed-up (whole process, same output bytes): wall ${(wall(pyTimes) / wall(cliTimes)).toFixed(2)}x${cpuRatio}`);
  } else {
    console.log("python3 with jinja2 and PyYAML not installed: no Jinja2 comparison");
  }
} finally {
  if (process.env.BENCH_KEEP) console.log("kept", root); else rmSync(root, { recursive: true, force: true });
}
