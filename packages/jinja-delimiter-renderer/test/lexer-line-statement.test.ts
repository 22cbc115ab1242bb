// A line statement on the last line of a template, without a newline after it: Jinja2 ends it at the end of the
// template (its `linestatement_end` is `\s*(\n|$)`). Expected strings were produced by real Jinja2 3.1.6 with the
// makejinja settings plus line_statement_prefix "%%".
import { describe, expect, it } from "vitest";
import { createEnvironment } from "../src/index.js";

describe("a line statement may end at the end of the template", () => {
  const env = createEnvironment({ lineStatementPrefix: "%%" });
  it.each([
    ["%% for x in [1,2]\n#{ x }#\n%% endfor", "1\n2\n"],
    ["a\n%% set y = 3   ", "a\n"],
    ["%% if true\nyes\n%% endif  ", "yes\n"],
  ])("%j renders %j", (source, output) => {
    expect(env.renderString(source, {})).toEqual({ ok: true, output });
  });
  it("an open bracket at the end of the template is still an error", () => {
    const result = env.renderString("%% set z = (1,", {});
    expect(result.ok).toBe(false);
  });
});
