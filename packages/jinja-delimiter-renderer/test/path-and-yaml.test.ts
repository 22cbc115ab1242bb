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

  it("merges documents of one stream and allows duplicate keys (last wins), like PyYAML", () => {
    const { documents, errors } = loadYamlDocuments("a: 1\na: 2\nbase: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n---\nc: 3\n");
    expect(errors).toEqual([]);
    expect(documents).toEqual([{ a: 2, base: { x: 1 }, derived: { x: 1, y: 2 } }, { c: 3 }]);
  });
});
