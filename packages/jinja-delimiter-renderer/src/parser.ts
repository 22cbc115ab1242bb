/**
 * The nunjucks parser, extended to Jinja2's grammar: Python precedence of `+ - ~ * / // %`, `is` tests with
 * arguments, slices, tuples with trailing commas, `with` blocks, attribute lookups with integer names.
 *
 * Templates are parsed once per process, so the parser mostly runs cold (in V8's interpreter). The methods a
 * template's expressions go through are therefore re-implemented here with the same grammar, the same AST and the
 * same errors as nunjucks 3.2.4's, but with fewer calls per token: lookahead reads `this.peeked` instead of
 * taking a token and pushing it back, and nodes are built directly on their nunjucks prototypes (the nunjucks
 * constructors copy `arguments` through a closure per field). The token stream never holds whitespace tokens
 * (the tokenizer skips them), which is what lets the token primitives below drop nunjucks' whitespace checks.
 */
import { JinjaTokenizer, type LexerOptions } from "./lexer.js";
import { NunjucksParser, lexer, nodes, transformer } from "./nunjucks-internals.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Token = any;

/** `x[start:stop:step]` */
export const Slice = nodes.Node.extend("Slice", { fields: ["start", "stop", "step"] });
/** `{% with a = 1, b = 2 %}…{% endwith %}` */
export const With = nodes.Node.extend("With", { fields: ["targets", "body"] });
/** `{% do expr %}` (jinja2.ext.do) */
export const Do = nodes.Node.extend("Do", { fields: ["expr"] });
/** `{% break %}` (jinja2.ext.loopcontrols) */
export const Break = nodes.Node.extend("Break", { fields: [] });
/** `{% continue %}` (jinja2.ext.loopcontrols) */
export const Continue = nodes.Node.extend("Continue", { fields: [] });

const TOKEN_SYMBOL: string = lexer.TOKEN_SYMBOL;
const TOKEN_OPERATOR: string = lexer.TOKEN_OPERATOR;
const TOKEN_STRING: string = lexer.TOKEN_STRING;
const TOKEN_INT: string = lexer.TOKEN_INT;
const TOKEN_FLOAT: string = lexer.TOKEN_FLOAT;
const TOKEN_BOOLEAN: string = lexer.TOKEN_BOOLEAN;
const TOKEN_NONE: string = lexer.TOKEN_NONE;
const TOKEN_REGEX: string = lexer.TOKEN_REGEX;
const TOKEN_LEFT_PAREN: string = lexer.TOKEN_LEFT_PAREN;
const TOKEN_RIGHT_PAREN: string = lexer.TOKEN_RIGHT_PAREN;
const TOKEN_LEFT_BRACKET: string = lexer.TOKEN_LEFT_BRACKET;
const TOKEN_RIGHT_BRACKET: string = lexer.TOKEN_RIGHT_BRACKET;
const TOKEN_LEFT_CURLY: string = lexer.TOKEN_LEFT_CURLY;
const TOKEN_RIGHT_CURLY: string = lexer.TOKEN_RIGHT_CURLY;
const TOKEN_COMMA: string = lexer.TOKEN_COMMA;
const TOKEN_COLON: string = lexer.TOKEN_COLON;
const TOKEN_TILDE: string = lexer.TOKEN_TILDE;
const TOKEN_PIPE: string = lexer.TOKEN_PIPE;
const TOKEN_DATA: string = lexer.TOKEN_DATA;
const TOKEN_BLOCK_START: string = lexer.TOKEN_BLOCK_START;
const TOKEN_BLOCK_END: string = lexer.TOKEN_BLOCK_END;
const TOKEN_VARIABLE_START: string = lexer.TOKEN_VARIABLE_START;
const TOKEN_VARIABLE_END: string = lexer.TOKEN_VARIABLE_END;
const TOKEN_COMMENT: string = lexer.TOKEN_COMMENT;

