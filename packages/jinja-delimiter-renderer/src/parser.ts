/**
 * The nunjucks parser, extended to Jinja2's grammar: Python precedence of `+ - ~ * / // %`, `is` tests with
 * arguments, slices, tuples with trailing commas, `with` blocks, attribute lookups with integer names.
 */
import { JinjaTokenizer, type LexerOptions } from "./lexer.js";
import { NunjucksParser, lexer, nodes, transformer } from "./nunjucks-internals.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

/** `x[start:stop:step]` */
export const Slice = nodes.Node.extend("Slice", { fields: ["start", "stop", "step"] });
/** `{% with a = 1, b = 2 %}…{% endwith %}` */
export const With = nodes.Node.extend("With", { fields: ["targets", "body"] });

const MATH2: Record<string, Node> = { "*": nodes.Mul, "/": nodes.Div, "//": nodes.FloorDiv, "%": nodes.Mod };

export class JinjaParser extends NunjucksParser {
  parsePostfix(node: Node): Node {
    let tok = this.peekToken();
    while (tok) {
      if (tok.type === lexer.TOKEN_LEFT_PAREN) {
        node = new nodes.FunCall(node.lineno, node.colno, node, this.parseSignature());
      } else if (tok.type === lexer.TOKEN_LEFT_BRACKET) {
        this.nextToken();
        node = this.parseSubscript(tok, node);
      } else if (tok.type === lexer.TOKEN_OPERATOR && tok.value === ".") {
        this.nextToken();
        const val = this.nextToken();
        if (!val || (val.type !== lexer.TOKEN_SYMBOL && val.type !== lexer.TOKEN_INT)) {
          this.fail("expected name as lookup value, got " + (val ? val.value : "end of template"), tok.lineno, tok.colno);
        }
        const lookup = new nodes.LookupVal(node.lineno, node.colno, node, new nodes.Literal(val.lineno, val.colno, val.type === lexer.TOKEN_INT ? Number(val.value) : val.value));
        lookup.isAttr = true;
        node = lookup;
      } else {
        break;
      }
      tok = this.peekToken();
    }
    return node;
  }

  parseInlineIf(): Node {
    let node = this.parseOr();
    if (this.skipSymbol("if")) {
      const cond = this.parseOr();
      const body = node;
      node = new nodes.InlineIf(node.lineno, node.colno);
      node.body = body;
      node.cond = cond;
      node.else_ = this.skipSymbol("else") ? this.parseInlineIf() : null;
    }
    return node;
  }

  parseStatement(): Node {
    const tok = this.peekToken();
    if (tok && tok.type === lexer.TOKEN_SYMBOL && tok.value === "with" && !(this.breakOnBlocks ?? []).includes("with")) {
      return this.parseWith();
    }
    return super.parseStatement();
  }

  parseWith(): Node {
    const tag = this.nextToken();
    const targets: Array<[Node, Node]> = [];
    for (let t = this.peekToken(); t && t.type !== lexer.TOKEN_BLOCK_END; t = this.peekToken()) {
      if (targets.length && !this.skip(lexer.TOKEN_COMMA)) this.fail("expected ',' in with", t.lineno, t.colno);
      const name = this.parsePrimary(true);
      if (!(name instanceof nodes.Symbol)) this.fail("expected a name in with", name.lineno, name.colno);
      if (!this.skipValue(lexer.TOKEN_OPERATOR, "=")) this.fail("expected '=' in with", name.lineno, name.colno);
      targets.push([name, this.parseExpression()]);
    }
    this.advanceAfterBlockEnd("with");
    const body = this.parseUntilBlocks("endwith");
    this.advanceAfterBlockEnd();
    return new With(tag.lineno, tag.colno, targets, body);
  }

  /** Jinja2 precedence: `+ -` bind looser than `~`, which binds looser than `* / // %` (one level, left to right). */
  parseConcat(): Node {
    let node = this.parseTilde();
    for (;;) {
      const tok = this.peekToken();
      if (tok && tok.type === lexer.TOKEN_OPERATOR && (tok.value === "+" || tok.value === "-")) {
        this.nextToken();
        const right = this.parseTilde();
        node = new (tok.value === "+" ? nodes.Add : nodes.Sub)(node.lineno, node.colno, node, right);
      } else return node;
    }
  }

  parseTilde(): Node {
    let node = this.parseMath2();
    while (this.skipValue(lexer.TOKEN_TILDE, "~")) {
      const right = this.parseMath2();
      node = new nodes.Concat(node.lineno, node.colno, node, right);
    }
    return node;
  }

  parseMath2(): Node {
    const ops = MATH2;
    let node = this.parsePow();
    for (;;) {
      const tok = this.peekToken();
      if (tok && tok.type === lexer.TOKEN_OPERATOR && ops[tok.value]) {
        this.nextToken();
        const right = this.parsePow();
        node = new ops[tok.value](node.lineno, node.colno, node, right);
      } else return node;
    }
  }

