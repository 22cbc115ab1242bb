/**
 * The runtime the template closures call (see interpreter.ts): nunjucks' runtime with Python/Jinja2 semantics for
 * lookups, undefined values, operators, comparisons, membership, truthiness and printing.
 */
import { Namespace } from "./globals.js";
import { percentFormat } from "./py-format.js";
import { builtinMethod } from "./py-methods.js";
import {
  JinjaUndefined,
  TemplateRuntimeError,
  isFloat,
  isMapping,
  isNumber,
  isSafeString,
  isTuple,
  markTuple,
  num,
  objectTypeRepr,
  pyCompare,
  pyEquals,
  pyIter,
  pyStr,
  toFloat,
  toPyDict,
  truthy,
  dictKey,
} from "./py-values.js";
import { nunjucksRuntime } from "./nunjucks-internals.js";
import type { UndefinedMode } from "./types.js";

/** An error with its template position, as produced while rendering. */
export class PositionedError extends Error {
  constructor(
    message: string,
    readonly template: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(message);
  }
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function typeName(value: unknown): string {
  return objectTypeRepr(value).replace(/ object$/, "");
}

const NOT_CALLED: unique symbol = Symbol("loop.changed not called yet");

/** What the iterations of one run of a `for` loop share. */
export interface LoopRun {
  /** Nesting level of a recursive loop: 0 at the top. */
  depth0: number;
  /** The arguments of the last `loop.changed(…)` call. */
  lastChanged: unknown;
  /** Renders the loop again over other items, one level deeper (`recursive` loops only). */
  recurse?: (items: unknown) => unknown;
}

/** A fresh {@link LoopRun}. */
export function loopRun(depth0: number, recurse?: (items: unknown) => unknown): LoopRun {
  return { depth0, lastChanged: NOT_CALLED, recurse };
}

/** Jinja2's `LoopContext` for one iteration. */
export class Loop {
  constructor(
    private readonly items: ArrayLike<unknown>,
    readonly index0: number,
    readonly length: number,
    private readonly mode: UndefinedMode,
    private readonly run: LoopRun = loopRun(0),
  ) {}
  get index(): number {
    return this.index0 + 1;
  }
  get revindex(): number {
    return this.length - this.index0;
  }
  get revindex0(): number {
    return this.length - this.index0 - 1;
  }
  get first(): boolean {
    return this.index0 === 0;
  }
  get last(): boolean {
    return this.index0 === this.length - 1;
  }
  get depth(): number {
    return this.run.depth0 + 1;
  }
  get depth0(): number {
    return this.run.depth0;
  }
  /** True on the first call and whenever the arguments differ from the previous call's. */
  changed(...args: unknown[]): boolean {
    const value = markTuple(args);
    if (this.run.lastChanged !== NOT_CALLED && pyEquals(value, this.run.lastChanged)) return false;
    this.run.lastChanged = value;
    return true;
  }
  /** `loop(items)` in a `recursive` loop. */
  callRecursive(args: unknown[]): unknown {
    if (!this.run.recurse) throw new TemplateRuntimeError("The loop must have the 'recursive' marker to be called recursively.");
    return this.run.recurse(args[0]);
  }
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : new JinjaUndefined(this.mode, undefined, undefined, "there is no previous item");
  }
  get nextitem(): unknown {
    return this.index0 < this.length - 1 ? this.items[this.index0 + 1] : new JinjaUndefined(this.mode, undefined, undefined, "there is no next item");
  }
  cycle(...args: unknown[]): unknown {
    if (!args.length) throw new TemplateRuntimeError("no items for cycling given");
    return args[this.index0 % args.length];
  }
  toString(): string {
    return `<LoopContext ${this.index}/${this.length}>`;
  }
}

/** nunjucks' run-time frame (variables of a scope, chained to its parent). */
export interface NunjucksFrame {
  topLevel: boolean;
  set(name: string, value: unknown): void;
  lookup(name: string): unknown;
  push(isolateWrites?: boolean): NunjucksFrame;
  pop(): NunjucksFrame;
}

/** What the template closures of one environment call (see interpreter.ts). */
export type TemplateRuntime = ReturnType<typeof createRuntime>;

