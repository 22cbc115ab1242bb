#!/usr/bin/env node
// Exactness check for lexer/parser speed work: every token (type, value, line, column), every AST node (its
// nunjucks class, its own properties in order) and every error (class, message, line, column) of this package's
// src must equal those of a baseline copy of src/lexer.ts + src/parser.ts, on
//   - the bench tree's templates, the fixture project's templates and the Jinja2 corpus snippets,
//   - the randomly generated templates of the differential test harness,
//   - random tag contents built from every token kind (operators, brackets, strings, numbers, tag ends, …),
//   - truncations and one-character edits of all of those (the error paths),
// each under several option sets (reference and `{% %}` delimiters, trim/lstrip on and off, line prefixes,
// unusual delimiters).
//
//   node bench/parse/compare-parse.mjs --baseline DIR [--src DIR]
//
// Exit status 1 (and the first differences) when anything differs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { generateSources } from "../templates.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "../..");
const { values: args } = parseArgs({ options: { src: { type: "string", default: join(pkg, "src") }, baseline: { type: "string" } } });
if (!args.baseline) {
  console.error("usage: node bench/parse/compare-parse.mjs --baseline DIR [--src DIR]");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "jdr-compare-parse-"));
function bundle(name, entryText) {
  const entry = join(work, `${name}.ts`);
  const out = join(work, `${name}.mjs`);
  writeFileSync(entry, entryText);
  const r = spawnSync(
    join(pkg, "../../node_modules/.bin/esbuild"),
    [entry, "--bundle", "--format=esm", "--platform=node", "--target=node20", "--external:nunjucks", "--log-level=error", `--outfile=${out}`],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`esbuild failed: ${r.stderr || r.error}`);
  return out;
}
const parserEntry = (dir) =>
  `export { parseTemplate } from ${JSON.stringify(join(resolve(dir), "parser.ts"))};\nexport { JinjaTokenizer } from ${JSON.stringify(join(resolve(dir), "lexer.ts"))};\n`;