// Node builders: the object `new nodes.X(lineno, colno, ...fields)` makes (same prototype, own properties
// `lineno`, `colno`, then the class's fields in order, `undefined` stored as `null`), without the constructor chain.
const nul = (v: unknown) => (v === undefined ? null : v);
function valueNode(proto: object, lineno: number, colno: number, value: unknown): Node {
  const n = Object.create(proto);
  n.lineno = lineno;
  n.colno = colno;
  n.value = nul(value);
  return n;
}
function listNode(proto: object, lineno: number | undefined, colno: number | undefined, children?: Node[]): Node {
  const n = Object.create(proto);
  n.lineno = lineno;
  n.colno = colno;
  n.children = children || [];
  return n;
}
function binNode(proto: object, lineno: number, colno: number, left: Node, right: Node): Node {
  const n = Object.create(proto);
  n.lineno = lineno;
  n.colno = colno;
  n.left = nul(left);
  n.right = nul(right);
  return n;
}
function unaryNode(proto: object, lineno: number, colno: number, target: Node): Node {
  const n = Object.create(proto);
  n.lineno = lineno;
  n.colno = colno;
  n.target = nul(target);
  return n;
}
/** FunCall and Filter (`name`, `args`). */
function callNode(proto: object, lineno: number, colno: number, name: Node, args: Node): Node {
  const n = Object.create(proto);
  n.lineno = lineno;
  n.colno = colno;
  n.name = nul(name);
  n.args = nul(args);
  return n;
}
function lookupNode(lineno: number, colno: number, target: Node, val: Node): Node {
  const n = Object.create(LookupValProto);
  n.lineno = lineno;
  n.colno = colno;
  n.target = nul(target);
  n.val = nul(val);
  return n;
}
function pairNode(lineno: number, colno: number, key: Node, value: Node): Node {
  const n = Object.create(PairProto);
  n.lineno = lineno;
  n.colno = colno;
  n.key = nul(key);
  n.value = nul(value);
  return n;
}
/** If and InlineIf (`cond`, `body`, `else_`), filled in by the caller. */
function ifNode(proto: object, lineno: number, colno: number): Node {
  const n = Object.create(proto);
  n.lineno = lineno;
  n.colno = colno;
  n.cond = null;
  n.body = null;
  n.else_ = null;
  return n;
}

const LiteralProto: object = nodes.Literal.prototype;
const SymbolProto: object = nodes.Symbol.prototype;
const TemplateDataProto: object = nodes.TemplateData.prototype;
const NodeListProto: object = nodes.NodeList.prototype;
const RootProto: object = nodes.Root.prototype;
const OutputProto: object = nodes.Output.prototype;
const GroupProto: object = nodes.Group.prototype;
const ArrayProto: object = nodes.Array.prototype;
const DictProto: object = nodes.Dict.prototype;
const KeywordArgsProto: object = nodes.KeywordArgs.prototype;
const PairProto: object = nodes.Pair.prototype;
const LookupValProto: object = nodes.LookupVal.prototype;
const FunCallProto: object = nodes.FunCall.prototype;
const FilterProto: object = nodes.Filter.prototype;
const InlineIfProto: object = nodes.InlineIf.prototype;
const IfProto: object = nodes.If.prototype;
const ForProto: object = nodes.For.prototype;
const IncludeProto: object = nodes.Include.prototype;
const SetProto: object = nodes.Set.prototype;
const CompareOperandProto: object = nodes.CompareOperand.prototype;
const CompareProto: object = nodes.Compare.prototype;

const MATH2: Record<string, object> = { "*": nodes.Mul.prototype, "/": nodes.Div.prototype, "//": nodes.FloorDiv.prototype, "%": nodes.Mod.prototype };
Object.setPrototypeOf(MATH2, null);

/** nunjucks' comparison operators (`parseCompare` matches a token's value, whatever its type). */
const isCompareOp = (v: unknown): boolean =>
  v === "==" || v === "===" || v === "!=" || v === "!==" || v === "<" || v === ">" || v === "<=" || v === ">=";

/** Whether `tok`, after an operand, continues an expression with a binary operator of some level below `if`. */
function continuesExpression(tok: Token): boolean {
  const type = tok.type;
  const value = tok.value;
  if (type === TOKEN_OPERATOR) {
    if (value === "**" || value === "+" || value === "-" || MATH2[value]) return true;
  } else if (type === TOKEN_TILDE) {
    if (value === "~") return true;
  } else if (type === TOKEN_SYMBOL) {
    if (value === "is" || value === "not" || value === "in" || value === "and" || value === "or") return true;
  }
  return isCompareOp(value);
}

export class JinjaParser extends NunjucksParser {
  declare tokens: JinjaTokenizer;
  declare peeked: Token | null;
  declare breakOnBlocks: string[] | null;
  declare dropLeadingWhitespace: boolean;
  /** Tags of the enabled Jinja2 extensions (`do`, `break`, `continue`). */
  extensionTags: ReadonlySet<string> = new Set();

  // ---- token primitives (nunjucks semantics; the tokenizer never produces whitespace tokens) ----

  nextToken(): Token | null {
    const tok = this.peeked;
    if (tok) {
      this.peeked = null;
      return tok;
    }
    return this.tokens.nextToken();
  }

  peekToken(): Token | null {
    return this.peeked || (this.peeked = this.tokens.nextToken());
  }

  skip(type: string): boolean {
    const tok = this.peekToken();
    if (!tok || tok.type !== type) return false;
    this.peeked = null;
    return true;
  }

  skipValue(type: string, val: string): boolean {
    const tok = this.peekToken();
    if (!tok || tok.type !== type || tok.value !== val) return false;
    this.peeked = null;
    return true;
  }

  skipSymbol(val: string): boolean {
    const tok = this.peekToken();
    if (!tok || tok.type !== TOKEN_SYMBOL || tok.value !== val) return false;
    this.peeked = null;
    return true;
  }

