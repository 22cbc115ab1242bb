/**
 * jinja2.ext.do, jinja2.ext.loopcontrols, recursive loops and loop.changed. Expected outputs are Jinja2 3.1's
 * for the same templates (trim_blocks/lstrip_blocks/keep_trailing_newline on).
 */
import { describe, expect, it } from "vitest";
import { JINJA2_DEFAULT_DELIMITERS, createEnvironment, loadMakejinjaConfig, type JinjaExtension } from "../src/index.js";

const tree = [{ t: "a", c: [{ t: "b", c: [{ t: "c", c: [] }] }, { t: "d", c: [] }] }, { t: "e", c: [] }];

function render(source: string, extensions: JinjaExtension[] = ["do", "loopcontrols"]) {
  return createEnvironment({ delimiters: JINJA2_DEFAULT_DELIMITERS, extensions }).renderString(source, { tree }, "t.j2");
}
const output = (source: string) => {
  const r = render(source);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.output;
};

describe("jinja2.ext.loopcontrols", () => {
  it.each([
    ["{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 5 %}{% break %}{% endif %}{{ i }}{% endfor %}", "0134"],
    ["{% for a in [1,2] %}{% for b in [1,2,3] %}{% if b == 2 %}{% break %}{% endif %}{{ a }}{{ b }}{% endfor %}{% endfor %}", "1121"],
    ["{% for i in [1,2,3] %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% else %}E{% endfor %}", "13"],
    ["{% for i in [] %}{% break %}{% else %}E{% endfor %}", "E"],
    // Jinja2 runs `else` unless some pass through the body ran to its end.
    ["{% for i in [1,2] %}{% break %}{% else %}E{% endfor %}", "E"],
    ["{% for i in [1,2] %}{% continue %}{% else %}E{% endfor %}", "E"],
    ["{% for i in [1,2] %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}{% else %}E{% endfor %}", "2"],
    ["{% for i in [1,2] %}{{ i }}{% if i == 2 %}{% continue %}{% endif %}{% else %}E{% endfor %}", "12"],
    ["{% for i in range(6) if i is odd %}{% if i == 5 %}{% break %}{% endif %}{{ i }}{{ loop.index }}{% endfor %}", "1132"],
  ])("%s", (source, expected) => {
    expect(output(source)).toBe(expected);
  });
  it("break or continue outside a loop (a macro body is outside) is an error at the tag", () => {
    expect(render("x\n  {% break %}")).toMatchObject({ ok: false, errors: [{ line: 2, col: 6, message: "'break' outside loop" }] });
    expect(render("{% for x in [1] %}{% macro m() %}{% continue %}{% endmacro %}{% endfor %}")).toMatchObject({
      ok: false,
      errors: [{ line: 1, col: 37, message: "'continue' outside loop" }],
    });
  });
});

describe("jinja2.ext.do", () => {
  it("evaluates the expression and prints nothing", () => {
    expect(output("{% set xs = [] %}{% do xs.append(1) %}{% do xs.extend([2, 3]) %}{{ xs }}")).toBe("[1, 2, 3]");
  });
});

describe("without the extensions", () => {
  it.each([
    ["{% do 1 %}", "Encountered unknown tag 'do'. Jinja2 needs the jinja2.ext.do extension for it."],
    ["{% for x in [1] %}{% break %}{% endfor %}", "Encountered unknown tag 'break'. Jinja2 needs the jinja2.ext.loopcontrols extension for it."],
  ])("%s is an unknown tag", (source, message) => {
    expect(render(source, [])).toMatchObject({ ok: false, errors: [{ message }] });
  });
});

describe("recursive loops and loop.changed", () => {
  it("loop(children) renders one level deeper with its own loop variables", () => {
    expect(output("{% for n in tree recursive %}[{{ n.t }}{{ loop.depth }}{{ loop.depth0 }}{% if n.c %}<{{ loop(n.c) }}>{% endif %}{{ n.t }}]{% endfor %}")).toBe(
      "[a10<[b21<[c32c]>b][d21d]>a][e10e]",
    );
    expect(output("{% for n in tree recursive %}{{ loop.index }}{% if n.c %}({{ loop(n.c) }}){% endif %}{{ loop.index }}{% endfor %}")).toBe("1(1(11)122)122");
    expect(output("{% for n in tree recursive %}{% set y = n.t %}{% if n.c %}{{ loop(n.c) }}{% endif %}{{ y }}{% endfor %}")).toBe("cbdae");
  });
  it("the loop's filter applies at every level", () => {
    expect(output("{% for n in tree if n.t != 'd' recursive %}{{ n.t }}{% if n.c %}{{ loop(n.c) }}{% endif %}{% endfor %}")).toBe("abce");
  });
  it("calling a loop without the marker is an error", () => {
    expect(render("{% for x in [1] %}{{ loop(x) }}{% endfor %}")).toMatchObject({
      ok: false,
      errors: [{ message: "The loop must have the 'recursive' marker to be called recursively." }],
    });
  });
  it("loop.changed compares all its arguments with the previous call's", () => {
    expect(output("{% for x in [1,1,2,2,1] %}{{ loop.changed(x) }}{% endfor %}")).toBe("TrueFalseTrueFalseTrue");
    expect(output("{% for x in [1,1,2] %}{{ loop.changed(x, 'a') }}{% endfor %}")).toBe("TrueFalseTrue");
  });
});

describe("createEnvironment extensions", () => {
  it("rejects an extension it does not implement", () => {
    expect(() => createEnvironment({ extensions: ["i18n" as JinjaExtension] })).toThrow('createEnvironment: unknown extension "i18n" (supported: do, loopcontrols)');
  });
});

describe("makejinja.toml extensions", () => {
  const config = (extensions: string) => loadMakejinjaConfig(`[makejinja]\ninputs = ["t"]\noutput = "o"\nextensions = ${extensions}\n`);
  it("accepts Jinja2's module and class names", () => {
    const r = config('["jinja2.ext.do", "jinja2.ext.LoopControlExtension", "jinja2.ext.loopcontrols"]');
    expect(r.ok && r.config.options.extensions).toEqual(["do", "loopcontrols"]);
  });
  it("rejects the others, naming the supported ones", () => {
    const r = config('["jinja2.ext.i18n"]');
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      'makejinja.extensions: "jinja2.ext.i18n" is not supported by this renderer (supported: jinja2.ext.do, jinja2.ext.ExprStmtExtension, jinja2.ext.loopcontrols, jinja2.ext.LoopControlExtension). Remove it or render with makejinja.',
    ]);
  });
});
