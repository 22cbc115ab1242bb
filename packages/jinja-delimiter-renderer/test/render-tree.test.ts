import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderTree, writeTree, type RenderTreeOptions } from "../src/index.js";
import { makeTree, removeTrees } from "./helpers.js";

afterAll(removeTrees);

const text = (c: string | Uint8Array) => (typeof c === "string" ? c : Buffer.from(c).toString("utf8"));

async function render(files: Record<string, string>, options: Partial<RenderTreeOptions> = {}, modes: Record<string, number> = {}) {
  const cwd = makeTree({ "overrides/": "", "config/": "", ...files }, modes);
  const result = await renderTree({ inputs: ["overrides", "config"], cwd, ...options });
  return { cwd, result, byPath: Object.fromEntries(result.files.map((f) => [f.path, text(f.contents)])) };
}

describe("makejinja tree semantics", () => {
  it("earlier inputs shadow later ones for rendering and for include", async () => {
    const { result, byPath } = await render({
      "overrides/app.yaml.j2": "from: overrides\n#% include 'part.txt.j2' %#",
      "config/app.yaml.j2": "from: config\n",
      "overrides/part.txt.j2": "part: overrides\n",
      "config/part.txt.j2": "part: config\n",
      "config/only-config.txt.j2": "x\n",
    });
    expect(result.errors).toEqual([]);
    expect(byPath).toEqual({ "app.yaml": "from: overrides\npart: overrides\n", "part.txt": "part: overrides\n", "only-config.txt": "x\n" });
  });

  it("never parses an excluded file but lets templates include it", async () => {
    const { result, byPath } = await render(
      {
        "overrides/readme.partial.yaml.j2": "partial: #{ 1 + 1 }#\n",
        "config/broken.partial.yaml.j2": "#% if %# #{ (",
        "config/main.yaml.j2": "#% include 'readme.partial.yaml.j2' %#",
      },
      { excludePatterns: ["*.partial.yaml.j2"] },
    );
    expect(result.errors).toEqual([]);
    expect(byPath).toEqual({ "main.yaml": "partial: 2\n" });
  });

  it("strips only the jinja suffix, copies other files with their mode, includes hidden files", async () => {
    const { result } = await render(
      {
        "config/.sops.yaml.j2": "hidden: #{ 'yes' }#\n",
        "config/chart/values.yaml": "image: {{ .Values.image }}\nkeep: #{ raw }#\n",
        "config/script.sh": "#!/bin/sh\n",
        "config/name.yaml.j2.bak": "not a template #{ x }#\n",
        "config/keep.j2.yaml.j2": "k: 1\n",
      },
      {},
      { "config/script.sh": 0o755 },
    );
    expect(result.files.map((f) => [f.path, f.rendered, f.mode?.toString(8)])).toEqual([
      [".sops.yaml", true, undefined],
      ["chart/values.yaml", false, "644"],
      ["keep.j2.yaml", true, undefined],
      ["name.yaml.j2.bak", false, "644"],
      ["script.sh", false, "755"],
    ]);
    expect(text(result.files[1]!.contents)).toBe("image: {{ .Values.image }}\nkeep: #{ raw }#\n");
  });

  it("does not write renders that are empty after stripping whitespace (keep_empty = false)", async () => {
    const files = { "config/off.yaml.j2": "#% if enabled %#\nkind: X\n#% endif %#\n  \n", "config/on.yaml.j2": "a\n" };
    expect((await render(files)).result.files.map((f) => f.path)).toEqual(["on.yaml"]);
    const kept = await render(files, { keepEmpty: true });
    expect(kept.byPath).toEqual({ "off.yaml": "  \n", "on.yaml": "a\n" });
  });

  it("merges YAML, TOML and JSON data files in order, later keys winning", async () => {
    const { result, byPath } = await render(
      {
        "config/out.txt.j2": "#{ name }# #{ port }# #{ tags }# #{ only_json }# #{ flag }#\n",
        "a.yaml": "name: yaml\nport: 1\nflag: on\n---\ntags: [a]\n",
        "b.toml": 'name = "toml"\nport = 2\n',
        "c.json": '{"name": "json", "only_json": true}',
      },
      { dataFiles: ["a.yaml", "b.toml", "c.json"] },
    );
    expect(result.errors).toEqual([]);
    expect(byPath["out.txt"]).toBe("json 2 ['a'] True True\n");
  });

  it("reports every failing template, sorted, and still renders the others", async () => {
    const { result } = await render(
      { "config/b.txt.j2": "#{ b.c }#\n", "config/a.txt.j2": "ok\n#{ a.b }#\n", "config/fine.txt.j2": "fine\n" },
      { undefined: "default" },
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { template: "a.txt.j2", line: 2, col: 4, message: "'a' is undefined", excerpt: "#{ a.b }#" },
      { template: "b.txt.j2", line: 1, col: 4, message: "'b' is undefined", excerpt: "#{ b.c }#" },
    ]);
    expect(result.files.map((f) => f.path)).toEqual(["fine.txt"]);
  });

  it("loads TOML and JSON numbers and dates as tomllib / json.load do (output checked against Python)", async () => {
    const { result, byPath } = await render(
      {
        "config/x.txt.j2": "#{ a }# #{ b }# #{ c }# #{ d }# #{ e }# #{ l }# #{ t }# #{ h }# #{ arr }# #{ tab }#\n#{ j1 }# #{ j2 }# #{ j3 }# #{ j4 }# #{ s }# #{ nested }# #{ a + b }#\n",
        "a.toml": 'a = 1.0\nb = 2\nc = 1e3\nd = 2024-01-02\ne = 2024-01-02T03:04:05.5-05:00\nl = 2024-01-02T03:04:05\nt = 07:32:00\nh = 1_000.5\narr = [1.0, 2]\n[tab]\nx = 3.0\n',
        "b.json": '{"j1": 1.0, "j2": 2, "j3": 1e3, "j4": 1.5, "s": "1.0 \\" 2.0", "nested": [1.0, {"k": 2.50}]}',
      },
      { dataFiles: ["a.toml", "b.json"] },
    );
    expect(result.errors).toEqual([]);
    expect(byPath["x.txt"]).toBe(
      "1.0 2 1000.0 2024-01-02 2024-01-02 03:04:05.500000-05:00 2024-01-02 03:04:05 07:32:00 1000.5 [1.0, 2] {'x': 3.0}\n" +
        "1.0 2 1000.0 1.5 1.0 \" 2.0 [1.0, {'k': 2.5}] 3.0\n",
    );
  });

  it("keeps JSON object order for integer-like keys and lets later duplicates win in place, like json.load", async () => {
    const { byPath } = await render(
      { "config/x.txt.j2": "#{ m }# #{ f }#\n", "a.json": '{"m": {"b": 1, "10": 2, "2": 3, "b": 4}, "f": [1.0, 2, 1e3, -0.0, 1E2]}' },
      { dataFiles: ["a.json"] },
    );
    // Expected: Python json.loads + Jinja2.
    expect(byPath["x.txt"]).toBe("{'b': 4, '10': 2, '2': 3} [1.0, 2, 1000.0, -0.0, 100.0]\n");
  });

  it("reports broken data files with file:line:col and renders nothing from them", async () => {
    const { result } = await render(
      { "config/x.txt.j2": "x\n", "a.yaml": "a: [1, 2\nb: 3\n", "b.toml": "x = \n", "c.yaml": "- not\n- a mapping\n" },
      { dataFiles: ["a.yaml", "b.toml", "c.yaml"] },
    );
    expect(result.errors).toEqual([
      { template: "a.yaml", line: 2, col: 1, message: "Flow sequence in block collection must be sufficiently indented and end with a ]" },
      { template: "b.toml", line: 1, col: 5, message: "Invalid TOML document: invalid value" },
      {
        template: "c.yaml",
        line: 0,
        col: 0,
        message: "YAML document 1 is not a mapping; makejinja merges mappings only. Make every document a key: value mapping.",
      },
    ]);
  });

  it("exposes the environment as the env global", async () => {
    const { byPath } = await render({ "config/e.txt.j2": "#{ env.HOME_DIR }#|#{ env.NOPE | default('-') }#\n" }, { environ: { HOME_DIR: "/home/x" } });
    expect(byPath["e.txt"]).toBe("/home/x|-\n");
  });
});

