/**
 * Templates as trees of closures. Each AST node becomes one JavaScript function, built once per template and
 * reused by every render; no source code is generated and nothing goes through V8's parser. Scoping follows
 * nunjucks' compiler exactly: names bound at build time (set, for, with, macro arguments, imports) live in
 * per-call variable slots, every other name is looked up at run time in the frame and the context. Positions
 * for runtime errors are tracked like the compiled code did (`lineno`/`colno` per root or block function).
 *
 * The functions returned by {@link buildTemplate} have nunjucks' compiled-template shape (`root`, `b_<block>`),
 * so nunjucks' Template, Context, includes, imports and inheritance drive them unchanged.
 */
import { FLOAT_SYMBOL_PREFIX, type LexerOptions } from "./lexer.js";
import { Frame, nodes, nunjucksLib } from "./nunjucks-internals.js";
import { Slice, parseTemplate } from "./parser.js";
import { PyFloat, TemplateRuntimeError } from "./py-values.js";
import { loopRun, type TemplateRuntime } from "./runtime.js";
import type { JinjaExtension } from "./types.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
type Node = Any;

export interface CompileOptions extends LexerOptions {
  /** Names of known filters and tests; unknown ones fail at build time like Jinja2. */
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
  /** The tags of the enabled Jinja2 extensions (see {@link EXTENSION_TAGS}). */
  extensionTags: ReadonlySet<string>;
}

/** The Jinja2 extensions this renderer implements, with the tags each adds. */
export const EXTENSION_TAGS: Readonly<Record<JinjaExtension, readonly string[]>> = { do: ["do"], loopcontrols: ["break", "continue"] };

/** The mutable state of one call of a root or block function (the variables nunjucks' generated code declared). */
interface CallState {
  env: Any;
  context: Any;
  frame: Any;
  lineno: number;
  colno: number;
  parentTemplate: Any;
}

/** Variable slots of one function call (root, block, macro, caller); `up` is the scope the function was made in. */
interface Scope {
  vars: unknown[];
  up: Scope | undefined;
  r: CallState;
}

type Expr = (s: Scope) => unknown;
interface Buf {
  s: string;
}
type Stmt = (s: Scope, out: Buf) => void;

/** A function whose calls get their own slots (root, block, macro, caller). */
interface FnDef {
  parent: FnDef | undefined;
}
/** What a build-time frame maps a name to: a slot of one function. */
interface Slot {
  fn: FnDef;
  index: number;
}

/** Thrown by `break` / `continue` and caught by the innermost loop (which the build checks exists). */
const BREAK = { loopControl: "break" };
const CONTINUE = { loopControl: "continue" };

/** An error from an included, imported or parent template: handed on as is, like nunjucks' callbacks did. */
class PassThrough {
  constructor(readonly error: unknown) {}
}

/** Run a nunjucks callback-style call that completes synchronously; rethrow its error for the caller to hand on. */
function settle(run: (cb: (err: unknown, value?: unknown) => void) => void): Any {
  let error: unknown;
  let result: unknown;
  run((err, value) => {
    error = err;
    result = value;
  });
  if (error) throw new PassThrough(error);
  return result;
}

/** Node types nunjucks' compiler accepts where it expects an expression (plus slices). */
const EXPRESSION_TYPES = [
  nodes.Literal, nodes.Symbol, nodes.Group, nodes.Array, nodes.Dict, nodes.FunCall, nodes.Caller, nodes.Filter,
  nodes.LookupVal, nodes.Compare, nodes.InlineIf, nodes.In, nodes.Is, nodes.And, nodes.Or, nodes.Not, nodes.Add,
  nodes.Concat, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow, nodes.Neg, nodes.Pos,
  nodes.NodeList, Slice,
];

/** Nodes whose evaluation records its position for runtime errors. */
const POSITIONED = new Set(["Symbol", "LookupVal", "Filter", "Is", "Compare", "In"]);

const BINOPS: Record<string, string> = {
  Add: "+", Sub: "-", Mul: "*", Div: "/", FloorDiv: "//", Mod: "%", Pow: "**", Concat: "~",
};