  advanceAfterBlockEnd(name?: string): Token {
    if (!name) {
      const t = this.peekToken();
      if (!t) this.fail("unexpected end of file");
      if (t.type !== TOKEN_SYMBOL) this.fail("advanceAfterBlockEnd: expected symbol token or explicit name to be passed");
      name = this.nextToken().value;
    }
    const tok = this.nextToken();
    if (tok && tok.type === TOKEN_BLOCK_END) {
      if (tok.value.charAt(0) === "-") this.dropLeadingWhitespace = true;
    } else {
      this.fail("expected block end in " + name + " statement");
    }
    return tok;
  }

  advanceAfterVariableEnd(): void {
    const tok = this.nextToken();
    if (tok && tok.type === TOKEN_VARIABLE_END) {
      this.dropLeadingWhitespace = tok.value.charAt(tok.value.length - this.tokens.tags.VARIABLE_END!.length - 1) === "-";
    } else {
      this.pushToken(tok);
      this.fail("expected variable end");
    }
  }

  // ---- template structure ----

  parseNodes(): Node[] {
    const buf: Node[] = [];
    const tags = this.tokens.tags;
    const tokens = this.tokens;
    for (;;) {
      let tok = this.peeked;
      if (tok) this.peeked = null;
      else if (!(tok = tokens.nextToken())) break;
      const type = tok.type;
      if (type === TOKEN_DATA) {
        let data = tok.value;
        const next = this.peeked || (this.peeked = tokens.nextToken());
        const nextVal = next && next.value;
        // Whitespace control of nunjucks' own `-` delimiters (never produced with Jinja2 delimiters, which the
        // tokenizer already trims).
        if (this.dropLeadingWhitespace) {
          data = data.replace(/^\s*/, "");
          this.dropLeadingWhitespace = false;
        }
        if (
          next &&
          ((next.type === TOKEN_BLOCK_START && nextVal.charAt(nextVal.length - 1) === "-") ||
            (next.type === TOKEN_VARIABLE_START && nextVal.charAt(tags.VARIABLE_START!.length) === "-") ||
            (next.type === TOKEN_COMMENT && nextVal.charAt(tags.COMMENT_START!.length) === "-"))
        ) {
          data = data.replace(/\s*$/, "");
        }
        buf.push(listNode(OutputProto, tok.lineno, tok.colno, [valueNode(TemplateDataProto, tok.lineno, tok.colno, data)]));
      } else if (type === TOKEN_BLOCK_START) {
        this.dropLeadingWhitespace = false;
        const n = this.parseStatement();
        if (!n) break;
        buf.push(n);
      } else if (type === TOKEN_VARIABLE_START) {
        const e = this.parseExpression();
        this.dropLeadingWhitespace = false;
        this.advanceAfterVariableEnd();
        buf.push(listNode(OutputProto, tok.lineno, tok.colno, [e]));
      } else if (type === TOKEN_COMMENT) {
        this.dropLeadingWhitespace = tok.value.charAt(tok.value.length - tags.COMMENT_END!.length - 1) === "-";
      } else {
        this.fail("Unexpected token at top-level: " + type, tok.lineno, tok.colno);
      }
    }
    return buf;
  }

  parse(): Node {
    return listNode(NodeListProto, 0, 0, this.parseNodes());
  }

  parseAsRoot(): Node {
    return listNode(RootProto, 0, 0, this.parseNodes());
  }

  parseUntilBlocks(...blockNames: string[]): Node {
    const prev = this.breakOnBlocks;
    this.breakOnBlocks = blockNames;
    const ret = this.parse();
    this.breakOnBlocks = prev;
    return ret;
  }

  parseStatement(): Node {
    const tok = this.peekToken();
    if (tok.type !== TOKEN_SYMBOL) this.fail("tag name expected", tok.lineno, tok.colno);
    const breakOn = this.breakOnBlocks;
    const value = tok.value;
    if (value === "with" && !(breakOn ?? []).includes("with")) return this.parseWith();
    if (breakOn && breakOn.indexOf(value) !== -1) return null;
    switch (value) {
      case "if":
        return this.parseIf();
      case "for":
        return this.parseFor();
      case "set":
        return this.parseSet();
      case "include":
        return this.parseInclude();
      case "filter":
        return this.parseFilterStatement();
      case "do":
      case "break":
      case "continue":
        if (this.extensionTags.has(value)) return this.parseExtensionTag(value);
        return this.fail(`Encountered unknown tag '${value}'. Jinja2 needs the ${value === "do" ? "jinja2.ext.do" : "jinja2.ext.loopcontrols"} extension for it.`, tok.lineno, tok.colno);
      default:
        return super.parseStatement();
    }
  }