describe("writeTree", () => {
  it("writes files, removes directories left empty deepest-first, keeps pre-existing content", async () => {
    const { cwd, result } = await render({
      "config/a/b/empty.yaml.j2": "#% if false %#x#% endif %#",
      "config/a/kept.yaml.j2": "kept\n",
      "config/c/d/": "",
      "config/e/empty.yaml.j2": "",
    });
    const out = join(cwd, "out");
    mkdirSync(join(out, "e"), { recursive: true });
    writeFileSync(join(out, "e/stale.txt"), "stale\n");
    const written = await writeTree(result.files, out, { dirs: result.dirs });
    expect(written).toEqual({ written: ["a/kept.yaml"], skipped: [], removedDirs: ["c/d", "c", "a/b"] });
    expect(readdirSync(out).sort()).toEqual(["a", "e"]);
    expect(readFileSync(join(out, "e/stale.txt"), "utf8")).toBe("stale\n");
  });

  it("leaves existing files alone without force and copies metadata with copyMetadata", async () => {
    const { cwd, result } = await render({ "config/x.sh.j2": "echo #{ 1 }#\n", "config/y.txt.j2": "y\n" }, { copyMetadata: true }, { "config/x.sh.j2": 0o750 });
    const when = new Date("2020-01-02T03:04:05Z");
    utimesSync(join(cwd, "config/x.sh.j2"), when, when);
    const again = await renderTree({ inputs: ["config"], cwd, copyMetadata: true });
    const out = join(cwd, "out2");
    mkdirSync(out);
    writeFileSync(join(out, "y.txt"), "mine\n");
    const written = await writeTree(again.files, out, { force: false, copyMetadata: true, dirs: again.dirs });
    expect(written.skipped).toEqual(["y.txt"]);
    expect(readFileSync(join(out, "y.txt"), "utf8")).toBe("mine\n");
    const st = statSync(join(out, "x.sh"));
    expect((st.mode & 0o777).toString(8)).toBe("750");
    expect(st.mtime.toISOString()).toBe("2020-01-02T03:04:05.000Z");
    expect(existsSync(join(out, "x.sh"))).toBe(true);
    expect(result.files.length).toBe(2);
  });
});
