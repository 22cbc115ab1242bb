// Exact tokens (type, value, 0-based line and column) of the tokenizer the parser reads: every fast path of
// src/lexer.ts and the hand-over to the nunjucks tokenizer for what they do not cover. Positions become the
// `line:col` of template errors, so they are asserted too.
import { describe, expect, it } from "vitest";
import { createEnvironment } from "../src/index.js";
import { JinjaTokenizer, type LexerOptions } from "../src/lexer.js";

const REF: LexerOptions = {
  delimiters: { blockStart: "#%", blockEnd: "%#", variableStart: "#{", variableEnd: "}#", commentStart: "#|", commentEnd: "#|" },
  trimBlocks: true,
  lstripBlocks: true,
  keepTrailingNewline: true,
  lineStatementPrefix: null,
  lineCommentPrefix: null,
};

function tokens(source: string, options: LexerOptions = REF): Array<[string, string, number, number]> {
  const lexer = new JinjaTokenizer(source, options);
  const out: Array<[string, string, number, number]> = [];
  for (let t = lexer.nextToken(); t; t = lexer.nextToken()) out.push([t.type, t.value, t.lineno, t.colno]);
  return out;
}

describe("JinjaTokenizer tokens", () => {
  it("names, attribute dots, pipes, Python string escapes and a tag spanning the text before it", () => {
    expect(tokens("a\n  #{ x.y | f('s\\n', \"d\") }#\n")).toEqual([
      ["data", "a\n  ", 0, 0],
      ["variable-start", "#{", 1, 2],
      ["symbol", "x", 1, 5],
      ["operator", ".", 1, 6],
      ["symbol", "y", 1, 7],
      ["pipe", "|", 1, 9],
      ["symbol", "f", 1, 11],
      ["left-paren", "(", 1, 12],
      ["string", "s\n", 1, 13],
      ["comma", ",", 1, 18],
      ["string", "d", 1, 20],
      ["right-paren", ")", 1, 23],
      ["variable-end", "}#", 1, 25],
      ["data", "\n", 1, 27],
    ]);
  });
  it("True/False/None and true/false/none become nunjucks booleans and none", () => {
    expect(tokens("#{ True and none or False }#")).toEqual([
      ["variable-start", "#{", 0, 0],
      ["boolean", "true", 0, 3],
      ["symbol", "and", 0, 8],
      ["none", "none", 0, 12],
      ["symbol", "or", 0, 17],
      ["boolean", "false", 0, 20],
      ["variable-end", "}#", 0, 26],
    ]);
  });
  it("Python number literals: underscores, hex, octal, integral floats marked as floats, x.0 attribute names", () => {
    expect(tokens("#{ 1_000 + 1.0 + 2.5e1 + 0x1f + 0o17 + x.0 }#")).toEqual([
      ["variable-start", "#{", 0, 0],
      ["int", "1000", 0, 3],
      ["operator", "+", 0, 9],
      ["symbol", "\u0000float:1", 0, 11],
      ["operator", "+", 0, 15],
      ["symbol", "\u0000float:25", 0, 17],
      ["operator", "+", 0, 23],
      ["int", "31", 0, 25],
      ["operator", "+", 0, 30],
      ["int", "15", 0, 32],
      ["operator", "+", 0, 37],
      ["symbol", "x", 0, 39],
      ["operator", ".", 0, 40],
      ["int", "0", 0, 41],
      ["variable-end", "}#", 0, 43],
    ]);
  });
  it("lstrip_blocks, trim_blocks and '-' strip the text around block tags", () => {
    expect(tokens("  #% if a == b %#\n  x\n  #%- endif -%#  \ny")).toEqual([
      ["block-start", "#%", 0, 2],
      ["symbol", "if", 0, 5],
      ["symbol", "a", 0, 8],
      ["operator", "==", 0, 10],
      ["symbol", "b", 0, 13],
      ["block-end", "%#", 0, 15],
      ["data", "  x", 1, 0],
      ["block-start", "#%", 2, 2],
      ["symbol", "endif", 2, 6],
      ["block-end", "%#", 2, 12],
      ["data", "y", 3, 0],
    ]);
  });
  it("whitespace inside a tag is skipped; positions continue on the next line", () => {
    expect(tokens("#{ (a,\n   b) }#")).toEqual([
      ["variable-start", "#{", 0, 0],
      ["left-paren", "(", 0, 3],
      ["symbol", "a", 0, 4],
      ["comma", ",", 0, 5],
      ["symbol", "b", 1, 3],
      ["right-paren", ")", 1, 4],
      ["variable-end", "}#", 1, 6],
    ]);
  });
  it("two-character operators come from the nunjucks tokenizer", () => {
    expect(tokens("#{ a <= b != c // d ** e }#")).toEqual([
      ["variable-start", "#{", 0, 0],
      ["symbol", "a", 0, 3],
      ["operator", "<=", 0, 5],
      ["symbol", "b", 0, 8],
      ["operator", "!=", 0, 10],
      ["symbol", "c", 0, 13],
      ["operator", "//", 0, 15],
      ["symbol", "d", 0, 18],
      ["operator", "**", 0, 20],
      ["symbol", "e", 0, 23],
      ["variable-end", "}#", 0, 25],
    ]);
  });
  it("a tag end inside unbalanced brackets is the nunjucks tokenizer's, and the tag goes on", () => {
    expect(tokens("#{ (a }# b) }#")).toEqual([
      ["variable-start", "#{", 0, 0],
      ["left-paren", "(", 0, 3],
      ["symbol", "a", 0, 4],
      ["variable-end", "}#", 0, 6],
      ["symbol", "b", 0, 9],
      ["right-paren", ")", 0, 10],
      ["variable-end", "}#", 0, 12],
    ]);
  });
  it("comments (same opening and closing token) and raw blocks leave only text", () => {
    expect(tokens("t #| c\n #| u\n#% raw %#\n#{ x }##% endraw %#\nv")).toEqual([
      ["data", "t ", 0, 0],
      ["data", " u\n", 1, 3],
      ["data", "\n#{ x }#", 2, 9],
      ["data", "v", 4, 0],
    ]);
  });
  it("line statements and line comments", () => {
    expect(tokens("x\n%% for i in y\n  ## note\n#{ i }#\n%% endfor\n", { ...REF, lineStatementPrefix: "%%", lineCommentPrefix: "##" })).toEqual([
      ["data", "x\n", 0, 0],
      ["block-start", "#%", 1, 0],
      ["symbol", "for", 1, 3],
      ["symbol", "i", 1, 7],
      ["symbol", "in", 1, 9],
      ["symbol", "y", 1, 12],
      ["block-end", "%#", 1, 13],
      ["data", "\n", 2, 9],
      ["variable-start", "#{", 3, 0],
      ["symbol", "i", 3, 3],
      ["variable-end", "}#", 3, 5],
      ["data", "\n", 3, 7],
      ["block-start", "#%", 4, 0],
      ["symbol", "endfor", 4, 3],
      ["block-end", "%#", 4, 9],
    ]);
  });
  it("comparison and arithmetic operators, one to three characters, as nunjucks reads them", () => {
    expect(tokens("#{ a===b !== c <== d = e*f/g ! h > i }#")).toEqual([
      ["variable-start", "#{", 0, 0],
      ["symbol", "a", 0, 3],
      ["operator", "===", 0, 4],
      ["symbol", "b", 0, 7],
      ["operator", "!==", 0, 9],
      ["symbol", "c", 0, 13],
      ["operator", "<=", 0, 15],
      ["operator", "=", 0, 17],
      ["symbol", "d", 0, 19],
      ["operator", "=", 0, 21],
      ["symbol", "e", 0, 23],
      ["operator", "*", 0, 24],
      ["symbol", "f", 0, 25],
      ["operator", "/", 0, 26],
      ["symbol", "g", 0, 27],
      ["operator", "!", 0, 29],
      ["symbol", "h", 0, 31],
      ["operator", ">", 0, 33],
      ["symbol", "i", 0, 35],
      ["variable-end", "}#", 0, 37],
    ]);
  });
  it("an unclosed tag ending in an operator reports the end position nunjucks reports", () => {
    const lexer = new JinjaTokenizer("#{ (n //", REF);
    const seen: unknown[] = [];
    expect(() => {
      for (let t = lexer.nextToken(); t; t = lexer.nextToken()) seen.push(t.value);
    }).toThrow(expect.objectContaining({ message: "unexpected end of template, expected '}#'", lineno: 0, colno: 9 }));
    expect(seen).toEqual(["#{", "(", "n", "//"]);
  });
});

describe("template error positions (line:col, 1-based) come from the token positions", () => {
  const env = createEnvironment({});
  it.each([
    ["a\n#{ (x,\n   y }#\n", 3, 6, "expected comma after expression"],
    ["a\n  #% if x ==\n %#b#% endif %#", 3, 2, "unexpected token: %#"],
    ['x\n#{ "abc }#\n', 2, 4, 'unexpected char "\\""'],
    ["#| c\n#% for %#", 1, 1, "Missing end of comment tag"],
  ])("%j fails at %i:%i with %s", (source, line, col, message) => {
    const result = env.renderString(source, { x: 1, y: 2 });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => [e.line, e.col, e.message])).toEqual([[line, col, message]]);
  });
});
