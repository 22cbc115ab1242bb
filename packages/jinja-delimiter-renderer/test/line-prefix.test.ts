// Expected strings were produced by real Jinja2 3.1.6 (makejinja settings + line_statement_prefix/line_comment_prefix).
import { describe, expect, it } from "vitest";
import { createEnvironment } from "../src/index.js";

describe("[makejinja.prefix] line statements and line comments, and bracket balancing in tags", () => {
  it("%% for x in [1, 2]\n  - #{ x }#\n%% endfor\nend\n", () => {
    expect(createEnvironment({ lineStatementPrefix: "%%" }).renderString("%% for x in [1, 2]\n  - #{ x }#\n%% endfor\nend\n")).toEqual({ ok: true, output: "  - 1\n  - 2\nend\n" });
  });
  it("a\n  %% if true\n  b\n  %% endif\nc\n", () => {
    expect(createEnvironment({ lineStatementPrefix: "%%" }).renderString("a\n  %% if true\n  b\n  %% endif\nc\n")).toEqual({ ok: true, output: "a\n  b\nc\n" });
  });
  it("a ## trailing comment\n## whole line\n  ## indented\nb\n", () => {
    expect(createEnvironment({ lineCommentPrefix: "##" }).renderString("a ## trailing comment\n## whole line\n  ## indented\nb\n")).toEqual({ ok: true, output: "a\n\n\nb\n" });
  });
  it("%% for x in [1,\n   2]\n#{ x }#\n%% endfor\n", () => {
    expect(createEnvironment({ lineStatementPrefix: "%%" }).renderString("%% for x in [1,\n   2]\n#{ x }#\n%% endfor\n")).toEqual({ ok: true, output: "1\n2\n" });
  });
  it("%% set d = {'a': 1}\n#{ d }#\n", () => {
    expect(createEnvironment({ lineStatementPrefix: "%%", lineCommentPrefix: "##" }).renderString("%% set d = {'a': 1}\n#{ d }#\n")).toEqual({ ok: true, output: "{'a': 1}\n" });
  });
  it("x: 1 ## note\n%% if true ## cond\ny\n%% endif\n fails like Jinja2 (TemplateSyntaxError: unexpected char '#')", () => {
    expect(createEnvironment({ lineStatementPrefix: "%%", lineCommentPrefix: "##" }).renderString("x: 1 ## note\n%% if true ## cond\ny\n%% endif\n").ok).toBe(false);
  });
  it("#{ {'a': {'b': 1}}['a'] }#\n", () => {
    expect(createEnvironment({}).renderString("#{ {'a': {'b': 1}}['a'] }#\n")).toEqual({ ok: true, output: "{'b': 1}\n" });
  });
  it("#{ {'k': 'v'}}#\n", () => {
    expect(createEnvironment({}).renderString("#{ {'k': 'v'}}#\n")).toEqual({ ok: true, output: "{'k': 'v'}\n" });
  });
});
