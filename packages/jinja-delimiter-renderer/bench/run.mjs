#!/usr/bin/env node
// Benchmark: render a generated ~200-template makejinja tree.
// Reports in-process compile+render time (renderTree; each template compiled once per run and reused by
// includes/imports), whole-process time of the CLI, and — when python3 with jinja2 is installed — the
// whole-process time of the Jinja2/makejinja harness on the same tree.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const { renderTree, loadMakejinjaConfig } = await import(join(pkg, "dist/index.js"));
const cli = join(pkg, "dist/cli.js");
const harness = join(pkg, "test/harness/makejinja_harness.py");
const TEMPLATES = Number(process.env.BENCH_TEMPLATES ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

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
  write(root, "templates/overrides/common.partial.yaml.j2", "#| shared labels #|\napp.kubernetes.io/managed-by: flux\ncluster: #{ cluster_name }#\n");
  for (let i = 0; i < TEMPLATES; i++) {
    const ns = `ns-${i % 14}`;
    const feature = `feature_${i % 20}_enabled`;
    write(root, `templates/config/kubernetes/apps/${ns}/app-${i}/helmrelease.yaml.j2`, `#| app ${i}: a HelmRelease in the reference style #|
#% if ${feature} | default(false) %#
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app-${i}
  labels:
    #% filter indent(width=4, first=False) %#
    #% include 'common.partial.yaml.j2' %#
    #% endfilter %#
spec:
  interval: 1h
  values:
    replicas: #{ 1 if loop is undefined else 2 }#
    hosts:
      #% for domain in cloudflare_domains %#
      - "app-${i}.#{ domain }#"
      #% endfor %#
    controllers: #{ nodes | selectattr('controller', 'equalto', True) | map(attribute='address') | join(',') }#
    workers:
      #% for node in nodes if not node.controller %#
      - name: #{ node.name }#
        index: #{ loop.index }#
      #% endfor %#
    owner: #{ repository_name.split('/')[0] }#
    tag: "#{ '%s-%03d' % (cluster_name, ${i}) }#"
    enabled: #{ ${feature} | string | lower }#
    gateway: #{ node_cidr | replace('0/24', '1') }#
    extra: #{ optional_value | default('none') }#
#% endif %#
`);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

const root = mkdtempSync(join(tmpdir(), "jdr-bench-"));
try {
  generate(root);
  const loaded = loadMakejinjaConfig((await import("node:fs")).readFileSync(join(root, "makejinja.toml"), "utf8"));
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

  // CLI and Python runs alternate, so both see the same machine load (shared CI machines fluctuate a lot).
  const hasPython = spawnSync("python3", ["-c", "import jinja2, yaml"], { stdio: "ignore" }).status === 0;
  const wholeProcess = [];
  const python = hasPython ? [] : undefined;
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, "--quiet"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    wholeProcess.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(String(r.stderr));
    if (!python) continue;
    const out = join(root, `py-out-${i}`);
    t0 = performance.now();
    const p = spawnSync("python3", [harness, root, out], { stdio: ["ignore", "pipe", "pipe"] });
    python.push(performance.now() - t0);
    if (p.status !== 0) throw new Error(String(p.stderr));
  }

  console.log(`tree: ${TEMPLATES} templates (+1 excluded partial), ${files} files rendered, ${RUNS} runs, median; load average ${loadavg()[0].toFixed(1)}`);
  console.log(`in-process renderTree (load data, compile each template once, render): ${ms(median(inProcess))} (first run ${ms(inProcess[0])})`);
  console.log(`whole process, jinja-delimiter-renderer CLI:                      ${ms(median(wholeProcess))}`);
  if (python) {
    console.log(`whole process, python3 Jinja2 makejinja harness:                  ${ms(median(python))}`);
    console.log(`speed-up (whole process): ${(median(python) / median(wholeProcess)).toFixed(2)}x`);
  } else {
    console.log("python3 with jinja2 not installed: no Jinja2 comparison");
  }
} finally {
  if (process.env.BENCH_KEEP) console.log("kept", root); else rmSync(root, { recursive: true, force: true });
}