  /** `do expr`, `break`, `continue`. */
  parseExtensionTag(tag: string): Node {
    const tok = this.nextToken();
    if (tag === "do") {
      const expr = this.parseExpression();
      this.advanceAfterBlockEnd(tag);
      return new Do(tok.lineno, tok.colno, expr);
    }
    this.advanceAfterBlockEnd(tag);
    return new (tag === "break" ? Break : Continue)(tok.lineno, tok.colno);
  }

  parseIf(): Node {
    const tag = this.peekToken();
    let node: Node;
    if (this.skipSymbol("if") || this.skipSymbol("elif") || this.skipSymbol("elseif")) {
      node = ifNode(IfProto, tag.lineno, tag.colno);
    } else if (this.skipSymbol("ifAsync")) {
      node = new nodes.IfAsync(tag.lineno, tag.colno);
    } else {
      this.fail("parseIf: expected if, elif, or elseif", tag.lineno, tag.colno);
    }
    node.cond = this.parseExpression();
    this.advanceAfterBlockEnd(tag.value);
    node.body = this.parseUntilBlocks("elif", "elseif", "else", "endif");
    const tok = this.peekToken();
    switch (tok && tok.value) {
      case "elseif":
      case "elif":
        node.else_ = this.parseIf();
        break;
      case "else":
        this.advanceAfterBlockEnd();
        node.else_ = this.parseUntilBlocks("endif");
        this.advanceAfterBlockEnd();
        break;
      case "endif":
        node.else_ = null;
        this.advanceAfterBlockEnd();
        break;
      default:
        this.fail("parseIf: expected elif, else, or endif, got end of file");
    }
    return node;
  }

  parseFor(): Node {
    const forTok = this.peekToken();
    let node: Node;
    let endBlock: string;
    if (this.skipSymbol("for")) {
      node = Object.create(ForProto);
      node.lineno = forTok.lineno;
      node.colno = forTok.colno;
      node.arr = null;
      node.name = null;
      node.body = null;
      node.else_ = null;
      endBlock = "endfor";
    } else if (this.skipSymbol("asyncEach")) {
      node = new nodes.AsyncEach(forTok.lineno, forTok.colno);
      endBlock = "endeach";
    } else if (this.skipSymbol("asyncAll")) {
      node = new nodes.AsyncAll(forTok.lineno, forTok.colno);
      endBlock = "endall";
    } else {
      this.fail("parseFor: expected for{Async}", forTok.lineno, forTok.colno);
    }
    node.name = this.parsePrimary();
    if (!(node.name instanceof nodes.Symbol)) this.fail("parseFor: variable name expected for loop");
    if (this.peekToken().type === TOKEN_COMMA) {
      // key/value iteration
      const key = node.name;
      node.name = listNode(ArrayProto, key.lineno, key.colno, [key]);
      while (this.skip(TOKEN_COMMA)) node.name.children.push(this.parsePrimary());
    }
    if (!this.skipSymbol("in")) this.fail('parseFor: expected "in" keyword for loop', forTok.lineno, forTok.colno);
    node.arr = this.parseExpression();
    // Jinja2: `for x in items [if cond] recursive` lets the body call `loop(children)`.
    if (this.skipSymbol("recursive")) node.recursive = true;
    this.advanceAfterBlockEnd(forTok.value);
    node.body = this.parseUntilBlocks(endBlock!, "else");
    if (this.skipSymbol("else")) {
      this.advanceAfterBlockEnd("else");
      node.else_ = this.parseUntilBlocks(endBlock!);
    }
    this.advanceAfterBlockEnd();
    return node;
  }

  parseInclude(): Node {
    const tag = this.peekToken();
    if (!this.skipSymbol("include")) this.fail("parseInclude: expected include");
    const node = Object.create(IncludeProto);
    node.lineno = tag.lineno;
    node.colno = tag.colno;
    node.template = null;
    node.ignoreMissing = null;
    node.template = this.parseExpression();
    if (this.skipSymbol("ignore") && this.skipSymbol("missing")) node.ignoreMissing = true;
    this.advanceAfterBlockEnd(tag.value);
    return node;
  }

  parseSet(): Node {
    const tag = this.peekToken();
    if (!this.skipSymbol("set")) this.fail("parseSet: expected set", tag.lineno, tag.colno);
    const node = Object.create(SetProto);
    node.lineno = tag.lineno;
    node.colno = tag.colno;
    node.targets = [];
    node.value = null;
    for (let target = this.parsePrimary(); target; target = this.parsePrimary()) {
      node.targets.push(target);
      if (!this.skip(TOKEN_COMMA)) break;
    }
    if (!this.skipValue(TOKEN_OPERATOR, "=")) {
      if (!this.skip(TOKEN_BLOCK_END)) {
        this.fail("parseSet: expected = or block end in set tag", tag.lineno, tag.colno);
      } else {
        node.body = new nodes.Capture(tag.lineno, tag.colno, this.parseUntilBlocks("endset"));
        node.value = null;
        this.advanceAfterBlockEnd();
      }
    } else {
      node.value = this.parseExpression();
      this.advanceAfterBlockEnd(tag.value);
    }
    return node;
  }

