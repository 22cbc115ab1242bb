/**
 * Parser and compiler subclasses turning nunjucks into a Jinja2 evaluator: Python operators, truthiness and
 * comparisons, `x[1:]` slices, attribute-vs-item lookups, tuples, computed dict keys, `for … if …` loop filters,
 * Jinja2 scoping of `set`, and positions on every runtime error. The generated code calls the per-environment
 * runtime in `runtime.ts` (bound as `runtime` at the top of every compiled function).
 */
import { FLOAT_SYMBOL_PREFIX, type LexerOptions } from "./lexer.js";
import { NunjucksCompiler, nodes } from "./nunjucks-internals.js";
import { Slice, parseTemplate } from "./parser.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CFrame = any;

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
  const ast = parseTemplate(source, options);
  // nunjucks' compileRoot walks the whole AST for `block` nodes; a template without the word has none.
  if (!source.includes("block")) ast.findAll = () => [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const compiler = new (JinjaCompiler as any)(name, false);
  compiler.options = options;
  compiler.compile(ast);
  return compiler.getCode();
}