const NUNJUCKS_ONLY_TAGS: Record<string, string> = {
  IfAsync: "ifAsync", AsyncEach: "asyncEach", AsyncAll: "asyncAll", FilterAsync: "filter", CallExtension: "extension",
  CallExtensionAsync: "extension",
};

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

class Builder {
  private fn: FnDef = { parent: undefined };
  private inBlock = false;
  /** Loops around the node being built, within the current function (macros and blocks start at 0). */
  private loopDepth = 0;
  /** Number of slots a call allocates (every function of the template shares the numbering). */
  private readonly meta = { slots: 0 };
  private readonly blockFns: Record<string, Any> = {};

  constructor(
    private readonly name: string,
    private readonly options: CompileOptions,
    private readonly rt: TemplateRuntime,
  ) {}

  private fail(message: string, lineno?: number, colno?: number): never {
    throw new nunjucksLib.TemplateError(message, lineno === undefined ? undefined : lineno + 1, colno === undefined ? undefined : colno + 1);
  }

  private assertType(node: Node, types: unknown[]): void {
    if (!types.some((t: Any) => node instanceof t)) this.fail(`assertType: invalid type: ${node.typename}`, node.lineno, node.colno);
  }

  private newSlot(): Slot {
    return { fn: this.fn, index: this.meta.slots++ };
  }

  private hops(slot: Slot): number {
    let hops = 0;
    for (let d: FnDef | undefined = this.fn; d !== slot.fn; d = d.parent) {
      if (!d) throw new Error(`internal: slot ${slot.index} is not visible here`);
      hops++;
    }
    return hops;
  }

  private read(slot: Slot): Expr {
    const i = slot.index;
    const hops = this.hops(slot);
    if (hops === 0) return (s) => s.vars[i];
    if (hops === 1) return (s) => s.up!.vars[i];
    return (s) => {
      let t = s;
      for (let h = hops; h > 0; h--) t = t.up!;
      return t.vars[i];
    };
  }

  // ---- expressions -------------------------------------------------------------------------------------------

  /** nunjucks' `_compileExpression`: type-checked. */
  private checked(node: Node, frame: Any): Expr {
    this.assertType(node, EXPRESSION_TYPES);
    return this.expr(node, frame);
  }

  private truthy(node: Node, frame: Any): (s: Scope) => boolean {
    const e = this.checked(node, frame);
    const truthy = this.rt.truthy;
    return (s) => truthy(e(s));
  }

  /** nunjucks' `compile` for an expression node. */
  private expr(node: Node, frame: Any): Expr {
    const e = this.exprOf(node, frame);
    if (!POSITIONED.has(node.typename)) return e;
    const { lineno, colno } = node;
    return (s) => {
      const r = s.r;
      r.lineno = lineno;
      r.colno = colno;
      return e(s);
    };
  }