  parseFilterStatement(): Node {
    const filterTok = this.peekToken();
    if (!this.skipSymbol("filter")) this.fail("parseFilterStatement: expected filter");
    const name = this.parseFilterName();
    const args = this.parseFilterArgs(name);
    this.advanceAfterBlockEnd(filterTok.value);
    const body = new nodes.Capture(name.lineno, name.colno, this.parseUntilBlocks("endfilter"));
    this.advanceAfterBlockEnd();
    const node = callNode(FilterProto, name.lineno, name.colno, name, listNode(NodeListProto, name.lineno, name.colno, [body].concat(args)));
    return listNode(OutputProto, name.lineno, name.colno, [node]);
  }

  parseWith(): Node {
    const tag = this.nextToken();
    const targets: Array<[Node, Node]> = [];
    for (let t = this.peekToken(); t && t.type !== TOKEN_BLOCK_END; t = this.peekToken()) {
      if (targets.length && !this.skip(TOKEN_COMMA)) this.fail("expected ',' in with", t.lineno, t.colno);
      const name = this.parsePrimary(true);
      if (!(name instanceof nodes.Symbol)) this.fail("expected a name in with", name.lineno, name.colno);
      if (!this.skipValue(TOKEN_OPERATOR, "=")) this.fail("expected '=' in with", name.lineno, name.colno);
      targets.push([name, this.parseExpression()]);
    }
    this.advanceAfterBlockEnd("with");
    const body = this.parseUntilBlocks("endwith");
    this.advanceAfterBlockEnd();
    return new With(tag.lineno, tag.colno, targets, body);
  }

  // ---- expressions, loosest binding first ----

  parseExpression(): Node {
    return this.parseInlineIf();
  }

  parseInlineIf(): Node {
    let node = this.parseOrFast();
    const tok = this.peeked || (this.peeked = this.tokens.nextToken());
    if (tok && tok.type === TOKEN_SYMBOL && tok.value === "if") {
      this.peeked = null;
      const cond = this.parseOrFast();
      const body = node;
      node = ifNode(InlineIfProto, node.lineno, node.colno);
      node.body = body;
      node.cond = cond;
      node.else_ = this.skipSymbol("else") ? this.parseInlineIf() : null;
    }
    return node;
  }

  /**
   * `parseOr()`, without descending through every precedence level for an operand no operator follows (the
   * common case: a name, a literal, a filtered value). Unless the expression starts with `not`, the first thing
   * the levels below `or` do is `parseUnary()`; when the token after it is no binary operator of any level, each
   * level would return that operand unchanged. Otherwise the levels run with it as their left operand.
   */
  parseOrFast(): Node {
    const first = this.peeked || (this.peeked = this.tokens.nextToken());
    if (!first || (first.type === TOKEN_SYMBOL && first.value === "not")) return this.parseOr();
    let operand: Node;
    const type = first.type;
    if (type === TOKEN_SYMBOL || type === TOKEN_STRING) {
      // parseUnary() → parsePrimary() → parsePostfix() → parseFilter() for a name or a string, with the calls
      // that would find nothing to do left out.
      this.peeked = null;
      operand = valueNode(type === TOKEN_SYMBOL ? SymbolProto : LiteralProto, first.lineno, first.colno, first.value);
      let next = (this.peeked = this.tokens.nextToken());
      if (next && (next.type === TOKEN_LEFT_PAREN || next.type === TOKEN_LEFT_BRACKET || (next.type === TOKEN_OPERATOR && next.value === "."))) {
        operand = this.parsePostfix(operand);
        next = this.peeked || (this.peeked = this.tokens.nextToken());
      }
      if (next && next.type === TOKEN_PIPE) operand = this.parseFilter(operand);
    } else {
      operand = this.parseUnary();
    }
    const next = this.peeked || (this.peeked = this.tokens.nextToken());
    return next && continuesExpression(next) ? this.parseOr(operand) : operand;
  }

  // Each level below takes an optional left operand already parsed by the level under it (see parseOrFast).

  parseOr(left?: Node): Node {
    let node = this.parseAnd(left);
    while (this.skipSymbol("or")) node = binNode(nodes.Or.prototype, node.lineno, node.colno, node, this.parseAnd());
    return node;
  }

  parseAnd(left?: Node): Node {
    let node = this.parseNot(left);
    while (this.skipSymbol("and")) node = binNode(nodes.And.prototype, node.lineno, node.colno, node, this.parseNot());
    return node;
  }

  parseNot(left?: Node): Node {
    if (left) return this.parseIn(left);
    const tok = this.peekToken();
    if (this.skipSymbol("not")) return unaryNode(nodes.Not.prototype, tok.lineno, tok.colno, this.parseNot());
    return this.parseIn();
  }