  /** Jinja2 `parse_test`: `x is name`, `x is name(args)`, `x is name arg`, dotted names, `is not`. */
  parseIs(): Node {
    const node = this.parseCompare();
    if (!this.skipSymbol("is")) return node;
    const negated = this.skipSymbol("not");
    const tok = this.nextToken();
    if (!tok) this.fail("expected test name", node.lineno, node.colno);
    let name = "";
    if (tok.type === lexer.TOKEN_SYMBOL) name = tok.value;
    else if (tok.type === lexer.TOKEN_BOOLEAN) name = tok.value;
    else if (tok.type === lexer.TOKEN_NONE) name = "none";
    else this.fail(`expected test name, got '${tok.value}'`, tok.lineno, tok.colno);
    for (let t = this.peekToken(); t && t.type === lexer.TOKEN_OPERATOR && t.value === "."; t = this.peekToken()) {
      this.nextToken();
      name += "." + this.nextToken().value;
    }
    let args: Node = new nodes.NodeList(tok.lineno, tok.colno);
    const next = this.peekToken();
    if (next && next.type === lexer.TOKEN_LEFT_PAREN) {
      args = this.parseSignature();
    } else if (
      next &&
      [lexer.TOKEN_SYMBOL, lexer.TOKEN_STRING, lexer.TOKEN_INT, lexer.TOKEN_FLOAT, lexer.TOKEN_BOOLEAN, lexer.TOKEN_NONE, lexer.TOKEN_LEFT_BRACKET, lexer.TOKEN_LEFT_CURLY].includes(next.type) &&
      !(next.type === lexer.TOKEN_SYMBOL && ["else", "or", "and", "if", "is"].includes(next.value))
    ) {
      args.addChild(this.parsePostfix(this.parsePrimary(true)));
    }
    const test = new nodes.FunCall(tok.lineno, tok.colno, new nodes.Symbol(tok.lineno, tok.colno, name), args);
    let result: Node = new nodes.Is(node.lineno, node.colno, node, test);
    if (negated) result = new nodes.Not(node.lineno, node.colno, result);
    return result;
  }

  /** Like nunjucks, plus a trailing comma (`(1,)` is a one-element tuple, `[1,]` a list). */
  parseAggregate(): Node {
    const tok = this.nextToken();
    let node: Node;
    switch (tok.type) {
      case lexer.TOKEN_LEFT_PAREN:
        node = new nodes.Group(tok.lineno, tok.colno);
        break;
      case lexer.TOKEN_LEFT_BRACKET:
        node = new nodes.Array(tok.lineno, tok.colno);
        break;
      case lexer.TOKEN_LEFT_CURLY:
        node = new nodes.Dict(tok.lineno, tok.colno);
        break;
      default:
        return null;
    }
    for (;;) {
      const t = this.peekToken();
      if (!t) this.fail("unexpected end of template", tok.lineno, tok.colno);
      if (t.type === lexer.TOKEN_RIGHT_PAREN || t.type === lexer.TOKEN_RIGHT_BRACKET || t.type === lexer.TOKEN_RIGHT_CURLY) {
        this.nextToken();
        break;
      }
      if (node.children.length > 0) {
        if (!this.skip(lexer.TOKEN_COMMA)) this.fail("expected comma after expression", t.lineno, t.colno);
        const after = this.peekToken();
        if (after && (after.type === lexer.TOKEN_RIGHT_PAREN || after.type === lexer.TOKEN_RIGHT_BRACKET || after.type === lexer.TOKEN_RIGHT_CURLY)) {
          node.trailingComma = true;
          continue;
        }
      }
      if (node instanceof nodes.Dict) {
        const key = this.parseExpression();
        if (!this.skip(lexer.TOKEN_COLON)) this.fail("expected colon after dict key", tok.lineno, tok.colno);
        const value = this.parseExpression();
        node.addChild(new nodes.Pair(key.lineno, key.colno, key, value));
      } else {
        node.addChild(this.parseExpression());
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
      if (t.type === lexer.TOKEN_RIGHT_BRACKET) {
        this.nextToken();
        break;
      }
      if (t.type === lexer.TOKEN_COLON) {
        this.nextToken();
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
      return new nodes.LookupVal(target.lineno, target.colno, target, parts[0]);
    }
    const none = () => new nodes.Literal(open.lineno, open.colno, null);
    const slice = new Slice(open.lineno, open.colno, parts[0] ?? none(), parts[1] ?? none(), parts[2] ?? none());
    return new nodes.LookupVal(target.lineno, target.colno, target, slice);
  }
}

/** Parse template source to a nunjucks AST (with the Jinja2 extensions above). */
export function parseTemplate(source: string, options: LexerOptions): Node {
  const tokens = new JinjaTokenizer(source, options);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const parser = new (JinjaParser as any)(tokens);
  let ast = parser.parseAsRoot();
  // nunjucks' transformer lifts `super()` calls inside blocks; skip the extra AST walks when unused.
  if (source.includes("super")) ast = transformer.transform(ast, []);
  return ast;
}

