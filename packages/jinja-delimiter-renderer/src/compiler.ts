/**
 * Parser and compiler subclasses turning nunjucks into a Jinja2 evaluator: Python operators, truthiness and
 * comparisons, `x[1:]` slices, attribute-vs-item lookups, tuples, computed dict keys, `for … if …` loop filters,
 * Jinja2 scoping of `set`, and positions on every runtime error. The generated code calls the per-environment
 * runtime in `runtime.ts` (bound as `runtime` at the top of every compiled function).
 */
import { FLOAT_SYMBOL_PREFIX, JinjaTokenizer, type LexerOptions } from "./lexer.js";
import { NunjucksCompiler, NunjucksParser, lexer, nodes, transformer } from "./nunjucks-internals.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CFrame = any;

/** `x[start:stop:step]` */
const Slice = nodes.Node.extend("Slice", { fields: ["start", "stop", "step"] });
/** `{% with a = 1, b = 2 %}…{% endwith %}` */
const With = nodes.Node.extend("With", { fields: ["targets", "body"] });

const MATH2: Record<string, Node> = { "*": nodes.Mul, "/": nodes.Div, "//": nodes.FloorDiv, "%": nodes.Mod };

class JinjaParser extends NunjucksParser {
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

export interface CompileOptions extends LexerOptions {
  /** Names of known filters and tests; unknown ones fail at compile time like Jinja2. */
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
}

const POSITIONED = new Set(["Symbol", "LookupVal", "Filter", "Is", "Compare", "In"]);
const BINOPS: Record<string, string> = {
  Add: "+", Sub: "-", Mul: "*", Div: "/", FloorDiv: "//", Mod: "%", Pow: "**",
};

class JinjaCompiler extends NunjucksCompiler {
  declare options: CompileOptions;