  /** nunjucks' `in` / `not in` loop, including its error when `not` is followed by anything but `in`. */
  parseIn(left?: Node): Node {
    let node = this.parseIs(left);
    for (;;) {
      const tok = this.peekToken();
      if (!tok) break;
      if (tok.type !== TOKEN_SYMBOL || (tok.value !== "not" && tok.value !== "in")) break;
      this.peeked = null;
      const invert = tok.value === "not";
      if (invert) {
        const next = this.nextToken();
        if (!next || next.type !== TOKEN_SYMBOL || next.value !== "in") {
          this.peeked = next;
          this.pushToken(tok);
          break;
        }
      }
      node = binNode(nodes.In.prototype, node.lineno, node.colno, node, this.parseIs());
      if (invert) node = unaryNode(nodes.Not.prototype, node.lineno, node.colno, node);
    }
    return node;
  }

  /** Jinja2 `parse_test`: `x is name`, `x is name(args)`, `x is name arg`, dotted names, `is not`. */
  parseIs(left?: Node): Node {
    const node = this.parseCompare(left);
    if (!this.skipSymbol("is")) return node;
    const negated = this.skipSymbol("not");
    const tok = this.nextToken();
    if (!tok) this.fail("expected test name", node.lineno, node.colno);
    let name = "";
    if (tok.type === TOKEN_SYMBOL) name = tok.value;
    else if (tok.type === TOKEN_BOOLEAN) name = tok.value;
    else if (tok.type === TOKEN_NONE) name = "none";
    else this.fail(`expected test name, got '${tok.value}'`, tok.lineno, tok.colno);
    for (let t = this.peekToken(); t && t.type === TOKEN_OPERATOR && t.value === "."; t = this.peekToken()) {
      this.nextToken();
      name += "." + this.nextToken().value;
    }
    let args: Node = listNode(NodeListProto, tok.lineno, tok.colno);
    const next = this.peekToken();
    if (next && next.type === TOKEN_LEFT_PAREN) {
      args = this.parseSignature();
    } else if (
      next &&
      (next.type === TOKEN_SYMBOL ||
        next.type === TOKEN_STRING ||
        next.type === TOKEN_INT ||
        next.type === TOKEN_FLOAT ||
        next.type === TOKEN_BOOLEAN ||
        next.type === TOKEN_NONE ||
        next.type === TOKEN_LEFT_BRACKET ||
        next.type === TOKEN_LEFT_CURLY) &&
      !(next.type === TOKEN_SYMBOL && (next.value === "else" || next.value === "or" || next.value === "and" || next.value === "if" || next.value === "is"))
    ) {
      args.addChild(this.parsePostfix(this.parsePrimary(true)));
    }
    const test = callNode(FunCallProto, tok.lineno, tok.colno, valueNode(SymbolProto, tok.lineno, tok.colno, name), args);
    let result: Node = binNode(nodes.Is.prototype, node.lineno, node.colno, node, test);
    if (negated) result = unaryNode(nodes.Not.prototype, node.lineno, node.colno, result);
    return result;
  }

  parseCompare(left?: Node): Node {
    const expr = this.parseConcat(left);
    let ops: Node[] | null = null;
    for (;;) {
      const tok = this.peekToken();
      if (!tok || !isCompareOp(tok.value)) break;
      this.peeked = null;
      const operand = Object.create(CompareOperandProto);
      operand.lineno = tok.lineno;
      operand.colno = tok.colno;
      operand.expr = nul(this.parseConcat());
      operand.type = tok.value;
      (ops ??= []).push(operand);
    }
    if (!ops) return expr;
    const node = Object.create(CompareProto);
    node.lineno = ops[0].lineno;
    node.colno = ops[0].colno;
    node.expr = nul(expr);
    node.ops = ops;
    return node;
  }

  /** Jinja2 precedence: `+ -` bind looser than `~`, which binds looser than `* / // %` (one level, left to right). */
  parseConcat(left?: Node): Node {
    let node = this.parseTilde(left);
    for (;;) {
      const tok = this.peekToken();
      if (tok && tok.type === TOKEN_OPERATOR && (tok.value === "+" || tok.value === "-")) {
        this.peeked = null;
        node = binNode(tok.value === "+" ? nodes.Add.prototype : nodes.Sub.prototype, node.lineno, node.colno, node, this.parseTilde());
      } else return node;
    }
  }

  parseTilde(left?: Node): Node {
    let node = this.parseMath2(left);
    while (this.skipValue(TOKEN_TILDE, "~")) node = binNode(nodes.Concat.prototype, node.lineno, node.colno, node, this.parseMath2());
    return node;
  }

  parseMath2(left?: Node): Node {
    let node = this.parsePow(left);
    for (;;) {
      const tok = this.peekToken();
      const proto = tok && tok.type === TOKEN_OPERATOR ? MATH2[tok.value] : undefined;
      if (!proto) return node;
      this.peeked = null;
      node = binNode(proto, node.lineno, node.colno, node, this.parsePow());
    }
  }

