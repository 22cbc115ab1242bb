// Expected values come from Python 3.11 (`PurePosixPath.match`) and PyYAML 6 (`yaml.safe_load`).
import { describe, expect, it } from "vitest";
import { createEnvironment, loadYamlDocuments, pathMatch } from "../src/index.js";

describe("exclude_patterns use Python PurePath.match semantics", () => {
  it.each([
    ["templates/overrides/readme.partial.yaml.j2", "*.partial.yaml.j2", true],
    ["a/b/c.j2", "b/*.j2", true],
    ["a/b/c.j2", "a/*.j2", false],
    ["a/b/c.j2", "**/c.j2", true],
    ["c.j2", "**/c.j2", false],
    ["a/b/c.j2", "/a/b/c.j2", false],
    ["/a/b/c.j2", "/a/*/c.j2", true],
    ["a/.hidden.j2", "*.j2", true],
    ["a/b/c.j2", "c.[ij]2", true],
    ["a/b/c.j2", "c.[!j]2", false],
    ["a/b/c.j2", "?.j2", true],
    ["a/b/cd.j2", "?.j2", false],
    ["a/B/c.j2", "b/c.j2", false],
    ["a/b", "a", false],
  ])("%s matches %s → %s", (path, pattern, expected) => {
    expect(pathMatch(path, pattern)).toBe(expected);
  });
});

describe("data YAML loads as PyYAML safe_load does (YAML 1.1 as PyYAML implements it)", () => {
  const printed = (scalar: string) => {
    const { documents } = loadYamlDocuments(`v: ${scalar}\n`);
    const r = createEnvironment().renderString("#{ v }#|#{ v is string }#", documents[0] as Record<string, unknown>);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    return r.output;
  };
  it.each([
    ["yes", "True|False"],
    ["No", "False|False"],
    ["on", "True|False"],
    ["OFF", "False|False"],
    ["y", "y|True"],
    ["n", "n|True"],
    ["~", "None|False"],
    ["", "None|False"],
    ["0o17", "0o17|True"],
    ["017", "15|False"],
    ["08", "08|True"],
    ["0x1F", "31|False"],
    ["0b101", "5|False"],
    ["1_000", "1000|False"],
    ["1:20", "80|False"],
    ["190:20:30", "685230|False"],
    ["1e3", "1e3|True"],
    ["1.0e3", "1.0e3|True"],
    ["1.0e+3", "1000.0|False"],
    ["1.0", "1.0|False"],
    ["3.", "3.0|False"],
    ["-.inf", "-inf|False"],
    [".5", "0.5|False"],
    ["12.50", "12.5|False"],
    ["2024-01-02", "2024-01-02|False"],
    ["2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.100000-05:00|False"],
    ["2001-12-14t21:59:43Z", "2001-12-14 21:59:43+00:00|False"],
    ["'quoted yes'", "quoted yes|True"],
  ])("v: %s prints %s", (scalar, expected) => {
    expect(printed(scalar)).toBe(expected);
  });

  it("keeps Python dict key order and key types (integer keys, True == 1), including merge keys", () => {
    const { documents } = loadYamlDocuments(
      'm: {b: 1, 2: x, 1: y, "10": z, true: t, null: n, 1.5: f}\nports:\n  8080: web\n  80: http\nbase: &b {z: 1, 3: three}\nderived:\n  <<: *b\n  a: 2\n',
    );
    const source = [
      "#{ m }#",
      "#{ m | list }#",
      "#% for k, v in ports.items() %##{ k + 1 }#=#{ v }# #% endfor %#",
      "#{ ports[80] }# #{ 80 in ports }# #{ ports | dictsort }#",
      "#{ derived }# #{ base }#",
      "#{ m.keys() | list }# #{ m.get(2) }# #{ {3: 'a', 'b': 1, 1: 2} }#",
      "",
    ].join("\n");
    // Expected: Jinja2 3.1.6 + PyYAML 6 on the same data and template.
    expect(createEnvironment().renderString(source, documents[0] as Record<string, unknown>)).toEqual({
      ok: true,
      output: [
        "{'b': 1, 2: 'x', 1: 't', '10': 'z', None: 'n', 1.5: 'f'}",
        "['b', 2, 1, '10', None, 1.5]",
        "8081=web 81=http http True [(80, 'http'), (8080, 'web')]",
        "{'z': 1, 3: 'three', 'a': 2} {'z': 1, 3: 'three'}",
        "['b', 2, 1, '10', None, 1.5] x {3: 'a', 'b': 1, 1: 2}",
        "",
      ].join("\n"),
    });
  });

  it("merges documents of one stream and allows duplicate keys (last wins), like PyYAML", () => {
    const { documents, errors } = loadYamlDocuments("a: 1\na: 2\nbase: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n---\nc: 3\n");
    expect(errors).toEqual([]);
    expect(documents).toEqual([{ a: 2, base: { x: 1 }, derived: { x: 1, y: 2 } }, { c: 3 }]);
  });
});
