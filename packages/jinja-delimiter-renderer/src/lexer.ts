/**
 * A Jinja2-faithful tokenizer feeding the nunjucks parser.
 *
 * Jinja2 and nunjucks disagree on whitespace control: Jinja2 applies `lstrip_blocks` to block AND comment tags,
 * `trim_blocks` removes the newline after a block or comment tag, `-`/`+` modifiers work on every tag kind, and a
 * comment may use the same token to open and close (`#| … #|`). This tokenizer handles all text outside tags the
 * way Jinja2's lexer does (`jinja2/lexer.py`) and hands nunjucks data tokens that need no further trimming; inside
 * tags it delegates to the nunjucks tokenizer, fixing Python string literals and `True`/`False`/`None`.
 */
import { lexer, type NunjucksToken } from "./nunjucks-internals.js";
import type { Delimiters } from "./types.js";

export interface LexerOptions {
  delimiters: Delimiters;
  trimBlocks: boolean;
  lstripBlocks: boolean;
  keepTrailingNewline: boolean;
  lineStatementPrefix?: string | null;
  lineCommentPrefix?: string | null;
}

/** Raised for lexing problems; lineno/colno are 0-based like nunjucks tokens. */
export class LexError extends Error {
  constructor(
    message: string,
    readonly lineno: number,
    readonly colno: number,
  ) {
    super(message);
  }
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Prefix marking an integral float literal (`1.0`) so the compiler can keep it a float. */
export const FLOAT_SYMBOL_PREFIX = "\u0000float:";

interface LexerSpec {
  rootKinds: string[];
  rootRe: RegExp;
  blockEndRe: RegExp;
  variableEndRe: RegExp;
  commentEndRe: RegExp;
  rawEndRe: RegExp;
}

const specs = new WeakMap<LexerOptions, LexerSpec>();

/** The regular expressions for one set of options, built once and shared by every template of an environment. */
function lexerSpec(opts: LexerOptions): LexerSpec {
  const cached = specs.get(opts);
  if (cached) return cached;
  const d = opts.delimiters;
  const bs = esc(d.blockStart);
  const be = esc(d.blockEnd);
  const suffix = opts.trimBlocks ? "\\n?" : "";
  const starts: Array<[string, string, string]> = [
    ["variable", d.variableStart, `${esc(d.variableStart)}(-|\\+|)`],
    ["comment", d.commentStart, `${esc(d.commentStart)}(-|\\+|)`],
    ["block", d.blockStart, `${bs}(-|\\+|)`],
  ];
  if (opts.lineStatementPrefix) {
    starts.push(["linestatement", opts.lineStatementPrefix, `^[ \\t\\v]*${esc(opts.lineStatementPrefix)}(-|\\+|)`]);
  }
  if (opts.lineCommentPrefix) {
    starts.push(["linecomment", opts.lineCommentPrefix, `(?:^|(?<=\\S))[^\\S\\r\\n]*${esc(opts.lineCommentPrefix)}(-|\\+|)`]);
  }
  // Jinja2: tag starts sorted(reverse=True) by (length, token name); the raw rule comes first.
  const tokenName: Record<string, string> = {
    variable: "variable_begin",
    comment: "comment_begin",
    block: "block_begin",
    linestatement: "linestatement_begin",
    linecomment: "linecomment_begin",
  };
  starts.sort((a, b) => b[1].length - a[1].length || (tokenName[b[0]]! > tokenName[a[0]]! ? 1 : tokenName[b[0]]! < tokenName[a[0]]! ? -1 : 0));
  const parts = [`(${bs}(-|\\+|)\\s*raw\\s*(?:-${be}\\s*|${be}))`, ...starts.map((x) => `(${x[2]})`)];
  const ce = esc(d.commentEnd);
  const spec: LexerSpec = {
    rootKinds: ["raw", ...starts.map((x) => x[0])],
    rootRe: new RegExp(parts.join("|"), "gm"),
    blockEndRe: new RegExp(`\\+${be}|-${be}\\s*|${be}${suffix}`, "y"),
    variableEndRe: new RegExp(`-${esc(d.variableEnd)}\\s*|${esc(d.variableEnd)}`, "y"),
    commentEndRe: new RegExp(`\\+${ce}|-${ce}\\s*|${ce}${suffix}`, "g"),
    rawEndRe: new RegExp(`${bs}(-|\\+|)\\s*endraw\\s*(?:\\+${be}|-${be}\\s*|${be}${suffix})`, "g"),
  };
  specs.set(opts, spec);
  return spec;
}

type TagKind = "block" | "variable" | "linestatement";

const LINE_STATEMENT_END = /\s*(?:\n|$)/y;
const SINGLE_QUOTED = /'([^'\\]*(?:\\[\s\S][^'\\]*)*)'/y;
const DOUBLE_QUOTED = /"([^"\\]*(?:\\[\s\S][^"\\]*)*)"/y;
const FLOAT_LITERAL = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INT_LITERAL = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|(?:\d+_)*\d+/y;

/** nunjucks' `whitespaceChars` and the characters ending a name (`whitespaceChars + delimChars`). */
const WHITESPACE_CHARS = " \n\t\r\xA0";
const WHITESPACE = /[ \n\t\r\xA0]*/y;
const WORD = /[^ \n\t\r\xA0()[\]{}%*\-+~/#,:|.<>=!]*/y;
/** nunjucks' token types for delimiter characters that never combine with the next character. */
const SINGLE_CHAR_TOKENS: Record<string, string> = {
  "(": lexer.TOKEN_LEFT_PAREN,
  ")": lexer.TOKEN_RIGHT_PAREN,
  "[": lexer.TOKEN_LEFT_BRACKET,
  "]": lexer.TOKEN_RIGHT_BRACKET,
  "{": lexer.TOKEN_LEFT_CURLY,
  "}": lexer.TOKEN_RIGHT_CURLY,
  ",": lexer.TOKEN_COMMA,
  ":": lexer.TOKEN_COLON,
  "~": lexer.TOKEN_TILDE,
  "|": lexer.TOKEN_PIPE,
  ".": lexer.TOKEN_OPERATOR,
  "+": lexer.TOKEN_OPERATOR,
  "-": lexer.TOKEN_OPERATOR,
  "%": lexer.TOKEN_OPERATOR,
  "#": lexer.TOKEN_OPERATOR,
};
Object.setPrototypeOf(SINGLE_CHAR_TOKENS, null);

export class JinjaTokenizer {
  readonly tags: Record<string, string>;
  private readonly inner: {
    str: string;
    index: number;
    lineno: number;
    colno: number;
    in_code: boolean;
    len: number;
    nextToken(): NunjucksToken | null;
    forwardN(n: number): void;
  };
  private readonly src: string;
  private readonly rootRe: RegExp;
  private readonly blockEndRe: RegExp;
  private readonly variableEndRe: RegExp;
  private readonly commentEndRe: RegExp;
  private readonly rawEndRe: RegExp;
  private readonly queue: NunjucksToken[] = [];
  private mode: "root" | TagKind = "root";
  private lineStarting = true;
  /** Open brackets inside the current tag: Jinja2 only ends a tag when they are balanced. */
  private balance = 0;
  private finished = false;

  constructor(source: string, private readonly opts: LexerOptions) {
    let src = source.replace(/\r\n|\r/g, "\n");
    if (!opts.keepTrailingNewline && src.endsWith("\n")) src = src.slice(0, -1);
    this.src = src;
    const d = opts.delimiters;
    this.tags = {
      BLOCK_START: d.blockStart,
      BLOCK_END: d.blockEnd,
      VARIABLE_START: d.variableStart,
      VARIABLE_END: d.variableEnd,
      COMMENT_START: d.commentStart,
      COMMENT_END: d.commentEnd,
    };
    this.inner = lexer.lex(src, {
      tags: { ...d },
      trimBlocks: false,
      lstripBlocks: false,
    });
    this.blockEnd = d.blockEnd;
    this.variableEnd = d.variableEnd;
    const spec = lexerSpec(opts);
    this.rootKinds = spec.rootKinds;
    this.rootRe = spec.rootRe;
    this.blockEndRe = spec.blockEndRe;
    this.variableEndRe = spec.variableEndRe;
    this.commentEndRe = spec.commentEndRe;
    this.rawEndRe = spec.rawEndRe;
  }

  private readonly rootKinds: string[];
  private readonly blockEnd: string;
  private readonly variableEnd: string;

  /** Position of the next character (0-based line/column). */
  private get pos(): { lineno: number; colno: number } {
    return { lineno: this.inner.lineno, colno: this.inner.colno };
  }

  /** Advance to `index`, keeping nunjucks' 0-based line/column bookkeeping (what `forwardN` does, in O(newlines)). */
  private moveTo(index: number): void {
    const inner = this.inner;
    const from = inner.index;
    if (index <= from) return;
    let nl = this.src.indexOf("\n", from);
    let last = -1;
    while (nl !== -1 && nl < index) {
      inner.lineno++;
      last = nl;
      nl = this.src.indexOf("\n", nl + 1);
    }
    inner.colno = last === -1 ? inner.colno + (index - from) : index - last - 1;
    inner.index = index;
  }

  /** Where nunjucks would end the tag itself (it checks its block/variable end, with or without `-`, first). */
  private atTagEnd(index: number): boolean {
    const { src, blockEnd, variableEnd } = this;
    return (
      src.startsWith(blockEnd, index) ||
      src.startsWith(variableEnd, index) ||
      (src[index] === "-" && (src.startsWith(blockEnd, index + 1) || src.startsWith(variableEnd, index + 1)))
    );
  }

  nextToken(): NunjucksToken | null {
    for (;;) {
      const queued = this.queue.shift();
      if (queued) return queued;
      if (this.finished) return null;
      if (this.mode === "root") this.lexRoot();
      else return this.lexCode(this.mode);
    }
  }

  /** Apply Jinja2's `-` / `+` / lstrip_blocks rules to the text before a tag. */
  private stripBefore(text: string, sign: string, kind: string): string {
    if (sign === "-") return text.replace(/\s+$/, "");
    if (sign !== "+" && this.opts.lstripBlocks && kind !== "variable") {
      const lpos = text.lastIndexOf("\n") + 1;
      if ((lpos > 0 || this.lineStarting) && /^[ \t]*$/.test(text.slice(lpos))) return text.slice(0, lpos);
    }
    return text;
  }

  private pushData(text: string, at: { lineno: number; colno: number }): void {
    if (text) this.queue.push({ type: lexer.TOKEN_DATA, value: text, ...at });
  }

  private lexRoot(): void {
    const start = this.inner.index;
    if (start >= this.src.length) {
      this.finished = true;
      return;
    }
    const at = this.pos;
    this.rootRe.lastIndex = start;
    const m = this.rootRe.exec(this.src);
    if (!m) {
      this.pushData(this.src.slice(start), at);
      this.moveTo(this.src.length);
      this.finished = true;
      return;
    }
    // Which alternative matched: groups come in pairs (whole, sign).
    let kind = "";
    let sign = "";
    for (let i = 0; i < this.rootKinds.length; i++) {
      if (m[1 + i * 2] !== undefined) {
        kind = this.rootKinds[i]!;
        sign = m[2 + i * 2] ?? "";
        break;
      }
    }
    const text = this.src.slice(start, m.index);
    this.pushData(this.stripBefore(text, sign, kind), at);
    this.moveTo(m.index);
    const tagAt = this.pos;
    const tagEnd = m.index + m[0].length;
    this.lineStarting = m[0].endsWith("\n");
    switch (kind) {
      case "comment": {
        this.commentEndRe.lastIndex = tagEnd;
        const end = this.commentEndRe.exec(this.src);
        if (!end) throw new LexError("Missing end of comment tag", tagAt.lineno, tagAt.colno);
        this.moveTo(end.index + end[0].length);
        this.lineStarting = end[0].endsWith("\n");
        return;
      }
      case "raw": {
        this.rawEndRe.lastIndex = tagEnd;
        const end = this.rawEndRe.exec(this.src);
        if (!end) throw new LexError("Missing end of raw directive", tagAt.lineno, tagAt.colno);
        this.moveTo(tagEnd);
        const body = this.stripBefore(this.src.slice(tagEnd, end.index), end[1] ?? "", "block");
        this.pushData(body, this.pos);
        this.moveTo(end.index + end[0].length);
        this.lineStarting = end[0].endsWith("\n");
        return;
      }
      case "linecomment": {
        // `## …` runs to the end of the line; the newline itself stays.
        const nl = this.src.indexOf("\n", tagEnd);
        this.moveTo(nl === -1 ? this.src.length : nl);
        this.lineStarting = false;
        return;
      }
      case "block":
      case "linestatement":
        this.queue.push({ type: lexer.TOKEN_BLOCK_START, value: this.tags.BLOCK_START, ...tagAt });
        this.moveTo(tagEnd);
        this.mode = kind;
        this.inner.in_code = true;
        this.balance = 0;
        return;
      default:
        this.queue.push({ type: lexer.TOKEN_VARIABLE_START, value: this.tags.VARIABLE_START, ...tagAt });
        this.moveTo(tagEnd);
        this.mode = "variable";
        this.inner.in_code = true;
        this.balance = 0;
    }
  }

  private lexCode(kind: TagKind): NunjucksToken | null {
    const index = this.inner.index;
    const at = this.pos;
    if (index >= this.src.length) {
      throw new LexError(`unexpected end of template, expected '${kind === "block" ? this.tags.BLOCK_END : this.tags.VARIABLE_END}'`, at.lineno, at.colno);
    }
    const endRe = kind === "block" ? this.blockEndRe : kind === "linestatement" ? LINE_STATEMENT_END : this.variableEndRe;
    endRe.lastIndex = index;
    const end = this.balance === 0 ? endRe.exec(this.src) : null;
    if (end) {
      this.moveTo(index + end[0].length);
      this.lineStarting = end[0].endsWith("\n");
      this.mode = "root";
      this.inner.in_code = false;
      return kind !== "variable"
        ? { type: lexer.TOKEN_BLOCK_END, value: this.tags.BLOCK_END, ...at }
        : { type: lexer.TOKEN_VARIABLE_END, value: this.tags.VARIABLE_END, ...at };
    }
    const ch = this.src[index];
    if (ch === "'" || ch === '"') {
      const re = ch === "'" ? SINGLE_QUOTED : DOUBLE_QUOTED;
      re.lastIndex = index;
      const sm = re.exec(this.src);
      if (!sm) throw new LexError("unexpected char " + JSON.stringify(ch), at.lineno, at.colno);
      this.moveTo(index + sm[0].length);
      return { type: lexer.TOKEN_STRING, value: decodePythonEscapes(sm[1]!), ...at };
    }
    if (ch !== undefined && ch >= "0" && ch <= "9" && this.src[index - 1] !== ".") {
      const fl = FLOAT_LITERAL;
      fl.lastIndex = index;
      const f = fl.exec(this.src);
      if (f) {
        this.moveTo(index + f[0].length);
        const value = Number(f[0].replace(/_/g, ""));
        if (Number.isInteger(value)) return { type: lexer.TOKEN_SYMBOL, value: FLOAT_SYMBOL_PREFIX + value, ...at };
        return { type: lexer.TOKEN_FLOAT, value: String(value), ...at };
      }
      const il = INT_LITERAL;
      il.lastIndex = index;
      const i = il.exec(this.src)!;
      this.moveTo(index + i[0].length);
      const text = i[0].replace(/_/g, "");
      const value = /^0[oO]/.test(text) ? parseInt(text.slice(2), 8) : /^0[bB]/.test(text) ? parseInt(text.slice(2), 2) : Number(text);
      return { type: lexer.TOKEN_INT, value: String(value), ...at };
    }
    // Fast paths for the commonest code tokens, producing exactly what the nunjucks tokenizer would (it scans
    // character by character, which dominates lexing in a fresh process).
    const code = this.src.charCodeAt(index);
    if (WHITESPACE_CHARS.includes(ch!)) {
      // The nunjucks parser never asks for whitespace tokens; skip them here (and re-check for the tag end).
      WHITESPACE.lastIndex = index;
      WHITESPACE.exec(this.src);
      this.moveTo(WHITESPACE.lastIndex);
      return this.lexCode(kind);
    }
    if (((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95) && !(ch === "r" && this.src[index + 1] === "/") && !this.atTagEnd(index)) {
      // A name: nunjucks extracts up to the next whitespace or delimiter character.
      WORD.lastIndex = index;
      WORD.exec(this.src);
      const value = this.src.slice(index, WORD.lastIndex);
      this.moveTo(WORD.lastIndex);
      if (value === "True" || value === "true") return { type: lexer.TOKEN_BOOLEAN, value: "true", ...at };
      if (value === "False" || value === "false") return { type: lexer.TOKEN_BOOLEAN, value: "false", ...at };
      if (value === "None" || value === "none") return { type: lexer.TOKEN_NONE, value: "none", ...at };
      return { type: lexer.TOKEN_SYMBOL, value, ...at };
    }
    const single = SINGLE_CHAR_TOKENS[ch!];
    if (single !== undefined && !this.atTagEnd(index)) {
      // Punctuation that never starts a two-character operator (`==`, `!=`, `<=`, `>=`, `//`, `**`).
      this.moveTo(index + 1);
      if (single === lexer.TOKEN_LEFT_PAREN || single === lexer.TOKEN_LEFT_BRACKET || single === lexer.TOKEN_LEFT_CURLY) this.balance++;
      else if ((single === lexer.TOKEN_RIGHT_PAREN || single === lexer.TOKEN_RIGHT_BRACKET || single === lexer.TOKEN_RIGHT_CURLY) && this.balance > 0) this.balance--;
      return { type: single, value: ch!, ...at };
    }
    const tok = this.inner.nextToken();
    if (!tok) return null;
    if (tok.type === lexer.TOKEN_WHITESPACE) return this.lexCode(kind);
    if (tok.type === lexer.TOKEN_LEFT_PAREN || tok.type === lexer.TOKEN_LEFT_BRACKET || tok.type === lexer.TOKEN_LEFT_CURLY) this.balance++;
    else if ((tok.type === lexer.TOKEN_RIGHT_PAREN || tok.type === lexer.TOKEN_RIGHT_BRACKET || tok.type === lexer.TOKEN_RIGHT_CURLY) && this.balance > 0) this.balance--;
    if (tok.type === lexer.TOKEN_SYMBOL) {
      if (tok.value === "True") return { ...tok, type: lexer.TOKEN_BOOLEAN, value: "true" };
      if (tok.value === "False") return { ...tok, type: lexer.TOKEN_BOOLEAN, value: "false" };
      if (tok.value === "None") return { ...tok, type: lexer.TOKEN_NONE, value: "none" };
    }
    if (tok.type === lexer.TOKEN_NONE && tok.value === "null") return { ...tok, type: lexer.TOKEN_SYMBOL };
    return tok;
  }
}

/** Python's `unicode-escape` decoding of a string literal body (unknown escapes are kept). */
export function decodePythonEscapes(body: string): string {
  return body.replace(
    /\\(?:([\\'"abfnrtv\n])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{1,3}))/g,
    (whole, simple?: string, x?: string, u?: string, U?: string, oct?: string) => {
      if (simple !== undefined) {
        const map: Record<string, string> = {
          "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "",
        };
        return map[simple] ?? whole;
      }
      const hex = x ?? u ?? U;
      if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
      if (oct !== undefined) return String.fromCodePoint(parseInt(oct, 8));
      return whole;
    },
  );
}