  parsePow(left?: Node): Node {
    let node = left ?? this.parseUnary();
    while (this.skipValue(TOKEN_OPERATOR, "**")) node = binNode(nodes.Pow.prototype, node.lineno, node.colno, node, this.parseUnary());
    return node;
  }

  parseUnary(noFilters?: boolean): Node {
    const tok = this.peekToken();
    let node: Node;
    if (tok && tok.type === TOKEN_OPERATOR && tok.value === "-") {
      this.peeked = null;
      node = unaryNode(nodes.Neg.prototype, tok.lineno, tok.colno, this.parseUnary(true));
    } else if (tok && tok.type === TOKEN_OPERATOR && tok.value === "+") {
      this.peeked = null;
      node = unaryNode(nodes.Pos.prototype, tok.lineno, tok.colno, this.parseUnary(true));
    } else {
      node = this.parsePrimary();
    }
    return noFilters ? node : this.parseFilter(node);
  }

  parsePrimary(noPostfix?: boolean): Node {
    const tok = this.nextToken();
    let val: unknown;
    let node: Node = null;
    if (!tok) {
      this.fail("expected expression, got end of file");
    }
    const type = tok.type;
    if (type === TOKEN_SYMBOL) {
      node = valueNode(SymbolProto, tok.lineno, tok.colno, tok.value);
    } else {
      if (type === TOKEN_STRING) val = tok.value;
      else if (type === TOKEN_INT) val = parseInt(tok.value, 10);
      else if (type === TOKEN_FLOAT) val = parseFloat(tok.value);
      else if (type === TOKEN_BOOLEAN) {
        if (tok.value === "true") val = true;
        else if (tok.value === "false") val = false;
        else this.fail("invalid boolean: " + tok.value, tok.lineno, tok.colno);
      } else if (type === TOKEN_NONE) val = null;
      else if (type === TOKEN_REGEX) val = new RegExp(tok.value.body, tok.value.flags);
      if (val !== undefined) {
        node = valueNode(LiteralProto, tok.lineno, tok.colno, val);
      } else {
        // An aggregate: put the opening token back.
        this.pushToken(tok);
        node = this.parseAggregate();
      }
    }
    if (!noPostfix) node = this.parsePostfix(node);
    if (node) return node;
    throw this.error("unexpected token: " + tok.value, tok.lineno, tok.colno);
  }

  parsePostfix(node: Node): Node {
    let tok = this.peeked || (this.peeked = this.tokens.nextToken());
    while (tok) {
      if (tok.type === TOKEN_LEFT_PAREN) {
        node = callNode(FunCallProto, node.lineno, node.colno, node, this.parseSignature());
      } else if (tok.type === TOKEN_LEFT_BRACKET) {
        this.peeked = null;
        node = this.parseSubscript(tok, node);
      } else if (tok.type === TOKEN_OPERATOR && tok.value === ".") {
        this.peeked = null;
        const val = this.nextToken();
        if (!val || (val.type !== TOKEN_SYMBOL && val.type !== TOKEN_INT)) {
          this.fail("expected name as lookup value, got " + (val ? val.value : "end of template"), tok.lineno, tok.colno);
        }
        const lookup = lookupNode(node.lineno, node.colno, node, valueNode(LiteralProto, val.lineno, val.colno, val.type === TOKEN_INT ? Number(val.value) : val.value));
        lookup.isAttr = true;
        node = lookup;
      } else {
        break;
      }
      tok = this.peeked || (this.peeked = this.tokens.nextToken());
    }
    return node;
  }

  parseFilterName(): Node {
    const tok = this.expect(TOKEN_SYMBOL);
    let name = tok.value;
    while (this.skipValue(TOKEN_OPERATOR, ".")) name += "." + this.expect(TOKEN_SYMBOL).value;
    return valueNode(SymbolProto, tok.lineno, tok.colno, name);
  }

  parseFilterArgs(node: Node): Node[] {
    if (this.peekToken().type === TOKEN_LEFT_PAREN) return this.parsePostfix(node).args.children;
    return [];
  }

  parseFilter(node: Node): Node {
    while (this.skip(TOKEN_PIPE)) {
      const name = this.parseFilterName();
      node = callNode(FilterProto, name.lineno, name.colno, name, listNode(NodeListProto, name.lineno, name.colno, [node].concat(this.parseFilterArgs(node))));
    }
    return node;
  }