  private exprOf(node: Node, frame: Any): Expr {
    const rt = this.rt;
    switch (node.typename) {
      case "Literal":
      case "TemplateData": {
        const value = node.value;
        return () => value;
      }
      case "Symbol": {
        const name: string = node.value;
        if (name.startsWith(FLOAT_SYMBOL_PREFIX)) {
          const n = Number(name.slice(FLOAT_SYMBOL_PREFIX.length));
          return () => new PyFloat(n);
        }
        const slot: Slot | undefined = frame.lookup(name);
        if (slot) return this.read(slot);
        return (s) => rt.contextOrFrameLookup(s.r.context, s.r.frame, name);
      }
      case "LookupVal": {
        const target = this.checked(node.target, frame);
        if (node.val instanceof Slice) {
          const [a, b, c] = ["start", "stop", "step"].map((f) => this.checked(node.val[f], frame));
          return (s) => rt.slice(target(s), a!(s), b!(s), c!(s));
        }
        const key = this.checked(node.val, frame);
        const get = node.isAttr ? rt.getattr : rt.getitem;
        return (s) => get(target(s), key(s));
      }
      case "Group": {
        const items = node.children.map((c: Node) => this.expr(c, frame));
        if (items.length === 1 && !node.trailingComma) return items[0];
        return (s) => rt.tuple(items.map((e: Expr) => e(s)));
      }
      case "Array": {
        const items: Expr[] = node.children.map((c: Node) => this.expr(c, frame));
        return (s) => items.map((e) => e(s));
      }
      case "KeywordArgs": {
        const pairs: Array<[string, Expr]> = node.children.map((p: Node) => [String(p.key.value), this.checked(p.value, frame)]);
        return (s) => {
          const kwargs: Record<string, unknown> = {};
          for (const [k, e] of pairs) kwargs[k] = e(s);
          return rt.makeKeywordArgs(kwargs);
        };
      }
      case "Dict": {
        const pairs: Array<[Expr, Expr]> = node.children.map((p: Node) => [this.checked(p.key, frame), this.checked(p.value, frame)]);
        return (s) => rt.dict(pairs.map(([k, v]) => [k(s), v(s)]));
      }
      case "InlineIf": {
        const cond = this.truthy(node.cond, frame);
        const body = this.checked(node.body, frame);
        if (node.else_ !== null && node.else_ !== undefined) {
          const else_ = this.checked(node.else_, frame);
          return (s) => (cond(s) ? body(s) : else_(s));
        }
        const hint = `the inline if-expression on line ${node.lineno + 1} evaluated to false and no else section was defined.`;
        return (s) => (cond(s) ? body(s) : rt.missing(hint));
      }
      case "In": {
        const right = this.checked(node.right, frame);
        const left = this.checked(node.left, frame);
        return (s) => {
          const container = right(s);
          return rt.contains(container, left(s));
        };
      }
      case "Is": {
        let name = node.right.name ? node.right.name.value : node.right.value;
        if (name === null) name = "none";
        if (name === true) name = "true";
        if (name === false) name = "false";
        name = String(name);
        if (!this.options.hasTest(name)) this.fail(`No test named '${name}'.`, node.lineno, node.colno);
        const left = this.checked(node.left, frame);
        const args: Expr[] = node.right.args ? node.right.args.children.map((c: Node) => this.expr(c, frame)) : [];
        return (s) => {
          const value = left(s);
          return rt.test(s.r.env, s.r.context, name, value, ...args.map((e) => e(s)));
        };
      }
      case "Or":
      case "And": {
        const left = this.checked(node.left, frame);
        const right = this.checked(node.right, frame);
        const op = node.typename === "Or" ? rt.or : rt.and;
        return (s) => op(left(s), () => right(s));
      }
      case "Not": {
        const target = this.truthy(node.target, frame);
        return (s) => !target(s);
      }
      case "Add":
      case "Sub":
      case "Mul":
      case "Div":
      case "FloorDiv":
      case "Mod":
      case "Pow":
      case "Concat": {
        const op = BINOPS[node.typename]!;
        const left = this.checked(node.left, frame);
        const right = this.checked(node.right, frame);
        return (s) => {
          const a = left(s);
          return rt.binop(op, a, right(s));
        };
      }
      case "Neg":
      case "Pos": {
        const target = this.checked(node.target, frame);
        const op = node.typename === "Neg" ? rt.neg : rt.pos;
        return (s) => op(target(s));
      }
      case "Compare": {
        const operands: Expr[] = [this.checked(node.expr, frame), ...node.ops.map((op: Node) => this.checked(op.expr, frame))];
        const ops: string[] = node.ops.map((op: Node) => op.type);
        return (s) => rt.compare(operands.map((e) => e(s)), ops);
      }
      case "FunCall": {
        const { lineno, colno } = node;
        const callee = this.checked(node.name, frame);
        const args: Expr[] = node.args.children.map((c: Node) => this.expr(c, frame));
        return (s) => {
          const r = s.r;
          r.lineno = lineno;
          r.colno = colno;
          const fn = callee(s);
          return rt.callWrap(fn, r.context, args.map((e) => e(s)));
        };
      }
      case "Filter": {
        const name: string = node.name.value;
        if (!this.options.hasFilter(name)) this.fail(`No filter named '${name}'.`, node.lineno, node.colno);
        this.assertType(node.name, [nodes.Symbol]);
        const args: Expr[] = node.args.children.map((c: Node) => this.expr(c, frame));
        return (s) => {
          const r = s.r;
          const filter = r.env.getFilter(name);
          return filter.call(r.context, ...args.map((e) => e(s)));
        };
      }
      case "Caller":
        return this.macro(node, frame);
      case "Capture": {
        // The body of a block `set` or a `filter` block is a scope of its own (Jinja2's `frame.inner()`):
        // what it assigns stays inside.
        const body = this.stmt(node.body, frame.push());
        return (s) => {
          const r = s.r;
          const out = { s: "" };
          r.frame = r.frame.push();
          body(s, out);
          r.frame = r.frame.pop();
          return out.s;
        };
      }
      case "NodeList": {
        if (node.children.length === 1) return this.expr(node.children[0], frame);
        return this.fail(`compile: Cannot compile node: ${node.typename}`, node.lineno, node.colno);
      }
      default:
        return this.fail(`compile: Cannot compile node: ${node.typename}`, node.lineno, node.colno);
    }
  }

