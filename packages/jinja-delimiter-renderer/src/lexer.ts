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
  /** Char code the block end delimiter starts with (-1 when it is empty: then every position may end a tag). */
  blockEndCode: number;
  variableEndCode: number;
  /** An end delimiter is empty or starts with whitespace: then check for the tag end at every character. */
  oddEnds: boolean;
  /** A space after a token can be skipped at once: it cannot start an end delimiter. */
  spaceSkippable: boolean;
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
    blockEndCode: d.blockEnd ? d.blockEnd.charCodeAt(0) : -1,
    variableEndCode: d.variableEnd ? d.variableEnd.charCodeAt(0) : -1,
    oddEnds: !d.blockEnd || !d.variableEnd || /^\s/.test(d.blockEnd) || /^\s/.test(d.variableEnd),
    spaceSkippable: false,
  };
  spec.spaceSkippable = !spec.oddEnds;
  specs.set(opts, spec);
  return spec;
}

/** What the tokenizer is reading: template text, or the inside of a block / variable tag / line statement. */
const enum Mode {
  Root,
  Block,
  Variable,
  LineStatement,
}

const LINE_STATEMENT_END = /\s*(?:\n|$)/y;
const SINGLE_QUOTED = /'[^'\\]*(?:\\[\s\S][^'\\]*)*'/y;
const DOUBLE_QUOTED = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"/y;
const FLOAT_LITERAL = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INT_LITERAL = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|(?:\d+_)*\d+/y;

/** nunjucks' `whitespaceChars` and the characters ending a name (`whitespaceChars + delimChars`). */
const WHITESPACE = /[ \n\t\r\xA0]*/y;
const WORD = /[^ \n\t\r\xA0()[\]{}%*\-+~/#,:|.<>=!]*/y;
/** nunjucks' token types for delimiter characters that never combine with the next character, by char code. */
const SINGLE_CHAR_TOKENS: Array<string | undefined> = [];
for (const [ch, type] of [
  ["(", lexer.TOKEN_LEFT_PAREN],
  [")", lexer.TOKEN_RIGHT_PAREN],
  ["[", lexer.TOKEN_LEFT_BRACKET],
  ["]", lexer.TOKEN_RIGHT_BRACKET],
  ["{", lexer.TOKEN_LEFT_CURLY],
  ["}", lexer.TOKEN_RIGHT_CURLY],
  [",", lexer.TOKEN_COMMA],
  [":", lexer.TOKEN_COLON],
  ["~", lexer.TOKEN_TILDE],
  ["|", lexer.TOKEN_PIPE],
  [".", lexer.TOKEN_OPERATOR],
  ["+", lexer.TOKEN_OPERATOR],
  ["-", lexer.TOKEN_OPERATOR],
  ["%", lexer.TOKEN_OPERATOR],
  ["#", lexer.TOKEN_OPERATOR],
] as Array<[string, string]>) {
  SINGLE_CHAR_TOKENS[ch.charCodeAt(0)] = type;
}
for (let i = 0; i < 128; i++) SINGLE_CHAR_TOKENS[i] ??= undefined;

const TOKEN_DATA: string = lexer.TOKEN_DATA;
const TOKEN_STRING: string = lexer.TOKEN_STRING;
const TOKEN_SYMBOL: string = lexer.TOKEN_SYMBOL;
const TOKEN_OPERATOR: string = lexer.TOKEN_OPERATOR;
const TOKEN_BOOLEAN: string = lexer.TOKEN_BOOLEAN;
const TOKEN_NONE: string = lexer.TOKEN_NONE;
const TOKEN_LEFT_PAREN: string = lexer.TOKEN_LEFT_PAREN;
const TOKEN_LEFT_BRACKET: string = lexer.TOKEN_LEFT_BRACKET;
const TOKEN_LEFT_CURLY: string = lexer.TOKEN_LEFT_CURLY;
const TOKEN_RIGHT_PAREN: string = lexer.TOKEN_RIGHT_PAREN;
const TOKEN_RIGHT_BRACKET: string = lexer.TOKEN_RIGHT_BRACKET;
const TOKEN_RIGHT_CURLY: string = lexer.TOKEN_RIGHT_CURLY;

/** The nunjucks tokenizer's state this tokenizer drives (it hands it the characters no fast path below covers). */
interface InnerTokenizer {
  index: number;
  lineno: number;
  colno: number;
  in_code: boolean;
  nextToken(): NunjucksToken | null;
}

/** Every token has this one shape (one hidden class for the parser's property reads). */
function token(type: string, value: string, lineno: number, colno: number): NunjucksToken {
  return { type, value, lineno, colno };
}

/**
 * Scans a whole template once, left to right: text outside tags with one regular expression search per tag,
 * the inside of tags with sticky regular expressions and char-code checks. The read position is kept as an
 * index plus nunjucks' 0-based line/column (the position of every token; error messages report them 1-based).
 */
export class JinjaTokenizer {
  readonly tags: Record<string, string>;
  private readonly src: string;
  private readonly len: number;
  private readonly spec: LexerSpec;
  private readonly blockEnd: string;
  private readonly variableEnd: string;
  /** Read position: index, 0-based line and column. */
  private index = 0;
  private lineno = 0;
  private colno = 0;
  /** Index of the first "\n" at or after `index` (src.length when there is none; -1 when not known). */
  private nextNewline = -1;
  /** Up to two tokens found ahead of the read position (the text before a tag, and the tag start or raw text). */
  private pending: NunjucksToken | null = null;
  private pendingNext: NunjucksToken | null = null;
  private mode = Mode.Root;
  private lineStarting = true;
  /** Open brackets inside the current tag: Jinja2 only ends a tag when they are balanced. */
  private balance = 0;
  private finished = false;
  /** The nunjucks tokenizer, created on first use, and whether it believes it is inside a tag. */
  private inner: InnerTokenizer | null = null;
  private innerInCode = false;

  constructor(source: string, private readonly opts: LexerOptions) {
    let src = source.replace(/\r\n|\r/g, "\n");
    if (!opts.keepTrailingNewline && src.endsWith("\n")) src = src.slice(0, -1);
    this.src = src;
    this.len = src.length;
    const d = opts.delimiters;
    this.tags = {
      BLOCK_START: d.blockStart,
      BLOCK_END: d.blockEnd,
      VARIABLE_START: d.variableStart,
      VARIABLE_END: d.variableEnd,
      COMMENT_START: d.commentStart,
      COMMENT_END: d.commentEnd,
    };
    this.blockEnd = d.blockEnd;
    this.variableEnd = d.variableEnd;
    this.spec = lexerSpec(opts);
  }

  /** Advance to `index`, keeping nunjucks' 0-based line/column bookkeeping (what `forwardN` does, in O(newlines)). */
  private moveTo(index: number): void {
    const from = this.index;
    if (index <= from) return;
    const src = this.src;
    let nl = this.nextNewline;
    if (nl < from) nl = src.indexOf("\n", from);
    if (nl === -1) nl = this.len;
    if (index <= nl) {
      this.colno += index - from;
    } else {
      let last = nl;
      let lineno = this.lineno + 1;
      nl = src.indexOf("\n", nl + 1);
      while (nl !== -1 && nl < index) {
        lineno++;
        last = nl;
        nl = src.indexOf("\n", nl + 1);
      }
      this.lineno = lineno;
      this.colno = index - last - 1;
      if (nl === -1) nl = this.len;
    }
    this.nextNewline = nl;
    this.index = index;
  }

  /** Where nunjucks would end the tag itself (it checks its block/variable end, with or without `-`, first). */
  private atTagEnd(index: number): boolean {
    const { src, blockEnd, variableEnd } = this;
    const code = src.charCodeAt(index);
    if (code !== this.spec.blockEndCode && code !== this.spec.variableEndCode && code !== 45 && blockEnd && variableEnd) return false;
    return (
      src.startsWith(blockEnd, index) ||
      src.startsWith(variableEnd, index) ||
      (src[index] === "-" && (src.startsWith(blockEnd, index + 1) || src.startsWith(variableEnd, index + 1)))
    );
  }

  nextToken(): NunjucksToken | null {
    for (;;) {
      const pending = this.pending;
      if (pending) {
        this.pending = this.pendingNext;
        this.pendingNext = null;
        return pending;
      }
      if (this.finished) return null;
      if (this.mode === Mode.Root) this.lexRoot();
      else return this.lexCode(this.mode);
    }
  }

  /**
   * Apply Jinja2's `-` / `+` / lstrip_blocks rules to the text src[start, end) before a tag, returning the end
   * of what is kept.
   */
  private stripBefore(start: number, end: number, sign: string, kind: string): number {
    const src = this.src;
    if (sign === "-") return start + src.slice(start, end).replace(/\s+$/, "").length;
    if (sign !== "+" && this.opts.lstripBlocks && kind !== "variable") {
      // Strip the spaces and tabs that are all the tag's line holds before it.
      let j = end;
      for (let c = src.charCodeAt(j - 1); j > start && (c === 32 || c === 9); c = src.charCodeAt(--j - 1));
      if (j > start ? src.charCodeAt(j - 1) === 10 : this.lineStarting) return j;
    }
    return end;
  }

  private pushData(start: number, end: number, lineno: number, colno: number): void {
    if (end > start) this.queueToken(token(TOKEN_DATA, this.src.slice(start, end), lineno, colno));
  }

  private queueToken(tok: NunjucksToken): void {
    if (this.pending) this.pendingNext = tok;
    else this.pending = tok;
  }

  private lexRoot(): void {
    const { src, spec } = this;
    const start = this.index;
    if (start >= this.len) {
      this.finished = true;
      return;
    }
    const lineno = this.lineno;
    const colno = this.colno;
    const rootRe = spec.rootRe;
    rootRe.lastIndex = start;
    const m = rootRe.exec(src);
    if (!m) {
      this.pushData(start, this.len, lineno, colno);
      this.moveTo(this.len);
      this.finished = true;
      return;
    }
    // Which alternative matched: groups come in pairs (whole, sign).
    const kinds = spec.rootKinds;
    let kind = "";
    let sign = "";
    for (let i = 0; i < kinds.length; i++) {
      if (m[1 + i * 2] !== undefined) {
        kind = kinds[i]!;
        sign = m[2 + i * 2] ?? "";
        break;
      }
    }
    const tagStart = m.index;
    this.pushData(start, this.stripBefore(start, tagStart, sign, kind), lineno, colno);
    this.moveTo(tagStart);
    const tagLineno = this.lineno;
    const tagColno = this.colno;
    const tagEnd = tagStart + m[0].length;
    this.lineStarting = tagEnd > tagStart && src.charCodeAt(tagEnd - 1) === 10;
    switch (kind) {
      case "comment": {
        spec.commentEndRe.lastIndex = tagEnd;
        const end = spec.commentEndRe.exec(src);
        if (!end) throw new LexError("Missing end of comment tag", tagLineno, tagColno);
        this.moveTo(end.index + end[0].length);
        this.lineStarting = end[0].endsWith("\n");
        return;
      }
      case "raw": {
        spec.rawEndRe.lastIndex = tagEnd;
        const end = spec.rawEndRe.exec(src);
        if (!end) throw new LexError("Missing end of raw directive", tagLineno, tagColno);
        this.moveTo(tagEnd);
        this.pushData(tagEnd, this.stripBefore(tagEnd, end.index, end[1] ?? "", "block"), this.lineno, this.colno);
        this.moveTo(end.index + end[0].length);
        this.lineStarting = end[0].endsWith("\n");
        return;
      }
      case "linecomment": {
        // `## …` runs to the end of the line; the newline itself stays.
        const nl = src.indexOf("\n", tagEnd);
        this.moveTo(nl === -1 ? this.len : nl);
        this.lineStarting = false;
        return;
      }
      case "block":
      case "linestatement":
        this.queueToken(token(lexer.TOKEN_BLOCK_START, this.tags.BLOCK_START!, tagLineno, tagColno));
        this.moveTo(tagEnd);
        this.mode = kind === "block" ? Mode.Block : Mode.LineStatement;
        this.innerInCode = true;
        this.balance = 0;
        return;
      default:
        this.queueToken(token(lexer.TOKEN_VARIABLE_START, this.tags.VARIABLE_START!, tagLineno, tagColno));
        this.moveTo(tagEnd);
        this.mode = Mode.Variable;
        this.innerInCode = true;
        this.balance = 0;
    }
  }

  /** The tag end at the read position, if the tag ends there (only with balanced brackets). */
  private matchTagEnd(mode: Mode): RegExpExecArray | null {
    const index = this.index;
    let re: RegExp;
    if (mode === Mode.LineStatement) {
      re = LINE_STATEMENT_END;
    } else {
      // Each alternative of the end expressions starts with `-`, `+` (blocks) or the end delimiter.
      const code = this.src.charCodeAt(index);
      if (mode === Mode.Block) {
        const first = this.spec.blockEndCode;
        if (code !== first && code !== 45 && code !== 43 && first !== -1) return null;
        re = this.spec.blockEndRe;
      } else {
        const first = this.spec.variableEndCode;
        if (code !== first && code !== 45 && first !== -1) return null;
        re = this.spec.variableEndRe;
      }
    }
    re.lastIndex = index;
    return re.exec(this.src);
  }

  private lexCode(mode: Mode): NunjucksToken | null {
    const src = this.src;
    const spec = this.spec;
    let index: number;
    let code: number;
    for (;;) {
      index = this.index;
      // A line statement may end at the end of the template (Jinja2's `\s*(\n|$)`); other tags may not.
      if (index >= this.len && !(mode === Mode.LineStatement && this.balance === 0)) {
        throw new LexError(
          `unexpected end of template, expected '${mode === Mode.Block ? this.tags.BLOCK_END : this.tags.VARIABLE_END}'`,
          this.lineno,
          this.colno,
        );
      }
      code = src.charCodeAt(index);
      if (this.balance === 0 && (code === 45 || code === 43 || code === spec.blockEndCode || code === spec.variableEndCode || spec.oddEnds || mode === Mode.LineStatement)) {
        const end = this.matchTagEnd(mode);
        if (end) {
          const lineno = this.lineno;
          const colno = this.colno;
          this.moveTo(index + end[0].length);
          this.lineStarting = end[0].endsWith("\n");
          this.mode = Mode.Root;
          this.innerInCode = false;
          return mode !== Mode.Variable
            ? token(lexer.TOKEN_BLOCK_END, this.tags.BLOCK_END!, lineno, colno)
            : token(lexer.TOKEN_VARIABLE_END, this.tags.VARIABLE_END!, lineno, colno);
        }
      }
      // The nunjucks parser never asks for whitespace tokens: skip them here (and re-check for the tag end).
      if (code !== 32 && code !== 10 && code !== 9 && code !== 13 && code !== 160) break;
      WHITESPACE.lastIndex = index;
      WHITESPACE.test(src);
      this.moveTo(WHITESPACE.lastIndex);
    }
    const lineno = this.lineno;
    const colno = this.colno;
    /** Whether the tag may end here, as nunjucks sees it (see atTagEnd); only at the end delimiters' first chars. */
    const mayEndTag = code === 45 || code === spec.blockEndCode || code === spec.variableEndCode || spec.oddEnds;
    if (code === 39 || code === 34) {
      const re = code === 39 ? SINGLE_QUOTED : DOUBLE_QUOTED;
      re.lastIndex = index;
      if (!re.test(src)) throw new LexError("unexpected char " + JSON.stringify(src[index]), lineno, colno);
      const end = re.lastIndex;
      this.moveTo(end);
      const body = src.slice(index + 1, end - 1);
      return token(TOKEN_STRING, body.includes("\\") ? decodePythonEscapes(body) : body, lineno, colno);
    }
    if (code >= 48 && code <= 57 && src.charCodeAt(index - 1) !== 46) return this.lexNumber(index, lineno, colno);
    // Fast paths for the commonest code tokens, producing exactly what the nunjucks tokenizer would (it scans
    // character by character, which dominates lexing in a fresh process). Names and punctuation hold no newline,
    // so the column just moves on; one space after them is skipped right away (what the next call would do).
    if (((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95) && !(code === 114 && src.charCodeAt(index + 1) === 47) && !(mayEndTag && this.atTagEnd(index))) {
      // A name: nunjucks extracts up to the next whitespace or delimiter character.
      WORD.lastIndex = index;
      WORD.test(src);
      const end = WORD.lastIndex;
      const value = src.slice(index, end);
      const skip = src.charCodeAt(end) === 32 && spec.spaceSkippable && mode !== Mode.LineStatement ? 1 : 0;
      this.index = end + skip;
      this.colno = colno + (end - index) + skip;
      if (end - index <= 5) {
        if (value === "True" || value === "true") return token(TOKEN_BOOLEAN, "true", lineno, colno);
        if (value === "False" || value === "false") return token(TOKEN_BOOLEAN, "false", lineno, colno);
        if (value === "None" || value === "none") return token(TOKEN_NONE, "none", lineno, colno);
      }
      return token(TOKEN_SYMBOL, value, lineno, colno);
    }
    const single = SINGLE_CHAR_TOKENS[code];
    if (single !== undefined) {
      if (!(mayEndTag && this.atTagEnd(index))) {
        // Punctuation that never starts a two-character operator.
        const skip = src.charCodeAt(index + 1) === 32 && spec.spaceSkippable && mode !== Mode.LineStatement ? 1 : 0;
        this.index = index + 1 + skip;
        this.colno = colno + 1 + skip;
        if (single === TOKEN_LEFT_PAREN || single === TOKEN_LEFT_BRACKET || single === TOKEN_LEFT_CURLY) this.balance++;
        else if ((single === TOKEN_RIGHT_PAREN || single === TOKEN_RIGHT_BRACKET || single === TOKEN_RIGHT_CURLY) && this.balance > 0) this.balance--;
        return token(single, src[index]!, lineno, colno);
      }
    } else if ((code === 61 || code === 33 || code === 60 || code === 62 || code === 42 || code === 47) && this.innerInCode && !(mayEndTag && this.atTagEnd(index))) {
      // nunjucks' operators `= ! < > * /` and its two/three-character ones `== != <= >= // ** === !==` (what the
      // nunjucks tokenizer reads there while it is inside a tag).
      const next = src.charCodeAt(index + 1);
      let n = 1;
      if ((next === 61 && code !== 42 && code !== 47) || (next === code && (code === 42 || code === 47))) {
        n = next === 61 && (code === 61 || code === 33) && src.charCodeAt(index + 2) === 61 ? 3 : 2;
      }
      // At the end of the template nunjucks steps one character past a two-character operator (it appends the
      // empty "current character" and finds the same operator again); the error position reflects that.
      const step = n === 2 && index + 2 >= this.len ? 3 : n;
      this.index = index + step;
      this.colno = colno + step;
      return token(TOKEN_OPERATOR, src.slice(index, index + n), lineno, colno);
    }
    return this.lexWithNunjucks(mode);
  }

  /** Python int/float literals (`1_000`, `0x1f`, `1e3`); an integral float (`1.0`) is marked to stay a float. */
  private lexNumber(index: number, lineno: number, colno: number): NunjucksToken {
    const src = this.src;
    FLOAT_LITERAL.lastIndex = index;
    if (FLOAT_LITERAL.test(src)) {
      const end = FLOAT_LITERAL.lastIndex;
      this.moveTo(end);
      const value = Number(src.slice(index, end).replace(/_/g, ""));
      if (Number.isInteger(value)) return token(TOKEN_SYMBOL, FLOAT_SYMBOL_PREFIX + value, lineno, colno);
      return token(lexer.TOKEN_FLOAT, String(value), lineno, colno);
    }
    INT_LITERAL.lastIndex = index;
    INT_LITERAL.test(src);
    const end = INT_LITERAL.lastIndex;
    this.moveTo(end);
    const text = src.slice(index, end).replace(/_/g, "");
    const value = /^0[oO]/.test(text) ? parseInt(text.slice(2), 8) : /^0[bB]/.test(text) ? parseInt(text.slice(2), 2) : Number(text);
    return token(lexer.TOKEN_INT, String(value), lineno, colno);
  }

  /** Everything else (`==`, `<=`, `**`, `r/regex/`, tag ends inside brackets, …) as the nunjucks tokenizer reads it. */
  private lexWithNunjucks(mode: Mode): NunjucksToken | null {
    const d = this.opts.delimiters;
    const inner = (this.inner ??= lexer.lex(this.src, { tags: { ...d }, trimBlocks: false, lstripBlocks: false }) as InnerTokenizer);
    inner.index = this.index;
    inner.lineno = this.lineno;
    inner.colno = this.colno;
    inner.in_code = this.innerInCode;
    const tok = inner.nextToken();
    this.innerInCode = inner.in_code;
    this.lineno = inner.lineno;
    this.colno = inner.colno;
    this.index = inner.index;
    this.nextNewline = -1;
    if (!tok) return null;
    if (tok.type === lexer.TOKEN_WHITESPACE) return this.lexCode(mode);
    if (tok.type === TOKEN_LEFT_PAREN || tok.type === TOKEN_LEFT_BRACKET || tok.type === TOKEN_LEFT_CURLY) this.balance++;
    else if ((tok.type === TOKEN_RIGHT_PAREN || tok.type === TOKEN_RIGHT_BRACKET || tok.type === TOKEN_RIGHT_CURLY) && this.balance > 0) this.balance--;
    if (tok.type === TOKEN_SYMBOL) {
      if (tok.value === "True") return { ...tok, type: TOKEN_BOOLEAN, value: "true" };
      if (tok.value === "False") return { ...tok, type: TOKEN_BOOLEAN, value: "false" };
      if (tok.value === "None") return { ...tok, type: TOKEN_NONE, value: "none" };
    }
    if (tok.type === TOKEN_NONE && tok.value === "null") return { ...tok, type: TOKEN_SYMBOL };
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