  parseSignature(tolerant?: boolean, noParens?: boolean): Node {
    let tok = this.peekToken();
    if (!noParens && tok.type !== TOKEN_LEFT_PAREN) {
      if (tolerant) return null;
      this.fail("expected arguments", tok.lineno, tok.colno);
    }
    if (tok.type === TOKEN_LEFT_PAREN) tok = this.nextToken();
    const args = listNode(NodeListProto, tok.lineno, tok.colno);
    const kwargs = listNode(KeywordArgsProto, tok.lineno, tok.colno);
    let checkComma = false;
    for (;;) {
      tok = this.peekToken();
      if (!noParens && tok.type === TOKEN_RIGHT_PAREN) {
        this.peeked = null;
        break;
      } else if (noParens && tok.type === TOKEN_BLOCK_END) {
        break;
      }
      if (checkComma && !this.skip(TOKEN_COMMA)) {
        this.fail("parseSignature: expected comma after expression", tok.lineno, tok.colno);
      } else {
        const arg = this.parseExpression();
        if (this.skipValue(TOKEN_OPERATOR, "=")) kwargs.children.push(pairNode(arg.lineno, arg.colno, arg, this.parseExpression()));
        else args.children.push(arg);
      }
      checkComma = true;
    }
    if (kwargs.children.length) args.children.push(kwargs);
    return args;
  }

  /** Like nunjucks, plus a trailing comma (`(1,)` is a one-element tuple, `[1,]` a list). */
  parseAggregate(): Node {
    const tok = this.nextToken();
    let node: Node;
    switch (tok.type) {
      case TOKEN_LEFT_PAREN:
        node = listNode(GroupProto, tok.lineno, tok.colno);
        break;
      case TOKEN_LEFT_BRACKET:
        node = listNode(ArrayProto, tok.lineno, tok.colno);
        break;
      case TOKEN_LEFT_CURLY:
        node = listNode(DictProto, tok.lineno, tok.colno);
        break;
      default:
        return null;
    }
    const isDict = tok.type === TOKEN_LEFT_CURLY;
    for (;;) {
      const t = this.peekToken();
      if (!t) this.fail("unexpected end of template", tok.lineno, tok.colno);
      if (t.type === TOKEN_RIGHT_PAREN || t.type === TOKEN_RIGHT_BRACKET || t.type === TOKEN_RIGHT_CURLY) {
        this.peeked = null;
        break;
      }
      if (node.children.length > 0) {
        if (!this.skip(TOKEN_COMMA)) this.fail("expected comma after expression", t.lineno, t.colno);
        const after = this.peekToken();
        if (after && (after.type === TOKEN_RIGHT_PAREN || after.type === TOKEN_RIGHT_BRACKET || after.type === TOKEN_RIGHT_CURLY)) {
          node.trailingComma = true;
          continue;
        }
      }
      if (isDict) {
        const key = this.parseExpression();
        if (!this.skip(TOKEN_COLON)) this.fail("expected colon after dict key", tok.lineno, tok.colno);
        const value = this.parseExpression();
        node.children.push(pairNode(key.lineno, key.colno, key, value));
      } else {
        node.children.push(this.parseExpression());
      }
    }
    return node;
  }

  parseSubscript(open: Node, target: Node): Node {
    const parts: Array<Node | null> = [null, null, null];
    let isSlice = false;
    let i = 0;
    for (;;) {
      const t = this.peekToken();
      if (!t) this.fail("unexpected end of template in subscript", open.lineno, open.colno);
      if (t.type === TOKEN_RIGHT_BRACKET) {
        this.peeked = null;
        break;
      }
      if (t.type === TOKEN_COLON) {
        this.peeked = null;
        isSlice = true;
        i++;
        if (i > 2) this.fail("invalid slice", t.lineno, t.colno);
        continue;
      }
      if (parts[i]) this.fail("expected ']' in subscript", t.lineno, t.colno);
      parts[i] = this.parseExpression();
    }
    if (!isSlice) {
      if (!parts[0]) this.fail("expected subscript expression", open.lineno, open.colno);
      return lookupNode(target.lineno, target.colno, target, parts[0]);
    }
    const none = () => valueNode(LiteralProto, open.lineno, open.colno, null);
    const slice = new Slice(open.lineno, open.colno, parts[0] ?? none(), parts[1] ?? none(), parts[2] ?? none());
    return lookupNode(target.lineno, target.colno, target, slice);
  }
}

const NO_TAGS: ReadonlySet<string> = new Set();

/**
 * Parse template source to a nunjucks AST (with the Jinja2 grammar above). `extensionTags`: the tags of enabled
 * Jinja2 extensions (`do`; `break`, `continue`).
 */
export function parseTemplate(source: string, options: LexerOptions, extensionTags: ReadonlySet<string> = NO_TAGS): Node {
  const tokens = new JinjaTokenizer(source, options);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const parser = new (JinjaParser as any)(tokens);
  parser.extensionTags = extensionTags;
  let ast = parser.parseAsRoot();
  // nunjucks' transformer lifts `super()` calls inside blocks; skip the extra AST walks when unused.
  if (source.includes("super")) ast = transformer.transform(ast, []);
  return ast;
}