  /** A macro (`frame` undefined: its body sees no enclosing names) or a call block's caller (`frame` given). */
  private macro(node: Node, frame: Any | undefined): Expr {
    const rt = this.rt;
    const keepFrame = frame !== undefined;
    const positional: Node[] = [];
    let kwargs: Node = null;
    node.args.children.forEach((arg: Node, i: number) => {
      if (i === node.args.children.length - 1 && arg instanceof nodes.Dict) kwargs = arg;
      else {
        this.assertType(arg, [nodes.Symbol]);
        positional.push(arg);
      }
    });
    const argNames: string[] = positional.map((n) => n.value);
    const kwargPairs: Node[] = kwargs ? kwargs.children : [];
    const kwargNames: string[] = kwargPairs.map((p) => p.key.value);

    const outer = this.fn;
    const outerLoops = this.loopDepth;
    this.fn = { parent: outer };
    this.loopDepth = 0;
    const inner = keepFrame ? frame.push(true) : new Frame();
    const argSlots = positional.map((arg) => {
      const slot = this.newSlot();
      inner.set(arg.value, slot);
      return slot.index;
    });
    const defaults: Array<[string, Expr]> = kwargPairs.map((p) => [p.key.value, this.checked(p.value, inner)]);
    const body = this.stmt(node.body, inner);
    this.fn = outer;
    this.loopDepth = outerLoops;
    const meta = this.meta;

    return (s) => {
      const r = s.r;
      return rt.makeMacro(argNames, kwargNames, (...params: unknown[]) => {
        const call: Scope = { vars: new Array(meta.slots), up: s, r };
        argSlots.forEach((slot, i) => (call.vars[slot] = params[i]));
        const callerFrame = r.frame;
        r.frame = keepFrame ? r.frame.push(true) : new rt.Frame();
        const kw = (params[argNames.length] || {}) as Record<string, unknown>;
        if (hasOwn(kw, "caller")) r.frame.set("caller", kw.caller);
        argNames.forEach((name, i) => r.frame.set(name, params[i]));
        for (const [name, value] of defaults) r.frame.set(name, hasOwn(kw, name) ? kw[name] : value(call));
        const out = { s: "" };
        body(call, out);
        r.frame = keepFrame ? r.frame.pop() : callerFrame;
        return new rt.SafeString(out.s);
      });
    };
  }

  // ---- statements --------------------------------------------------------------------------------------------

