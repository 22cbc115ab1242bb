// Expected strings were produced by real Jinja2 3.1.6 with makejinja's environment settings
// (trim_blocks, lstrip_blocks, keep_trailing_newline, delimiters #% %# #{ }# #| #|).
import { describe, expect, it } from "vitest";
import { createEnvironment, type UndefinedMode } from "../src/index.js";

function render(source: string, context: Record<string, unknown> = {}, undefinedMode: UndefinedMode = "default"): string {
  const result = createEnvironment({ undefined: undefinedMode }).renderString(source, context, "t.j2");
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.output;
}

describe("comment tags obey trim_blocks/lstrip_blocks (the same token opens and closes)", () => {
  it("a comment-only line vanishes with its newline", () => {
    expect(render("---\n#| note #|\n---\n")).toBe("---\n---\n");
  });
  it("an indented comment-only line vanishes", () => {
    expect(render("a:\n    #| note #|\n  b: 1\n")).toBe("a:\n  b: 1\n");
  });
  it("text before a comment on the same line is kept, the newline after it is trimmed", () => {
    expect(render("key: 1 #| note #|\nnext\n")).toBe("key: 1 next\n");
  });
  it("text after a comment stays on the line", () => {
    expect(render("#| note #| tail\n")).toBe(" tail\n");
  });
  it("a multi-line comment hides tags inside it", () => {
    expect(render("a\n#|\n#{ x }# #% if %#\n#|\nb\n")).toBe("a\nb\n");
  });
  it("-#| and #|- strip surrounding whitespace", () => {
    expect(render("a   \n#|- c -#|\n\n   b\n")).toBe("ab\n");
  });
  it("#|+ disables lstrip for that comment", () => {
    expect(render("a\n  #|+ c #|\nb\n")).toBe("a\n  b\n");
  });
  it("+#| disables trim_blocks for that comment", () => {
    expect(render("a\n#| c +#|\nb\n")).toBe("a\n\nb\n");
  });
  it("two comments on one line", () => {
    expect(render("#| one #|#| two #|\nz\n")).toBe("z\n");
  });
  it("a comment at the very end without newline", () => {
    expect(render("a\n#| c #|")).toBe("a\n");
  });
  it("comments between YAML documents leave --- sequences", () => {
    expect(render("---\n#| doc 1 #|\n---\n#| doc 2 #|\n---\n")).toBe("---\n---\n---\n");
  });
});

describe("block tags", () => {
  it("lstrip_blocks and trim_blocks remove block-only lines", () => {
    expect(render("x:\n  #% if true %#\n  y: 1\n  #% endif %#\n")).toBe("x:\n  y: 1\n");
  });
  it("+ and - modifiers on blocks", () => {
    expect(render("x\n  #%+ if true %#\n  y\n  #%- endif +%#\nz\n")).toBe("x\n    y\nz\n");
  });
  it("variables are never lstripped", () => {
    expect(render("  #{ 1 }#\n")).toBe("  1\n");
  });
  it("raw blocks pass delimiters through", () => {
    expect(render("#% raw %#\n#{ x }# #% if %# #| c #|\n#% endraw %#\n")).toBe("\n#{ x }# #% if %# #| c #|\n");
  });
  it("Go and Flux templates pass through", () => {
    expect(render("{{ .Values.x }} ${SECRET_DOMAIN}\n")).toBe("{{ .Values.x }} ${SECRET_DOMAIN}\n");
  });
});

describe("statements", () => {
  it("for over dict items with loop.index", () => {
    expect(render("#% for k, v in d.items() %#\n#{ loop.index }#: #{ k }#=#{ v }#\n#% endfor %#\n", {"d": {"b": 1, "a": 2}})).toBe("1: b=1\n2: a=2\n");
  });
  it("filter block with keyword arguments", () => {
    expect(render("  spec:\n    #% filter indent(width=4, first=False) %#\n    a:\n      b: 1\n\n    c: 2\n    #% endfilter %#\n")).toBe("  spec:\n    a:\n          b: 1\n\n        c: 2\n");
  });
  it("set, if/elif/else", () => {
    expect(render("#% set n = 2 %##% if n == 1 %#one#% elif n == 2 %#two#% else %#many#% endif %#\n")).toBe("two");
  });
  it("for ... if filters the loop", () => {
    expect(render("#% for x in [1, 2, 3, 4] if x is even %##{ loop.index }#:#{ x }# #% endfor %#\n")).toBe("1:2 2:4 ");
  });
  it("set inside a loop does not leak out", () => {
    expect(render("#% set x = 'outer' %##% for i in [1] %##% set x = 'inner' %##% endfor %##{ x }#\n")).toBe("outer\n");
  });
  it("macros and imports", () => {
    expect(render("#% macro kv(k, v) %##{ k }#=#{ v }##% endmacro %##{ kv('a', 1) }# #{ kv(v=2, k='b') }#\n")).toBe("a=1 b=2\n");
  });
});

