import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createEnvironment, type UndefinedMode } from "../src/index.js";
import { randomExpressions, randomFilterCalls, randomMethodCalls, randomTemplates } from "./harness/random-templates.js";

const python = spawnSync("python3", ["-c", "import jinja2, yaml"], { stdio: "ignore" });
const hasJinja2 = python.status === 0;
const reason = "python3 with jinja2 + PyYAML is not installed (apt-get install python3-jinja2 python3-yaml)";
const here = fileURLToPath(new URL(".", import.meta.url));
const cli = join(here, "../dist/cli.js");
const temp = mkdtempSync(join(tmpdir(), "jdr-diff-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function listTree(root: string): Map<string, { bytes: Buffer; mode: number }> {
  const out = new Map<string, { bytes: Buffer; mode: number }>();
  const visit = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) visit(join(dir, e.name), rel);
      else out.set(rel, { bytes: readFileSync(join(dir, e.name)), mode: statSync(join(dir, e.name)).mode });
    }
  };
  visit(root, "");
  return out;
}

describe.skipIf(!hasJinja2)(`differential against real Jinja2${hasJinja2 ? "" : ` (skipped: ${reason})`}`, () => {
  it("renders the fixture project byte-for-byte like the makejinja/Jinja2 harness", () => {
    const project = join(here, "fixtures/project");
    const pyOut = join(temp, "python");
    const jsOut = join(temp, "node");
    const py = spawnSync("python3", [join(here, "harness/makejinja_harness.py"), project, pyOut], { encoding: "utf8" });
    expect(py.stderr).toBe("");
    const js = spawnSync(process.execPath, [cli, "--config", join(project, "makejinja.toml"), "--output", jsOut, "--quiet"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(js.stderr).toBe("");
    expect(js.status).toBe(0);
    const a = listTree(pyOut);
    const b = listTree(jsOut);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, file] of a) {
      expect(b.get(path)!.bytes.toString("utf8"), path).toBe(file.bytes.toString("utf8"));
      expect(b.get(path)!.mode.toString(8), `${path} mode`).toBe(file.mode.toString(8));
    }
    expect(readdirSync(jsOut).includes("optional")).toBe(readdirSync(pyOut).includes("optional"));
  });

  it("agrees with live Jinja2 on every corpus snippet", () => {
    const gen = spawnSync("python3", [join(here, "harness/generate_corpus.py")], { encoding: "utf8", cwd: join(here, "harness") });
    expect(gen.status).toBe(0);
    const corpus = JSON.parse(gen.stdout) as {
      cases: Array<{ src: string; ctx: Record<string, unknown>; undefined: UndefinedMode; expected: { ok: boolean; output?: string } }>;
    };
    const mismatches = corpus.cases.flatMap((c) => {
      const r = createEnvironment({ undefined: c.undefined }).renderString(c.src, structuredClone(c.ctx));
      const same = c.expected.ok ? r.ok && r.output === c.expected.output : !r.ok;
      return same ? [] : [{ src: c.src, jinja2: c.expected, ours: r }];
    });
    expect(mismatches).toEqual([]);
  });

  it.each([
    ["1000 generated whitespace/tag combinations", () => randomTemplates(20240601, 1000)],
    ["1500 generated expressions (operators, filters, Python values; errors must be errors)", () => randomExpressions(42, 1500)],
    ["1000 generated str/list/dict method calls", () => randomMethodCalls(3, 1000)],
    ["1000 generated filter calls with keyword arguments", () => randomFilterCalls(4, 1000)],
  ])("agrees with live Jinja2 on %s", (_label, make) => {
    const cases = make();
    const gen = spawnSync("python3", [join(here, "harness/generate_corpus.py"), "--stdin"], {
      encoding: "utf8",
      cwd: join(here, "harness"),
      input: JSON.stringify(cases),
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(gen.status).toBe(0);
    const rendered = JSON.parse(gen.stdout) as { cases: Array<{ src: string; expected: { ok: boolean; output?: string } }> };
    const env = createEnvironment();
    const mismatches = rendered.cases.flatMap((c, i) => {
      const r = env.renderString(c.src, structuredClone(cases[i]!.ctx));
      const same = c.expected.ok ? r.ok && r.output === c.expected.output : !r.ok;
      return same ? [] : [{ src: c.src, jinja2: c.expected, ours: r }];
    });
    expect(mismatches).toEqual([]);
  });
});