  private stmt(node: Node, frame: Any): Stmt {
    switch (node.typename) {
      case "NodeList":
      case "Root": {
        const parts: Stmt[] = node.children.map((c: Node) => this.stmt(c, frame));
        if (parts.length === 1) return parts[0]!;
        return (s, out) => {
          for (const p of parts) p(s, out);
        };
      }
      case "Output":
        return this.output(node, frame);
      case "If": {
        const cond = this.truthy(node.cond, frame);
        const body = this.stmt(node.body, frame);
        const else_ = node.else_ ? this.stmt(node.else_, frame) : undefined;
        return (s, out) => {
          if (cond(s)) body(s, out);
          else if (else_) else_(s, out);
        };
      }
      case "For":
        return this.forLoop(node, frame);
      case "Set":
        return this.set(node, frame);
      case "With":
        return this.with(node, frame);
      case "Macro":
        return this.macroStatement(node, frame);
      case "Include":
        return this.include(node, frame);
      case "Import":
        return this.import(node, frame);
      case "FromImport":
        return this.fromImport(node, frame);
      case "Extends":
        return this.extends(node, frame);
      case "Block":
        return this.block(node);
      case "Super":
        return this.super(node, frame);
      case "Switch":
        return this.switch(node, frame);
      case "Do": {
        const e = this.checked(node.expr, frame);
        return (s) => void e(s);
      }
      case "Break":
      case "Continue":
        return this.loopControl(node);
      default: {
        const tag = NUNJUCKS_ONLY_TAGS[node.typename];
        if (tag) this.fail(`Encountered unknown tag '${tag}'.`, node.lineno, node.colno);
        const e = this.expr(node, frame);
        return (s) => void e(s);
      }
    }
  }

  private output(node: Node, frame: Any): Stmt {
    const rt = this.rt;
    const parts: Array<string | Expr> = [];
    for (const child of node.children) {
      if (child instanceof nodes.TemplateData) {
        if (child.value) parts.push(String(child.value));
      } else {
        parts.push(this.expr(child, frame));
      }
    }
    if (parts.length === 1) {
      const only = parts[0]!;
      if (typeof only === "string") return (_s, out) => void (out.s += only);
      return (s, out) => void (out.s += rt.suppressValue(only(s)));
    }
    return (s, out) => {
      for (const p of parts) out.s += typeof p === "string" ? p : rt.suppressValue(p(s));
    };
  }

  private forLoop(node: Node, outerFrame: Any): Stmt {
    const rt = this.rt;
    const source = node.arr;
    let iterable: Expr;
    let keep: ((s: Scope, item: unknown) => boolean) | undefined;
    if (source && source.typename === "InlineIf" && (source.else_ === null || source.else_ === undefined)) {
      // Jinja2: `for x in items if cond` filters items (the iterable is parsed without a conditional).
      const inner = outerFrame.push();
      const names: Node[] = node.name.typename === "Array" ? node.name.children : [node.name];
      iterable = this.checked(source.body, outerFrame);
      const slots = names.map((n) => {
        const slot = this.newSlot();
        inner.set(n.value, slot);
        return slot.index;
      });
      const cond = this.truthy(source.cond, inner);
      const single = names.length === 1;
      keep = (s, item) => {
        if (single) s.vars[slots[0]!] = item;
        else slots.forEach((slot, u) => (s.vars[slot] = rt.getitem(item, u)));
        return cond(s);
      };
    }
    const frame = outerFrame.push();
    if (!keep) iterable = this.checked(node.arr, frame);

    let bind: (s: Scope, item: Any) => void;
    if (node.name instanceof nodes.Array) {
      const targets: Array<[string, number]> = node.name.children.map((child: Node) => {
        const slot = this.newSlot();
        frame.set(child.value, slot);
        return [child.value, slot.index];
      });
      bind = (s, item) => {
        targets.forEach(([name, slot], u) => {
          const value = item[u];
          s.vars[slot] = value;
          s.r.frame.set(name, value);
        });
      };
    } else {
      const name: string = node.name.value;
      const slot = this.newSlot();
      frame.set(name, slot);
      const i = slot.index;
      bind = (s, item) => {
        s.vars[i] = item;
        s.r.frame.set(name, item);
      };
    }
    this.loopDepth++;
    const body = this.stmt(node.body, frame);
    this.loopDepth--;
    const else_ = node.else_ ? this.stmt(node.else_, frame) : undefined;
    const controls = this.options.extensionTags.has("break");
    const recursive = Boolean(node.recursive);

    /** One run of the loop over `value`, in a frame pushed by the caller. */
    const run = (s: Scope, out: Buf, value: unknown, depth0: number): void => {
      const r = s.r;
      let items: Any = keep ? rt.loopFilter(value, (item: unknown) => keep!(s, item)) : value;
      const state = loopRun(
        depth0,
        recursive
          ? (next) => {
              // `loop(children)`: a nested run with its own copy of the variables, so the caller's stay as they were.
              const nested: Scope = { vars: s.vars.slice(), up: s.up, r };
              const buf = { s: "" };
              r.frame = r.frame.push();
              run(nested, buf, next, depth0 + 1);
              r.frame = r.frame.pop();
              return new rt.SafeString(buf.s);
            }
          : undefined,
      );
      // Jinja2 runs `else` unless a pass through the body ran to its end (so also after `break`, or when every
      // pass ended in `continue`).
      let noPassCompleted = true;
      if (items) {
        items = rt.fromIterator(items);
        const len = items.length;
        for (let i = 0; i < items.length; i++) {
          bind(s, items[i]);
          r.frame.set("loop", rt.loop(items, i, len, state));
          if (controls) {
            try {
              body(s, out);
            } catch (signal) {
              if (signal === CONTINUE) continue;
              if (signal === BREAK) break;
              throw signal;
            }
          } else {
            body(s, out);
          }
          noPassCompleted = false;
        }
      }
      if (else_ && noPassCompleted) else_(s, out);
    };
    return (s, out) => {
      const r = s.r;
      r.frame = r.frame.push();
      run(s, out, iterable(s), 0);
      r.frame = r.frame.pop();
    };
  }

