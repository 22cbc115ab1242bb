// Expected strings were produced by real Jinja2 3.1.6 with the listed environment options.
import { describe, expect, it } from "vitest";
import { JINJA2_DEFAULT_DELIMITERS, createEnvironment } from "../src/index.js";

describe("whitespace options and Jinja2's default delimiters", () => {
  it("a\\n#| c #|\\n  #% if true %#\\n  x\\n  #% endif %#\\nb with trimBlocks: false, lstripBlocks: false, keepTrailingNewline: true", () => {
    const env = createEnvironment({ trimBlocks: false, lstripBlocks: false, keepTrailingNewline: true });
    expect(env.renderString("a\n#| c #|\n  #% if true %#\n  x\n  #% endif %#\nb\n", { x: "X" })).toEqual({ ok: true, output: "a\n\n  \n  x\n  \nb\n" });
  });
  it("a\\n#| c #|\\n  #% if true %#\\n  x\\n  #% endif %#\\nb with trimBlocks: true, lstripBlocks: false, keepTrailingNewline: true", () => {
    const env = createEnvironment({ trimBlocks: true, lstripBlocks: false, keepTrailingNewline: true });
    expect(env.renderString("a\n#| c #|\n  #% if true %#\n  x\n  #% endif %#\nb\n", { x: "X" })).toEqual({ ok: true, output: "a\n    x\n  b\n" });
  });
  it("a\\n#| c #|\\n  #% if true %#\\n  x\\n  #% endif %#\\nb with trimBlocks: false, lstripBlocks: true, keepTrailingNewline: true", () => {
    const env = createEnvironment({ trimBlocks: false, lstripBlocks: true, keepTrailingNewline: true });
    expect(env.renderString("a\n#| c #|\n  #% if true %#\n  x\n  #% endif %#\nb\n", { x: "X" })).toEqual({ ok: true, output: "a\n\n\n  x\n\nb\n" });
  });
  it("a\\nb\\n with trimBlocks: true, lstripBlocks: true, keepTrailingNewline: false", () => {
    const env = createEnvironment({ trimBlocks: true, lstripBlocks: true, keepTrailingNewline: false });
    expect(env.renderString("a\nb\n", { x: "X" })).toEqual({ ok: true, output: "a\nb" });
  });
  it("a\\nb\\n\\n with trimBlocks: true, lstripBlocks: true, keepTrailingNewline: false", () => {
    const env = createEnvironment({ trimBlocks: true, lstripBlocks: true, keepTrailingNewline: false });
    expect(env.renderString("a\nb\n\n", { x: "X" })).toEqual({ ok: true, output: "a\nb\n" });
  });
  it("a\\r\\nb\\r\\n with trimBlocks: true, lstripBlocks: true, keepTrailingNewline: false", () => {
    const env = createEnvironment({ trimBlocks: true, lstripBlocks: true, keepTrailingNewline: false });
    expect(env.renderString("a\r\nb\r\n", { x: "X" })).toEqual({ ok: true, output: "a\nb" });
  });
  it("{% if x %}\\n  {{ x }}\\n{% endif %}\\n{# c #}\\nz\\n with trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true, delimiters: JINJA2_DEFAULT_DELIMITERS", () => {
    const env = createEnvironment({ trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true, delimiters: JINJA2_DEFAULT_DELIMITERS });
    expect(env.renderString("{% if x %}\n  {{ x }}\n{% endif %}\n{# c #}\nz\n", { x: "X" })).toEqual({ ok: true, output: "  X\nz\n" });
  });
  it("{%- if x -%}\\n  {{ x }}\\n{%+ endif %}\\n{#- c -#}\\n with trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true, delimiters: JINJA2_DEFAULT_DELIMITERS", () => {
    const env = createEnvironment({ trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true, delimiters: JINJA2_DEFAULT_DELIMITERS });
    expect(env.renderString("{%- if x -%}\n  {{ x }}\n{%+ endif %}\n{#- c -#}\nz\n", { x: "X" })).toEqual({ ok: true, output: "X\nz\n" });
  });
  it("#{ {'a': 1} }#\\n with trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true", () => {
    const env = createEnvironment({ trimBlocks: true, lstripBlocks: true, keepTrailingNewline: true });
    expect(env.renderString("#{ {'a': 1} }#\n", { x: "X" })).toEqual({ ok: true, output: "{'a': 1}\n" });
  });
});
