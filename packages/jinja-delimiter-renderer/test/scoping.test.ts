/**
 * Scoping across macros, call blocks, includes, imports and inheritance. Expected outputs are Jinja2 3.1's
 * (rendered with the same templates and trim_blocks/lstrip_blocks/keep_trailing_newline on).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JINJA2_DEFAULT_DELIMITERS, createEnvironment } from "../src/index.js";

const library: Record<string, string> = {
  "m.j2": "{% macro hi(n, greet='hi') %}{{ greet }} {{ n }}{% if caller %}[{{ caller() }}]{% endif %}{% endmacro %}{% set exported = 5 %}{% set _hidden = 1 %}",
  "base.j2": "A{% block head %}H{{ x }}{% endblock %}B{% block body %}b{% block inner %}i{% endblock %}{% endblock %}C",
  "child.j2": "{% extends 'base.j2' %}{% set x = 'cx' %}{% block head %}[{{ super() }}|{{ x }}]{% endblock %}{% block inner %}I{{ super() }}{% endblock %}",
  "item.j2": "<{{ k }}={{ v }}>",
};

function render(source: string, context: Record<string, unknown> = { x: 9 }) {
  const env = createEnvironment({ delimiters: JINJA2_DEFAULT_DELIMITERS });
  for (const [name, text] of Object.entries(library)) env.addTemplate(name, text);
  return env.renderString(source, context, "t.j2");
}

const output = (source: string) => {
  const r = render(source);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.output;
};

describe("names across templates and scopes", () => {
  it("an include inside `for k, v in …` sees both loop variables", () => {
    expect(output("{% for k, v in {'a': 1, 'b': 2}.items() %}{% include 'item.j2' %}{% endfor %}")).toBe("<a=1><b=2>");
  });
  it("macros take positional, keyword and defaulted arguments, recurse, and see template globals", () => {
    expect(output("{% from 'm.j2' import hi %}{{ hi('bob') }}|{{ hi('al', greet='yo') }}|{{ hi('x', 'hey') }}")).toBe("hi bob|yo al|hey x");
    expect(output("{% macro rec(n) %}{{ n }}{% if n > 0 %}{{ rec(n - 1) }}{% endif %}{% endmacro %}{{ rec(3) }}")).toBe("3210");
    expect(output("{% macro m(x) %}{{ x }}{{ y }}{% endmacro %}{% set y = 'Y' %}{{ m(1) }}")).toBe("1Y");
  });
  it("an import exposes public names only", () => {
    expect(output("{% import 'm.j2' as m %}{{ m.hi('z') }}{{ m.exported }}{{ m._hidden is defined }}")).toBe("hi z5False");
  });
  it("a call block's body sees its own arguments and the caller's variables", () => {
    expect(output("{% from 'm.j2' import hi %}{% call hi('c') %}inside {{ 1 + 1 }}{% endcall %}")).toBe("hi c[inside 2]");
    expect(output("{% macro outer() %}{{ caller(1) }}{% endmacro %}{% set z = 'Z' %}{% call(a) outer() %}{{ a }}{{ z }}{% endcall %}")).toBe("1Z");
  });
  it("extends with super() in nested blocks, rendered through an include", () => {
    expect(output("{% include 'child.j2' %}")).toBe("A[Hcx|cx]BbIiC");
  });
  it("loop variables and assignments inside loops and with blocks stay inside", () => {
    expect(output("{% set x = 1 %}{% for v in [1,2] %}{% set x = v %}{{ x }}{% endfor %}{{ x }}")).toBe("121");
    expect(output("{% with a = 1, b = 2 %}{{ a + b }}{% set a = 5 %}{{ a }}{% endwith %}{{ a is defined }}")).toBe("35False");
    expect(output("{% set ns = namespace(c=0) %}{% for i in range(3) %}{% set ns.c = ns.c + i %}{% endfor %}{{ ns.c }}")).toBe("3");
    expect(output("{% for a in [1,2] %}{% for b in [3,4] %}{{ loop.index }}{{ a }}{{ b }}{% endfor %}{{ loop.index }}{% endfor %}")).toBe("11321411232242");
  });
  it("a block set or filter block is a scope of its own", () => {
    expect(output("{% set x %}{% set y = 1 %}{% endset %}[{{ y }}]")).toBe("[]");
    expect(output("{% filter upper %}{% set y = 1 %}{{ y }}{% endfilter %}[{{ y }}]")).toBe("1[]");
    expect(output("{% set y = 0 %}{% set x %}{% set y = 1 %}{{ y }}{% endset %}[{{ x }}{{ y }}]")).toBe("[10]");
    expect(output("{% for i in [1] %}{% set x %}{{ i }}{% set i = 5 %}{{ i }}{% endset %}{{ x }}{{ i }}{% endfor %}")).toBe("151");
  });
  it("a set after an include inside an if is visible after the if", () => {
    expect(output("{% if true %}{% include 'item.j2' %}{% set y = 2 %}{% endif %}[{{ y }}]")).toBe("<=>[2]");
  });
});

describe("a missing template is an error at its tag", () => {
  it.each([
    ["line\n{% include 'missing.j2' %}ok", 2, "template not found: missing.j2"],
    ["{% import 'missing.j2' as m %}", 1, "template not found: missing.j2"],
    ["{% from 'gone.j2' import a %}", 1, "template not found: gone.j2"],
    ["\n\n{% extends 'nope.j2' %}", 3, "template not found: nope.j2"],
  ])("%j", (source, line, message) => {
    expect(render(source)).toMatchObject({ ok: false, errors: [{ template: "t.j2", line, col: 4, message }] });
  });
  it("`ignore missing` renders nothing for it", () => {
    expect(output("{% include 'missing.j2' ignore missing %}ok")).toBe("ok");
  });
});

describe("templates are built once per environment (one run)", () => {
  it("an included template is read and built on first use and reused afterwards, even if the file changes", () => {
    const dir = mkdtempSync(join(tmpdir(), "jdr-reuse-"));
    try {
      writeFileSync(join(dir, "part.j2"), "first");
      const env = createEnvironment({ delimiters: JINJA2_DEFAULT_DELIMITERS, searchPaths: [dir] });
      const twice = "{% include 'part.j2' %}|{% include 'part.j2' %}";
      expect(env.renderString(twice)).toEqual({ ok: true, output: "first|first" });
      writeFileSync(join(dir, "part.j2"), "second");
      expect(env.renderString(twice)).toEqual({ ok: true, output: "first|first" });
      // A new environment (a new run) reads it again.
      const next = createEnvironment({ delimiters: JINJA2_DEFAULT_DELIMITERS, searchPaths: [dir] });
      expect(next.renderString(twice)).toEqual({ ok: true, output: "second|second" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