  /** `break` / `continue` (jinja2.ext.loopcontrols): only directly inside a loop of the same function. */
  private loopControl(node: Node): Stmt {
    const tag = node.typename === "Break" ? "break" : "continue";
    if (this.loopDepth === 0) this.fail(`'${tag}' outside loop`, node.lineno, node.colno);
    const signal = tag === "break" ? BREAK : CONTINUE;
    return () => {
      throw signal;
    };
  }

  private set(node: Node, frame: Any): Stmt {
    const rt = this.rt;
    const { lineno, colno } = node;
    if (node.targets.length === 1 && node.targets[0].typename === "LookupVal" && node.value) {
      // `set ns.attr = value`: only namespace objects accept attribute assignment (Jinja2).
      const target = node.targets[0];
      const obj = this.checked(target.target, frame);
      const key = this.checked(target.val, frame);
      const value = this.checked(node.value, frame);
      return (s) => {
        s.r.lineno = lineno;
        s.r.colno = colno;
        const o = obj(s);
        const k = key(s);
        rt.setattr(o, k, value(s));
      };
    }
    // Jinja2 scoping: an assignment inside a loop or macro never rebinds the outer variable. The name is bound in
    // the innermost build-time frame, whose slots belong to the function being built.
    const targets: Array<[string, number]> = node.targets.map((target: Node) => {
      const name: string = target.value;
      let slot: Slot | undefined = frame.variables?.[name];
      if (!slot) {
        slot = this.newSlot();
        frame.set(name, slot);
      }
      return [name, slot.index];
    });
    let values: (s: Scope) => unknown[];
    if (node.value) {
      const value = this.checked(node.value, frame);
      values = targets.length > 1 ? (s) => rt.unpack(value(s), targets.length) : (s) => [value(s)];
    } else {
      const body = this.expr(node.body, frame);
      values = (s) => {
        const v = body(s);
        return targets.map(() => v);
      };
    }
    return (s) => {
      const r = s.r;
      r.lineno = lineno;
      r.colno = colno;
      const assigned = values(s);
      targets.forEach(([name, slot], i) => {
        const v = assigned[i];
        s.vars[slot] = v;
        r.frame.set(name, v);
        if (r.frame.topLevel) {
          r.context.setVariable(name, v);
          if (!name.startsWith("_")) r.context.addExport(name);
        }
      });
    };
  }

  private with(node: Node, frame: Any): Stmt {
    const values: Expr[] = node.targets.map(([, value]: [Node, Node]) => this.checked(value, frame));
    const inner = frame.push();
    const targets: Array<[string, number]> = node.targets.map(([name]: [Node, Node]) => {
      const slot = this.newSlot();
      inner.set(name.value, slot);
      return [name.value, slot.index];
    });
    const body = this.stmt(node.body, inner);
    return (s, out) => {
      const computed = values.map((e) => e(s));
      const r = s.r;
      r.frame = r.frame.push();
      targets.forEach(([name, slot], i) => {
        s.vars[slot] = computed[i];
        r.frame.set(name, computed[i]);
      });
      body(s, out);
      r.frame = r.frame.pop();
    };
  }