export function createRuntime(mode: UndefinedMode) {
  const undef = (name: string) => new JinjaUndefined(mode, name);

  const missing = (name: string | number, obj: unknown) => new JinjaUndefined(mode, name, obj === undefined ? null : obj);

  const getField = (value: unknown, key: string, isAttr: boolean) => (isAttr ? getattr(value, key) : getitem(value, key));

  function attribute(obj: unknown, name: string): { found: boolean; value?: unknown } {
    const method = builtinMethod(obj, name, getField);
    if (method) return { found: true, value: method };
    if (typeof obj === "object" && obj !== null && !isMapping(obj)) return { found: false };
    if ((typeof obj === "object" && obj !== null && Object.getPrototypeOf(obj) !== Object.prototype && Object.getPrototypeOf(obj) !== null) || typeof obj === "function") {
      // A class instance (plugin object) or function: JS properties are its attributes.
      if (name in (obj as object) && !(name in Object.prototype)) {
        const value = (obj as Record<string, unknown>)[name];
        return { found: true, value: typeof value === "function" ? value.bind(obj) : value };
      }
    }
    return { found: false };
  }

  function item(obj: unknown, key: unknown): { found: boolean; value?: unknown } {
    if (Array.isArray(obj) || typeof obj === "string") {
      if (typeof key === "boolean") key = Number(key);
      if (!isNumber(key) || !Number.isInteger(num(key))) return { found: false };
      let i = num(key);
      const seq: ArrayLike<unknown> = typeof obj === "string" ? [...obj] : obj;
      if (i < 0) i += seq.length;
      if (i < 0 || i >= seq.length) return { found: false };
      return { found: true, value: seq[i] };
    }
    if (isSafeString(obj)) return item(String(obj), key);
    if (isMapping(obj)) {
      const k = dictKey(key);
      if (own(obj, k)) {
        const value = obj[k];
        return { found: true, value: value === undefined ? null : value };
      }
    }
    return { found: false };
  }

  /** Jinja2 `Environment.getattr`: attribute first, then item. */
  function getattr(obj: unknown, name: unknown): unknown {
    if (obj instanceof JinjaUndefined) return obj.lookup();
    if (obj === undefined) obj = null;
    const key = typeof name === "string" ? name : pyStr(name);
    const a = attribute(obj, key);
    if (a.found) return a.value;
    const i = item(obj, name);
    if (i.found) return i.value;
    return missing(typeof name === "number" ? name : key, obj);
  }

  /** Jinja2 `Environment.getitem`: item first, then attribute for string keys. */
  function getitem(obj: unknown, key: unknown): unknown {
    if (obj instanceof JinjaUndefined) return obj.lookup();
    if (obj === undefined) obj = null;
    const i = item(obj, key);
    if (i.found) return i.value;
    if (typeof key === "string") {
      const a = attribute(obj, key);
      if (a.found) return a.value;
    }
    return missing(typeof key === "number" ? key : pyStr(key), obj);
  }

  function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
    if (obj instanceof JinjaUndefined) return obj.lookup();
    const isStr = typeof obj === "string" || isSafeString(obj);
    const seq: unknown[] = isStr ? [...String(obj)] : Array.isArray(obj) ? obj : (() => {
      throw new TemplateRuntimeError(`'${typeName(obj)}' object is not subscriptable`);
    })();
    const len = seq.length;
    const st = step === null || step === undefined ? 1 : num(step);
    if (st === 0) throw new TemplateRuntimeError("slice step cannot be zero");
    const norm = (v: unknown, def: number, lo: number, hi: number) => {
      if (v === null || v === undefined) return def;
      let n = num(v);
      if (n < 0) n += len;
      return Math.min(Math.max(n, lo), hi);
    };
    const out: unknown[] = [];
    if (st > 0) {
      const a = norm(start, 0, 0, len);
      const b = norm(stop, len, 0, len);
      for (let i = a; i < b; i += st) out.push(seq[i]);
    } else {
      const a = norm(start, len - 1, -1, len - 1);
      const b = norm(stop, -1, -1, len - 1);
      for (let i = a; i > b; i += st) out.push(seq[i]);
    }
    if (isStr) return out.join("");
    return isTuple(obj) ? markTuple(out) : out;
  }

  function arith(op: string, a: unknown, b: unknown): unknown {
    if (op === "%" && typeof a === "string" && b instanceof JinjaUndefined) {
      // Python treats Undefined (it has __getitem__) as a mapping: only a format without fields survives.
      return percentFormat(a, {});
    }
    if (a instanceof JinjaUndefined) a.fail();
    if (b instanceof JinjaUndefined) b.fail();
    if (isSafeString(a)) a = String(a);
    if (isSafeString(b)) b = String(b);
    const na = typeof a === "boolean" ? Number(a) : a;
    const nb = typeof b === "boolean" ? Number(b) : b;
    if (isNumber(na) && isNumber(nb)) {
      const x = num(na);
      const y = num(nb);
      const float = isFloat(na) || isFloat(nb);
      const wrap = (r: number) => (float ? toFloat(r) : r);
      switch (op) {
        case "+":
          return wrap(x + y);
        case "-":
          return wrap(x - y);
        case "*":
          return wrap(x * y);
        case "/":
          if (y === 0) throw new TemplateRuntimeError("division by zero");
          return toFloat(x / y);
        case "//":
          if (y === 0) throw new TemplateRuntimeError("integer division or modulo by zero");
          return wrap(Math.floor(x / y));
        case "%":
          if (y === 0) throw new TemplateRuntimeError("integer division or modulo by zero");
          return wrap(((x % y) + y) % y);
        case "**":
          if (x === 0 && y < 0) throw new TemplateRuntimeError("0.0 cannot be raised to a negative power");
          return y < 0 && !float ? toFloat(x ** y) : wrap(x ** y);
      }
    }
    if (op === "%" && typeof a === "string") return percentFormat(a, b);
    if (op === "+") {
      if (typeof a === "string" && typeof b === "string") return a + b;
      if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
        const r = [...a, ...b];
        return isTuple(a) ? markTuple(r) : r;
      }
      if (typeof a === "string") throw new TemplateRuntimeError(`can only concatenate str (not "${typeName(b)}") to str`);
      if (Array.isArray(a)) throw new TemplateRuntimeError(`can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`);
    }
    if (op === "*") {
      const rep = (seq: unknown, n: unknown) => {
        const k = Math.max(0, num(typeof n === "boolean" ? Number(n) : n));
        if (typeof seq === "string") return seq.repeat(k);
        const arr = seq as unknown[];
        const r: unknown[] = [];
        for (let i = 0; i < k; i++) r.push(...arr);
        return isTuple(arr) ? markTuple(r) : r;
      };
      if ((typeof a === "string" || Array.isArray(a)) && isNumber(nb) && !isFloat(nb)) return rep(a, nb);
      if ((typeof b === "string" || Array.isArray(b)) && isNumber(na) && !isFloat(na)) return rep(b, na);
    }
    throw new TemplateRuntimeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  }

  const CMP: Record<string, (a: unknown, b: unknown) => boolean> = {
    "==": (a, b) => pyEquals(a, b),
    "===": (a, b) => pyEquals(a, b),
    "!=": (a, b) => !pyEquals(a, b),
    "!==": (a, b) => !pyEquals(a, b),
    "<": (a, b) => pyCompare(a, b, "<") < 0,
    ">": (a, b) => pyCompare(a, b, ">") > 0,
    "<=": (a, b) => pyCompare(a, b, "<=") <= 0,
    ">=": (a, b) => pyCompare(a, b, ">=") >= 0,
  };

  function contains(container: unknown, needle: unknown): boolean {
    if (container instanceof JinjaUndefined) {
      container.checkUsable();
      return false;
    }
    if (typeof container === "string" || isSafeString(container)) {
      if (typeof needle !== "string" && !isSafeString(needle)) {
        throw new TemplateRuntimeError(`'in <string>' requires string as left operand, not ${typeName(needle)}`);
      }
      return String(container).includes(String(needle));
    }
    if (Array.isArray(container)) return container.some((x) => pyEquals(x, needle));
    if (isMapping(container)) {
      if (Array.isArray(needle) || isMapping(needle)) throw new TemplateRuntimeError(`unhashable type: '${typeName(needle)}'`);
      return own(container, dictKey(needle));
    }
    throw new TemplateRuntimeError(`argument of type '${typeName(container)}' is not iterable`);
  }

  return {
    // nunjucks' own: runtime frames, macros (argument binding), keyword arguments and markup strings.
    Frame: nunjucksRuntime.Frame as new () => NunjucksFrame,
    makeMacro: nunjucksRuntime.makeMacro as (argNames: string[], kwargNames: string[], fn: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown,
    makeKeywordArgs: nunjucksRuntime.makeKeywordArgs as (kwargs: Record<string, unknown>) => Record<string, unknown>,
    SafeString: nunjucksRuntime.SafeString as new (text: string) => unknown,
    markSafe: nunjucksRuntime.markSafe as (value: unknown) => unknown,
    /** The `loop` variable of one iteration. */
    loop: (items: ArrayLike<unknown>, index0: number, length: number, run: LoopRun) => new Loop(items, index0, length, mode, run),
    contextOrFrameLookup(context: { lookup(name: string): unknown }, frame: { lookup(name: string): unknown }, name: string) {
      const val = frame.lookup(name);
      if (val !== undefined) return val;
      const fromContext = context.lookup(name);
      return fromContext !== undefined ? fromContext : undef(name);
    },
    getattr,
    getitem,
    slice,
    tuple: (items: unknown[]) => markTuple(items),
    dict: (pairs: Array<[unknown, unknown]>) => toPyDict(pairs),
    setattr(obj: unknown, key: unknown, value: unknown) {
      if (!(obj instanceof Namespace)) throw new TemplateRuntimeError("cannot assign attribute on non-namespace object");
      (obj as unknown as Record<string, unknown>)[pyStr(key)] = value;
    },
    truthy,
    or: (a: unknown, b: () => unknown) => (truthy(a) ? a : b()),
    and: (a: unknown, b: () => unknown) => (truthy(a) ? b() : a),
    missing: (hint: string) => new JinjaUndefined(mode, undefined, undefined, hint),
    contains,
    test(env: { tests: Record<string, (...a: unknown[]) => unknown> }, context: unknown, name: string, ...args: unknown[]) {
      const fn = env.tests[name];
      if (!fn) throw new TemplateRuntimeError(`No test named '${name}'.`);
      return truthy(fn.apply(context, args));
    },
    binop(op: string, a: unknown, b: unknown) {
      if (op === "~") return pyStr(a) + pyStr(b);
      return arith(op, a, b);
    },
    neg(a: unknown) {
      if (a instanceof JinjaUndefined) a.fail();
      if (typeof a === "boolean") return -Number(a);
      if (!isNumber(a)) throw new TemplateRuntimeError(`bad operand type for unary -: '${typeName(a)}'`);
      return isFloat(a) ? toFloat(-num(a)) : -num(a);
    },
    pos(a: unknown) {
      if (a instanceof JinjaUndefined) a.fail();
      if (typeof a === "boolean") return Number(a);
      if (!isNumber(a)) throw new TemplateRuntimeError(`bad operand type for unary +: '${typeName(a)}'`);
      return a;
    },
    /** A chained comparison `a < b <= c`: every operand already evaluated (as Jinja2 does not short-circuit here). */
    compare(operands: unknown[], ops: string[]) {
      for (let i = 0; i < ops.length; i++) if (!CMP[ops[i]!]!(operands[i], operands[i + 1])) return false;
      return true;
    },
    loopFilter(iterable: unknown, keep: (item: unknown) => boolean) {
      return pyIter(iterable).filter((x) => keep(x));
    },
    unpack(value: unknown, n: number) {
      const items = pyIter(value);
      if (items.length !== n) {
        throw new TemplateRuntimeError(
          items.length > n ? `too many values to unpack (expected ${n})` : `not enough values to unpack (expected ${n}, got ${items.length})`,
        );
      }
      return items;
    },
    fromIterator: (value: unknown) => pyIter(value),
    suppressValue: (value: unknown) => pyStr(value),
    callWrap(fn: unknown, context: unknown, args: unknown[]) {
      if (fn instanceof JinjaUndefined) fn.fail();
      if (fn instanceof Loop) return fn.callRecursive(args);
      if (typeof fn !== "function") throw new TemplateRuntimeError(`'${typeName(fn)}' object is not callable`);
      const result = fn.apply(context, args);
      return result === undefined ? null : result;
    },
    handleError(error: unknown, lineno: number, colno: number, template: string) {
      if (error instanceof PositionedError) return error;
      const e = error as { message?: string; name?: string; lineno?: number; colno?: number };
      if (e && typeof e === "object" && "lineno" in e && e.lineno && e.name === "Template render error") {
        // nunjucks' own TemplateError (e.g. template not found while including).
        return new PositionedError(String(e.message).replace(/^\([^)]*\)\s*(\[[^\]]*\])?\s*/, ""), template, e.lineno, e.colno ?? 0);
      }
      let message: string;
      if (error instanceof TemplateRuntimeError) message = error.message;
      else if (error instanceof Error) message = `${error.name}: ${error.message}`;
      else message = String(error);
      return new PositionedError(message, template, (lineno ?? 0) + 1, (colno ?? 0) + 1);
    },
  };
}