describe("expressions", () => {
  it("'%s' % x formatting", () => {
    expect(render("#{ '%s' % (name) }# #{ '%s-%03d' % ('n', 7) }# #{ '%(a)s' % {'a': 1} }# #{ '%.2f' % 3.14159 }#\n", {"name": "demo"})).toBe("demo n-007 1 3.14\n");
  });
  it("str.format", () => {
    expect(render("#{ '{}:{:>5}'.format('a', 80) }# #{ '{name}'.format(name='x') }#\n")).toBe("a:   80 x\n");
  });
  it("slicing", () => {
    expect(render("#{ l[1:] }# #{ l[:-1] }# #{ l[::-1] }# #{ 'abcdef'[2:4] }#\n", {"l": ["a", "b", "c"]})).toBe("['b', 'c'] ['a', 'b'] ['c', 'b', 'a'] cd\n");
  });
  it("conditional expressions", () => {
    expect(render("#{ ('-secureboot' if sb else '') }#|#{ (true if x else false) }#|#{ 'y' if x }#\n", {"sb": false, "x": 0})).toBe("|False|\n");
  });
  it("True/False/None literals in both spellings", () => {
    expect(render("#{ True }# #{ false }# #{ None }# #{ none is none }#\n")).toBe("True False None True\n");
  });
  it("values print the Python way", () => {
    expect(render("#{ flag }# #{ nothing }# #{ items }# #{ mapping }# #{ ratio }# #{ 4 / 2 }#\n", {"flag": true, "nothing": null, "items": ["a", 1, true], "mapping": {"k": [null]}, "ratio": 0.5})).toBe("True None ['a', 1, True] {'k': [None]} 0.5 2.0\n");
  });
  it("Python truthiness of empty collections", () => {
    expect(render("#{ [] or 'a' }# #{ {} or 'b' }# #{ '' or 'c' }# #{ 0 or 'd' }# #% if [] %#x#% else %#empty#% endif %#\n")).toBe("a b c d empty");
  });
  it("== without type coercion", () => {
    expect(render("#{ 1 == '1' }# #{ 1 == 1.0 }# #{ true == 1 }# #{ [1] == [1] }# #{ '' == 0 }#\n")).toBe("False True True True False\n");
  });
  it("mappings keep insertion order", () => {
    expect(render("#{ d }# #{ d | list }# #% for k in d %##{ k }##% endfor %#\n", {"d": {"z": 1, "a": 2, "m": 3}})).toBe("{'z': 1, 'a': 2, 'm': 3} ['z', 'a', 'm'] zam");
  });
  it("is defined / is not defined", () => {
    expect(render("#{ a is defined }# #{ b is defined }# #{ b is not defined }#\n", {"a": null})).toBe("True False True\n");
  });
  it("in / not in", () => {
    expect(render("#{ 'a' in 'cat' }# #{ 2 in [1, 2] }# #{ 'k' in {'k': 1} }# #{ 3 not in [1] }#\n")).toBe("True True True True\n");
  });
  it("precedence of ~ versus + and *", () => {
    expect(render("#{ 1 + 2 * 3 }# #{ 'x' ~ 2 * 3 }# #{ 3 * 10 % 4 }# #{ 2 ** 3 ** 2 }#\n")).toBe("7 x6 2 64\n");
  });
});

describe("Python methods", () => {
  it("str methods", () => {
    expect(render("#{ '/a'.startswith('/') }# #{ 'x.yaml'.endswith(('.yml', '.yaml')) }# #{ 'a/b/c'.split('/') }# #{ ' a  b '.split() }# #{ 'a,b,c'.split(',', 1) }# #{ ' x '.strip() }# #{ 'Ab'.lower() }# #{ 'ab'.upper() }# #{ 'a.b'.replace('.', '-') }# #{ '-'.join(['x', 'y']) }#\n")).toBe("True True ['a', 'b', 'c'] ['a', 'b'] ['a', 'b,c'] x ab AB a-b x-y\n");
  });
  it("dict methods", () => {
    expect(render("#{ d.items() | list }# #{ d.keys() | list }# #{ d.values() | list }# #{ d.get('a') }# #{ d.get('z', 'dflt') }# #{ d.get('z') }#\n", {"d": {"a": 1, "b": [2]}})).toBe("[('a', 1), ('b', [2])] ['a', 'b'] [1, [2]] 1 dflt None\n");
  });
});