  private macroStatement(node: Node, frame: Any): Stmt {
    const make = this.macro(node, undefined);
    const name: string = node.name.value;
    const slot = this.newSlot();
    frame.set(name, slot);
    const i = slot.index;
    if (frame.parent) {
      return (s) => {
        const fn = make(s);
        s.vars[i] = fn;
        s.r.frame.set(name, fn);
      };
    }
    const exported = !name.startsWith("_");
    return (s) => {
      const fn = make(s);
      s.vars[i] = fn;
      if (exported) s.r.context.addExport(name);
      s.r.context.setVariable(name, fn);
    };
  }

  private getTemplate(node: Node, frame: Any, eager: boolean, ignoreMissing: boolean): (s: Scope) => Any {
    const template = this.checked(node.template, frame);
    const parentName = this.name;
    const { lineno, colno } = node;
    return (s) => {
      const name = template(s);
      const r = s.r;
      try {
        return settle((cb) => r.env.getTemplate(name, eager, parentName, ignoreMissing, cb));
      } catch (e) {
        // A missing template is an error of this tag: report it at the tag, in Jinja2's words.
        r.lineno = lineno;
        r.colno = colno;
        const error = e instanceof PassThrough ? (e.error as Error) : (e as Error);
        throw new TemplateRuntimeError(String(error?.message ?? error));
      }
    };
  }

  private include(node: Node, frame: Any): Stmt {
    const get = this.getTemplate(node, frame, false, Boolean(node.ignoreMissing));
    return (s, out) => {
      const template = get(s);
      const r = s.r;
      out.s += settle((cb) => template.render(r.context.getVariables(), r.frame, cb));
    };
  }

  private exported(node: Node, frame: Any): Expr {
    const get = this.getTemplate(node, frame, false, false);
    const withContext = Boolean(node.withContext);
    return (s) => {
      const template = get(s);
      const r = s.r;
      return settle((cb) => (withContext ? template.getExported(r.context.getVariables(), r.frame, cb) : template.getExported(cb)));
    };
  }

  /** Bind an imported value: a frame variable inside a scope, a context variable at the top. */
  private bindImported(frame: Any, name: string): (s: Scope, value: unknown) => void {
    const slot = this.newSlot();
    frame.set(name, slot);
    const i = slot.index;
    if (frame.parent) {
      return (s, value) => {
        s.vars[i] = value;
        s.r.frame.set(name, value);
      };
    }
    return (s, value) => {
      s.vars[i] = value;
      s.r.context.setVariable(name, value);
    };
  }

  private import(node: Node, frame: Any): Stmt {
    const exported = this.exported(node, frame);
    const bind = this.bindImported(frame, node.target.value);
    return (s) => bind(s, exported(s));
  }

  private fromImport(node: Node, frame: Any): Stmt {
    const exported = this.exported(node, frame);
    const names: Array<[string, (s: Scope, value: unknown) => void]> = node.names.children.map((n: Node) => {
      const [name, alias] = n instanceof nodes.Pair ? [n.key.value, n.value.value] : [n.value, n.value];
      return [name, this.bindImported(frame, alias)];
    });
    return (s) => {
      const values = exported(s) as Record<string, unknown>;
      for (const [name, bind] of names) {
        if (!hasOwn(values, name)) throw new PassThrough(new Error(`cannot import '${name}'`));
        bind(s, values[name]);
      }
    };
  }

  private extends(node: Node, frame: Any): Stmt {
    const get = this.getTemplate(node, frame, true, false);
    return (s) => {
      const parent = get(s);
      const r = s.r;
      r.parentTemplate = parent;
      for (const k in parent.blocks) r.context.addBlock(k, parent.blocks[k]);
    };
  }