  compile(node: Node, frame: CFrame): void {
    if (node && POSITIONED.has(node.typename) && this.buffer) {
      this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, `);
      super.compile(node, frame);
      this._emit(")");
      return;
    }
    super.compile(node, frame);
  }

  /**
   * nunjucks' function prologue, with the function in parentheses: V8 then compiles it while parsing the module
   * instead of pre-parsing it and parsing it again on the first render (every root function is rendered).
   */
  _emitFuncBegin(node: Node, name: string): void {
    this.buffer = "output";
    this._scopeClosers = "";
    this._emitLine(`var ${name} = (function ${name}(env, context, frame, runtime, cb) {`);
    this._emitLine(`var lineno = ${node.lineno};`);
    this._emitLine(`var colno = ${node.colno};`);
    this._emitLine(`var ${this.buffer} = "";`);
    this._emitLine("try {");
    this._emitLine("runtime = env.jdr;");
  }

  _emitFuncEnd(noReturn: boolean): void {
    if (!noReturn) this._emitLine("cb(null, " + this.buffer + ");");
    this._closeScopeLevels();
    this._emitLine("} catch (e) {");
    this._emitLine(`  cb(runtime.handleError(e, lineno, colno, ${this._templateName()}));`);
    this._emitLine("}");
    this._emitLine("});");
    this.buffer = null;
  }

  assertType(node: Node, ...types: unknown[]): void {
    if (node instanceof Slice) return;
    super.assertType(node, ...types);
  }

  compileSymbol(node: Node, frame: CFrame): void {
    const name: string = node.value;
    if (name.startsWith(FLOAT_SYMBOL_PREFIX)) {
      this._emit(`runtime.float(${Number(name.slice(FLOAT_SYMBOL_PREFIX.length))})`);
      return;
    }
    super.compileSymbol(node, frame);
  }

  compileLookupVal(node: Node, frame: CFrame): void {
    if (node.val instanceof Slice) {
      this._emit("runtime.slice(");
      this._compileExpression(node.target, frame);
      for (const f of ["start", "stop", "step"]) {
        this._emit(",");
        this._compileExpression(node.val[f], frame);
      }
      this._emit(")");
      return;
    }
    this._emit(node.isAttr ? "runtime.getattr(" : "runtime.getitem(");
    this._compileExpression(node.target, frame);
    this._emit(",");
    this._compileExpression(node.val, frame);
    this._emit(")");
  }

  compileGroup(node: Node, frame: CFrame): void {
    if (node.children.length === 1 && !node.trailingComma) {
      this._compileAggregate(node, frame, "(", ")");
      return;
    }
    this._compileAggregate(node, frame, "runtime.tuple([", "])");
  }

  compileDict(node: Node, frame: CFrame): void {
    this._emit("runtime.dict([");
    node.children.forEach((pair: Node, i: number) => {
      if (i > 0) this._emit(",");
      this._emit("[");
      this._compileExpression(pair.key, frame);
      this._emit(",");
      this._compileExpression(pair.value, frame);
      this._emit("]");
    });
    this._emit("])");
  }

  compileKeywordArgs(node: Node, frame: CFrame): void {
    this._emit("runtime.makeKeywordArgs({");
    node.children.forEach((pair: Node, i: number) => {
      if (i > 0) this._emit(",");
      this._emit(JSON.stringify(String(pair.key.value)) + ": ");
      this._compileExpression(pair.value, frame);
    });
    this._emit("})");
  }

  private emitTruthy(node: Node, frame: CFrame): void {
    this._emit("runtime.truthy(");
    this._compileExpression(node, frame);
    this._emit(")");
  }

  compileInlineIf(node: Node, frame: CFrame): void {
    this._emit("(");
    this.emitTruthy(node.cond, frame);
    this._emit("?");
    this._compileExpression(node.body, frame);
    this._emit(":");
    if (node.else_ !== null && node.else_ !== undefined) this._compileExpression(node.else_, frame);
    else {
      const hint = `the inline if-expression on line ${node.lineno + 1} evaluated to false and no else section was defined.`;
      this._emit(`runtime.missing(${JSON.stringify(hint)})`);
    }
    this._emit(")");
  }

  compileIn(node: Node, frame: CFrame): void {
    this._emit("runtime.contains(");
    this._compileExpression(node.right, frame);
    this._emit(",");
    this._compileExpression(node.left, frame);
    this._emit(")");
  }

  compileIs(node: Node, frame: CFrame): void {
    let name = node.right.name ? node.right.name.value : node.right.value;
    if (name === null) name = "none";
    if (name === true) name = "true";
    if (name === false) name = "false";
    name = String(name);
    if (!this.options.hasTest(name)) this.fail(`No test named '${name}'.`, node.lineno, node.colno);
    this._emit(`runtime.test(env, context, ${JSON.stringify(name)}, `);
    this._compileExpression(node.left, frame);
    if (node.right.args) {
      this._emit(",");
      this.compile(node.right.args, frame);
    }
    this._emit(")");
  }

  compileOr(node: Node, frame: CFrame): void {
    this._emit("runtime.or(");
    this._compileExpression(node.left, frame);
    this._emit(", () => (");
    this._compileExpression(node.right, frame);
    this._emit("))");
  }

  compileAnd(node: Node, frame: CFrame): void {
    this._emit("runtime.and(");
    this._compileExpression(node.left, frame);
    this._emit(", () => (");
    this._compileExpression(node.right, frame);
    this._emit("))");
  }

  compileNot(node: Node, frame: CFrame): void {
    this._emit("!");
    this.emitTruthy(node.target, frame);
  }

  private emitBinop(op: string, node: Node, frame: CFrame): void {
    this._emit(`runtime.binop(${JSON.stringify(op)}, `);
    this._compileExpression(node.left, frame);
    this._emit(", ");
    this._compileExpression(node.right, frame);
    this._emit(")");
  }

  compileAdd(node: Node, frame: CFrame): void {
    this.emitBinop(BINOPS.Add!, node, frame);
  }
  compileSub(node: Node, frame: CFrame): void {
    this.emitBinop(BINOPS.Sub!, node, frame);
  }
  compileMul(node: Node, frame: CFrame): void {
    this.emitBinop(BINOPS.Mul!, node, frame);
  }
  compileDiv(node: Node, frame: CFrame): void {
    this.emitBinop(BINOPS.Div!, node, frame);
  }
  compileFloorDiv(node: Node, frame: CFrame): void {
    this.emitBinop(BINOPS.FloorDiv!, node, frame);
  }
  compileMod(node: Node, frame: CFrame): void {
    this.emitBinop(BINOPS.Mod!, node, frame);
  }
  compilePow(node: Node, frame: CFrame): void {
    this.emitBinop(BINOPS.Pow!, node, frame);
  }
  compileConcat(node: Node, frame: CFrame): void {
    this.emitBinop("~", node, frame);
  }
  compileNeg(node: Node, frame: CFrame): void {
    this._emit("runtime.neg(");
    this._compileExpression(node.target, frame);
    this._emit(")");
  }
  compilePos(node: Node, frame: CFrame): void {
    this._emit("runtime.pos(");
    this._compileExpression(node.target, frame);
    this._emit(")");
  }

  compileCompare(node: Node, frame: CFrame): void {
    this._emit("runtime.compare(");
    this._compileExpression(node.expr, frame);
    for (const op of node.ops) {
      this._emit(`, ${JSON.stringify(op.type)}, `);
      this._compileExpression(op.expr, frame);
    }
    this._emit(")");
  }

  compileIf(node: Node, frame: CFrame, async?: boolean): void {
    if (async) {
      super.compileIf(node, frame, async);
      return;
    }
    this._emit("if(");
    this.emitTruthy(node.cond, frame);
    this._emitLine(") {");
    this._withScopedSyntax(() => this.compile(node.body, frame));
    if (node.else_) {
      this._emitLine("}\nelse {");
      this._withScopedSyntax(() => this.compile(node.else_, frame));
    }
    this._emitLine("}");
  }

  compileFunCall(node: Node, frame: CFrame): void {
    // Like nunjucks, but the callee's name is emitted as a proper JS string (it may contain newlines).
    this._emit(`(lineno = ${node.lineno}, colno = ${node.colno}, runtime.callWrap(`);
    this._compileExpression(node.name, frame);
    let label: string;
    try {
      label = String(this._getNodeName(node.name));
    } catch {
      label = "--expression--";
    }
    this._emit(`, ${JSON.stringify(label)}, context, `);
    this._compileAggregate(node.args, frame, "[", "])");
    this._emit(")");
  }

  compileFilter(node: Node, frame: CFrame): void {
    const name: string = node.name.value;
    if (!this.options.hasFilter(name)) this.fail(`No filter named '${name}'.`, node.lineno, node.colno);
    super.compileFilter(node, frame);
  }

  compileFor(node: Node, frame: CFrame): void {
    const arr = node.arr;
    if (arr && arr.typename === "InlineIf" && (arr.else_ === null || arr.else_ === undefined)) {
      // Jinja2: `for x in items if cond` filters items (the iterable is parsed without a conditional).
      const item = this._tmpid();
      const inner = frame.push();
      const names: Node[] = node.name.typename === "Array" ? node.name.children : [node.name];
      let fn = `runtime.loopFilter(`;
      this._emit("");
      const saved = this.codebuf.length;
      this._compileExpression(arr.body, frame);
      const iterCode = this.codebuf.splice(saved).join("");
      fn += iterCode + `, function(${item}) {`;
      const ids = names.map((n: Node, u: number) => {
        const id = this._tmpid();
        inner.set(n.value, id);
        return `var ${id} = ${names.length > 1 ? `runtime.getitem(${item}, ${u})` : item};`;
      });
      fn += ids.join("") + "return ";
      this._emit("");
      const saved2 = this.codebuf.length;
      this.emitTruthy(arr.cond, inner);
      const condCode = this.codebuf.splice(saved2).join("");
      fn += condCode + ";})";
      node.arr = new nodes.Literal(arr.lineno, arr.colno, "");
      node.arr.rawCode = fn;
    }
    super.compileFor(node, frame);
  }

  compileLiteral(node: Node, frame: CFrame): void {
    if (node.rawCode) {
      this._emit(node.rawCode);
      return;
    }
    super.compileLiteral(node, frame);
  }

  /** One `loop` object per iteration (Jinja2's LoopContext) instead of nunjucks' seven `frame.set` calls. */
  _emitLoopBindings(_node: Node, arr: string, i: string, len: string): void {
    this._emitLine(`frame.set("loop", new runtime.Loop(${arr}, ${i}, ${len}));`);
  }

  compileWith(node: Node, frame: CFrame): void {
    const ids = node.targets.map(([, value]: [Node, Node]) => {
      const id = this._tmpid();
      this._emit(`var ${id} = `);
      this._compileExpression(value, frame);
      this._emitLine(";");
      return id;
    });
    const inner = frame.push();
    this._emitLine("frame = frame.push();");
    node.targets.forEach(([name]: [Node, Node], i: number) => {
      inner.set(name.value, ids[i]);
      this._emitLine(`frame.set(${JSON.stringify(name.value)}, ${ids[i]});`);
    });
    this._withScopedSyntax(() => this.compile(node.body, inner));
    this._emitLine("frame = frame.pop();");
  }

  compileSet(node: Node, frame: CFrame): void {
    if (node.targets.length === 1 && node.targets[0].typename === "LookupVal" && node.value) {
      // `set ns.attr = value`: only namespace objects accept attribute assignment (Jinja2).
      const target = node.targets[0];
      this._emit(`lineno = ${node.lineno}; colno = ${node.colno}; runtime.setattr(`);
      this._compileExpression(target.target, frame);
      this._emit(", ");
      this._compileExpression(target.val, frame);
      this._emit(", ");
      this._compileExpression(node.value, frame);
      this._emitLine(");");
      return;
    }
    // Jinja2 scoping: an assignment inside a loop or macro never rebinds the outer variable.
    const ids: string[] = [];
    for (const target of node.targets) {
      const name: string = target.value;
      let id: string | undefined = frame.variables?.[name];
      if (!id) {
        id = this._tmpid() as string;
        this._emitLine("var " + id + ";");
        frame.set(name, id);
      }
      ids.push(id);
    }
    this._emit(`lineno = ${node.lineno}; colno = ${node.colno};`);
    if (node.value) {
      if (ids.length > 1) {
        const tmp = this._tmpid();
        this._emit(`var ${tmp} = runtime.unpack(`);
        this._compileExpression(node.value, frame);
        this._emitLine(`, ${ids.length});`);
        ids.forEach((id, u) => this._emitLine(`${id} = ${tmp}[${u}];`));
      } else {
        this._emit(ids[0] + " = ");
        this._compileExpression(node.value, frame);
        this._emitLine(";");
      }
    } else {
      this._emit(ids.join(" = ") + " = ");
      this.compile(node.body, frame);
      this._emitLine(";");
    }
    node.targets.forEach((target: Node, i: number) => {
      const id = ids[i];
      const name: string = target.value;
      this._emitLine(`frame.set("${name}", ${id});`);
      this._emitLine("if(frame.topLevel) {");
      this._emitLine(`context.setVariable("${name}", ${id});`);
      if (!name.startsWith("_")) this._emitLine(`context.addExport("${name}", ${id});`);
      this._emitLine("}");
    });
  }
}

/** Compile template source to the JS module source nunjucks' `Template` accepts as `{ type: "code" }`. */
export function compileTemplate(source: string, name: string, options: CompileOptions): string {
  const tokens = new JinjaTokenizer(source, options);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const parser = new (JinjaParser as any)(tokens);
  let ast = parser.parseAsRoot();
  // nunjucks' transformer lifts `super()` calls inside blocks; skip the extra AST walks when unused.
  if (source.includes("super")) ast = transformer.transform(ast, []);
  // nunjucks' compileRoot walks the whole AST for `block` nodes; a template without the word has none.
  if (!source.includes("block")) ast.findAll = () => [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const compiler = new (JinjaCompiler as any)(name, false);
  compiler.options = options;
  compiler.compile(ast);
  return compiler.getCode();
}