describe("filters", () => {
  it("default, with and without boolean", () => {
    expect(render("[#{ u | default('x') }#][#{ '' | default('x') }#][#{ '' | default('x', true) }#][#{ none | default('x') }#][#{ false | default('x', boolean=true) }#]\n")).toBe("[x][][x][None][x]\n");
  });
  it("str-coercing filters accept booleans and numbers", () => {
    expect(render("#{ true | lower }# #{ false | string | lower }# #{ 5 | string }# #{ [1, true, none] | join(',') }# #{ 1.0 | string }#\n")).toBe("true false 5 1,True,None 1.0\n");
  });
  it("replace, lower, upper, length, last, first, list", () => {
    expect(render("#{ 'a.b.c' | replace('.', '-') }# #{ 'a.b.c' | replace('.', '-', 1) }# #{ 'AbC' | lower }# #{ 'abc' | upper }# #{ [1, 2] | length }# #{ 'abc' | length }# #{ [1, 2, 3] | last }# #{ [1, 2, 3] | first }# #{ 'ab' | list }# #{ {'k': 1} | list }#\n")).toBe("a-b-c a-b.c abc ABC 2 3 3 1 ['a', 'b'] ['k']\n");
  });
  it("selectattr / rejectattr with a test and arguments", () => {
    expect(render("#{ nodes | selectattr('controller', 'equalto', False) | map(attribute='name') | join(',') }# #{ nodes | rejectattr('controller') | map(attribute='name') | list }# #{ nodes | selectattr('controller') | list | length }#\n", {"nodes": [{"name": "cp", "controller": true}, {"name": "w1", "controller": false}, {"name": "w2", "controller": false}]})).toBe("w1,w2 ['w1', 'w2'] 1\n");
  });
  it("indent with keyword arguments", () => {
    expect(render("[#{ text | indent(width=4, first=False) }#][#{ text | indent(2, true) }#][#{ text | indent(2, blank=true) }#]\n", {"text": "a\n\nb\n"})).toBe("[a\n\n    b\n][  a\n\n  b\n][a\n  \n  b\n  ]\n");
  });
  it("truncate", () => {
    expect(render("#{ s | truncate(9) }# #{ s | truncate(9, true) }# #{ s | truncate(12, false, '..', 0) }# #{ s | truncate(100) }#\n", {"s": "hello world foo bar"})).toBe("hello... hello ... hello.. hello world foo bar\n");
  });
  it("join with attribute, sort, unique, dictsort, tojson", () => {
    expect(render("#{ users | join(', ', attribute='n') }# #{ ['b', 'A', 'c'] | sort | join }# #{ [1, 2, 1] | unique | list }# #{ {'b': 1, 'a': 2} | dictsort }# #{ {'b': [1, none], 'a': 'x'} | tojson }#\n", {"users": [{"n": "x"}, {"n": "y"}]})).toBe("x, y Abc [1, 2] [('a', 2), ('b', 1)] {\"a\": \"x\", \"b\": [1, null]}\n");
  });
  it("int, float, round, abs, sum, min, max", () => {
    expect(render("#{ '42' | int }# #{ 'x' | int(7) }# #{ '0x1A' | int(0, 16) }# #{ '2.5' | float }# #{ 2.5 | round }# #{ 3.14159 | round(2) }# #{ 2.1 | round(0, 'ceil') }# #{ -3 | abs }# #{ [1, 2] | sum }# #{ [3, 1] | min }# #{ [3, 1] | max }#\n")).toBe("42 7 26 2.5 2.0 3.14 3.0 3 3 1 3\n");
  });
});

describe("undefined modes (Undefined, ChainableUndefined, DebugUndefined, StrictUndefined)", () => {
  it("default", () => {
    expect(render("[#{ missing }#][#{ d.missing }#][#{ missing | default('dflt') }#][#{ missing is defined }#][#% for x in missing %#x#% endfor %#]\n", {"d": {}}, "default")).toBe("[][][dflt][False][]\n");
  });
  it("chainable", () => {
    expect(render("[#{ missing.a.b }#][#{ d.missing.deeper }#][#{ missing.a | default('dflt') }#][#% for x in missing.items %#x#% endfor %#]\n", {"d": {}}, "chainable")).toBe("[][][dflt][]\n");
  });
  it("debug", () => {
    expect(render("[#{ missing }#][#{ d.missing }#][#{ missing | default('dflt') }#]\n", {"d": {}}, "debug")).toBe("[{{ missing }}][{{ no such element: dict object['missing'] }}][dflt]\n");
  });
  it("strict", () => {
    expect(render("[#{ missing | default('dflt') }#][#{ missing is defined }#]\n", {}, "strict")).toBe("[dflt][False]\n");
  });
  it("default: attribute of an undefined value is an error naming it", () => {
    const r = createEnvironment().renderString("a\n#{ cluster.name }#\n", {}, "t.j2");
    expect(r).toEqual({ ok: false, errors: [{ template: "t.j2", line: 2, col: 4, message: "'cluster' is undefined", excerpt: "#{ cluster.name }#" }] });
  });
  it("strict: printing, testing truthiness and iterating an undefined value are errors", () => {
    const env = createEnvironment({ undefined: "strict" });
    for (const source of ["#{ x }#", "#% if x %#y#% endif %#", "#% for i in x %#i#% endfor %#"]) {
      const r = env.renderString(source, {}, "s.j2");
      expect(r.ok ? r.output : r.errors[0]!.message).toBe("'x' is undefined");
    }
  });
  it("chainable: a missing key of a mapping prints empty and is not defined", () => {
    expect(render("[#{ node.nodeLabels }#][#{ node.nodeLabels is defined }#]", { node: {} }, "chainable")).toBe("[][False]");
  });
});