  private block(node: Node): Stmt {
    const name: string = node.name.value;
    const topLevel = !this.inBlock;
    const rt = this.rt;
    const skip = (_e: unknown, _c: unknown, _f: unknown, _r: unknown, cb: (err: unknown) => void) => cb("");
    return (s, out) => {
      const r = s.r;
      const fn = topLevel && r.parentTemplate ? skip : r.context.getBlock(name);
      // nunjucks appends the block's result even when it skipped it (`undefined`); the output is discarded then.
      out.s += settle((cb) => fn(r.env, r.context, r.frame, rt, cb));
    };
  }

  private super(node: Node, frame: Any): Stmt {
    const rt = this.rt;
    const blockName: string = node.blockName.value;
    const blockFns = this.blockFns;
    const slot = this.newSlot();
    const i = slot.index;
    const stmt: Stmt = (s) => {
      const r = s.r;
      const value = settle((cb) => r.context.getSuper(r.env, blockName, blockFns[blockName], r.frame, rt, cb));
      s.vars[i] = rt.markSafe(value);
    };
    frame.set(node.symbol.value, slot);
    return stmt;
  }

  private switch(node: Node, frame: Any): Stmt {
    const subject = this.expr(node.expr, frame);
    const cases: Array<[Expr, Stmt, boolean]> = node.cases.map((c: Node) => [this.expr(c.cond, frame), this.stmt(c.body, frame), c.body.children.length > 0]);
    const fallback = node.default ? this.stmt(node.default, frame) : undefined;
    return (s, out) => {
      const value = subject(s);
      let start = cases.findIndex(([cond]) => cond(s) === value);
      if (start === -1) start = cases.length;
      for (let k = start; k < cases.length; k++) {
        const [, body, breaks] = cases[k]!;
        body(s, out);
        if (breaks) return;
      }
      fallback?.(s, out);
    };
  }

  // ---- functions ---------------------------------------------------------------------------------------------

  /** A root or block function with nunjucks' compiled signature `(env, context, frame, runtime, cb)`. */
  private callable(node: Node, body: Stmt, isRoot: boolean): Any {
    const rt = this.rt;
    const meta = this.meta;
    const name = this.name;
    const { lineno, colno } = node;
    return (env: Any, context: Any, frame: Any, _runtime: unknown, cb: (err: unknown, out?: string) => void) => {
      const r: CallState = { env, context, frame, lineno, colno, parentTemplate: null };
      const s: Scope = { vars: new Array(meta.slots), up: undefined, r };
      const out = { s: "" };
      try {
        if (!isRoot) r.frame = frame.push(true);
        body(s, out);
        if (isRoot && r.parentTemplate) r.parentTemplate.rootRenderFunc(env, context, r.frame, rt, cb);
        else cb(null, out.s);
      } catch (e) {
        cb(e instanceof PassThrough ? e.error : rt.handleError(e, r.lineno, r.colno, name));
      }
    };
  }

  build(root: Node, mayHaveBlocks: boolean): Record<string, Any> {
    const rootFn = this.fn;
    const body = this.stmt(root, new Frame());
    const props: Record<string, Any> = { root: this.callable(root, body, true) };
    if (mayHaveBlocks) {
      this.inBlock = true;
      const seen = new Set<string>();
      for (const block of root.findAll(nodes.Block)) {
        const name: string = block.name.value;
        if (seen.has(name)) throw new Error(`Block "${name}" defined more than once.`);
        seen.add(name);
        this.fn = { parent: undefined };
        const blockBody = this.stmt(block.body, new Frame());
        const fn = this.callable(block, blockBody, false);
        this.blockFns[name] = fn;
        props[`b_${name}`] = fn;
      }
      this.fn = rootFn;
    }
    return props;
  }
}

/**
 * Parse a template and build its render functions: `{ root, b_<block>… }`, the shape nunjucks' Template
 * accepts as `{ type: "code", obj }`. Syntax errors, unknown filters and unknown tests are thrown as nunjucks
 * TemplateErrors with 1-based positions.
 */
export function buildTemplate(source: string, name: string, options: CompileOptions, runtime: TemplateRuntime): Record<string, unknown> {
  const ast = parseTemplate(source, options, options.extensionTags);
  // A template without the word "block" has no block tags: skip the AST walk that looks for them.
  return new Builder(name, options, runtime).build(ast, source.includes("block"));
}

