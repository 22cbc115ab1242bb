import { describe, expect, it } from "vitest";
import { createEnvironment } from "../src/index.js";

const env = createEnvironment();
const render = (source: string, context: Record<string, unknown> = {}) => {
  const r = env.renderString(source, context, "t.j2");
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.output;
};

describe("comment tags obey trim_blocks/lstrip_blocks like block tags", () => {
  it("drops a comment-only line entirely", () => {
    expect(render("---\n#| a comment #|\n---\n")).toBe("---\n---\n");
  });
  it("strips indentation before an indented comment-only line", () => {
    expect(render("a:\n    #| note #|\n  b: 1\n")).toBe("a:\n  b: 1\n");
  });
});