try {
  symlinkSync(join(pkg, "node_modules"), join(work, "node_modules"), "dir");
  const candidateBundle = bundle("candidate", parserEntry(args.src));
  const baselineBundle = bundle("baseline", parserEntry(args.baseline));
  const harness = await import(pathToFileURL(bundle("harness", `export * from ${JSON.stringify(join(pkg, "test/harness/random-templates.ts"))};\n`)).href);

  const ref = {
    delimiters: { blockStart: "#%", blockEnd: "%#", variableStart: "#{", variableEnd: "}#", commentStart: "#|", commentEnd: "#|" },
    trimBlocks: true,
    lstripBlocks: true,
    keepTrailingNewline: true,
    lineStatementPrefix: null,
    lineCommentPrefix: null,
  };
  const curly = { ...ref, delimiters: { blockStart: "{%", blockEnd: "%}", variableStart: "{{", variableEnd: "}}", commentStart: "{#", commentEnd: "#}" } };
  const optionSets = [
    ref,
    curly,
    { ...ref, trimBlocks: false, lstripBlocks: false, keepTrailingNewline: false },
    { ...ref, lstripBlocks: false },
    { ...ref, lineStatementPrefix: "%%", lineCommentPrefix: "##" },
  ];
  const oddSets = [
    { ...ref, delimiters: { blockStart: "<%", blockEnd: "%>", variableStart: "${", variableEnd: "}", commentStart: "<#", commentEnd: "#>" } },
    { ...ref, delimiters: { blockStart: "#%", blockEnd: "END", variableStart: "#{", variableEnd: "x}", commentStart: "#|", commentEnd: "#|" }, trimBlocks: false },
    { ...ref, delimiters: { blockStart: "[%", blockEnd: "-]", variableStart: "[[", variableEnd: "+]", commentStart: "[#", commentEnd: "#]" }, lstripBlocks: false },
  ];

  // Sources.
  const sources = [...generateSources(20)];
  const walk = (dir) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".j2")) sources.push(readFileSync(p, "utf8"));
    }
  };
  walk(join(pkg, "test/fixtures/project/templates"));
  sources.push(...JSON.parse(readFileSync(join(pkg, "test/fixtures/jinja2-corpus.json"), "utf8")).cases.map((c) => c.src));
  for (const make of [harness.randomTemplates, harness.randomExpressions, harness.randomMethodCalls, harness.randomFilterCalls]) {
    sources.push(...make(7, 600).map((c) => c.src));
  }
  let state = 99;
  const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const pieces = [" ", "  ", "\n", "\t", "\u00a0", "a", "bc", "True", "none", "null", "1", "1.5", "2_0", "0x1f", "x.0", "'s'", '"d\\n"', "'u", "(", ")", "[", "]", "{", "}", ",", ":", ".", "|", "~", "+", "-", "*", "**", "/", "//", "%", "=", "==", "===", "!", "!=", "!==", "<", "<=", "<==", ">", ">=", "#", "}#", "%#", "-}#", "-%#", "+%#", "}}", "%}", "r/x/g", "$x", "é", "is", "not", "in", "if", "else", "and", "or", "f(a=1)", "x[1:2]"];
  const fuzz = [];
  for (let k = 0; k < 6000; k++) {
    let body = "";
    for (let i = 1 + Math.floor(rnd() * 8); i > 0; i--) body += pick(pieces);
    fuzz.push(pick([`#{ ${body}`, `x #{${body} }# y`, `#% if ${body} %#a#% endif %#`, `%% set v = ${body}\nb`, `{{ ${body} }}`, `#% set v = ${body}`]));
  }
  const cases = [];
  for (const s of [...new Set([...sources, ...fuzz])]) {
    for (const o of optionSets) cases.push([s, o]);
    const i = Math.floor(rnd() * (s.length + 1));
    const j = Math.floor(rnd() * (s.length + 1));
    for (const m of [s.slice(0, i), s.slice(0, i) + s.slice(i + 1), s.slice(0, i) + (s[j] ?? "") + s.slice(i), s.slice(0, i) + s.slice(j)]) {
      cases.push([m, ref], [m, optionSets[4]]);
    }
    if (rnd() < 0.2) {
      const o = pick(oddSets);
      const d = o.delimiters;
      const t = s.replaceAll("#{", d.variableStart).replaceAll("}#", d.variableEnd).replaceAll("#%", d.blockStart).replaceAll("%#", d.blockEnd);
      cases.push([t, o], [t.slice(0, i), o]);
    }
  }

  // Each implementation runs in its own process: nunjucks' transformer numbers the symbols it generates
  // (`super()` blocks) with a module-wide counter.
  const casesFile = join(work, "cases.json");
  writeFileSync(casesFile, JSON.stringify(cases));
  const child = join(work, "child.mjs");
  writeFileSync(
    child,
    `import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
const [bundle, casesFile, out] = process.argv.slice(2);
const impl = await import(bundle);
const { Node } = createRequire(bundle)("nunjucks/src/nodes.js");
const ser = (v) => {
  if (v === undefined) return "<undefined>";
  if (v === null || typeof v !== "object") return v;
  if (v instanceof RegExp) return { regexp: String(v) };
  if (Array.isArray(v)) return v.map(ser);
  const o = { "@": v instanceof Node ? v.typename : Object.getPrototypeOf(v) === Object.prototype ? "Object" : "?" };
  for (const k of Object.keys(v)) o[k] = ser(v[k]);
  return o;
};
const error = (e) => ({ error: e?.constructor?.name, message: e?.message, lineno: e?.lineno, colno: e?.colno });
const lines = [];
for (const [source, options] of JSON.parse(readFileSync(casesFile, "utf8"))) {
  const tokens = [];
  try {
    const lexer = new impl.JinjaTokenizer(source, options);
    for (let t = lexer.nextToken(); t; t = lexer.nextToken()) tokens.push(ser(t));
  } catch (e) {
    tokens.push(error(e));
  }
  let ast;
  try {
    ast = ser(impl.parseTemplate(source, options));
  } catch (e) {
    ast = error(e);
  }
  lines.push(JSON.stringify({ tokens, ast }));
}
writeFileSync(out, lines.join("\\n"));
`,
  );
  const results = [candidateBundle, baselineBundle].map((b, i) => {
    const out = join(work, `out-${i}.txt`);
    const r = spawnSync(process.execPath, [child, pathToFileURL(b).href, casesFile, out], { encoding: "utf8", stdio: ["ignore", "inherit", "inherit"] });
    if (r.status !== 0) throw new Error("comparison run failed");
    return readFileSync(out, "utf8").split("\n");
  });
  let differences = 0;
  cases.forEach(([source, options], i) => {
    const [b, a] = [results[0][i], results[1][i]];
    if (a === b || ++differences > 5) return;
    let at = 0;
    while (a[at] === b[at]) at++;
    const from = Math.max(0, at - 150);
    console.log(`DIFFERENT: ${JSON.stringify(source)} with ${JSON.stringify(options)}\n  baseline:  …${a.slice(from, at + 250)}\n  candidate: …${b.slice(from, at + 250)}`);
  });
  console.log(`${cases.length} cases, ${differences} different`);
  process.exitCode = differences ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}
