/**
 * Python value semantics for template values: Jinja2's Undefined flavours, `str()`/`repr()`, truthiness,
 * equality and ordering. Values map as None=null/undefined, bool=boolean, int/float=number (integral floats
 * are {@link PyFloat}), str=string, list=Array, tuple=Array marked with {@link markTuple}, dict=plain object.
 */
import { nunjucksRuntime } from "./nunjucks-internals.js";
import type { UndefinedMode } from "./types.js";

/** A template error raised while rendering (the message is what Jinja2 would say). */
export class TemplateRuntimeError extends Error {
  override name = "TemplateRuntimeError";
}

/** Jinja2 `UndefinedError`. */
export class UndefinedError extends TemplateRuntimeError {
  override name = "UndefinedError";
}

const MISSING: unique symbol = Symbol("missing");

/** Jinja2 `Undefined` (mode selects Undefined / ChainableUndefined / StrictUndefined / DebugUndefined). */
export class JinjaUndefined {
  constructor(
    readonly mode: UndefinedMode,
    readonly name: string | number | undefined,
    readonly obj: unknown = MISSING,
    readonly hint?: string,
  ) {}

  get message(): string {
    if (this.hint) return this.hint;
    if (this.obj === MISSING) return `${pyRepr(this.name)} is undefined`;
    return `${pyRepr(objectTypeRepr(this.obj))} has no attribute ${pyRepr(this.name)}`;
  }

  fail(): never {
    throw new UndefinedError(this.message);
  }

  /** `str(undefined)` */
  toPyStr(): string {
    if (this.mode === "strict") this.fail();
    if (this.mode === "debug") {
      let message: string;
      if (this.hint) message = `undefined value printed: ${this.hint}`;
      else if (this.obj === MISSING) message = String(this.name);
      else message = `no such element: ${objectTypeRepr(this.obj)}[${pyRepr(this.name)}]`;
      return `{{ ${message} }}`;
    }
    return "";
  }

  /** Attribute or item access on the undefined value itself. */
  lookup(): JinjaUndefined {
    if (this.mode === "chainable") return this;
    this.fail();
  }

  /** `bool()`, `len()`, `iter()` and comparisons: only StrictUndefined refuses. */
  checkUsable(): void {
    if (this.mode === "strict") this.fail();
  }
}

export function isUndefined(value: unknown): value is JinjaUndefined {
  return value instanceof JinjaUndefined;
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value instanceof JinjaUndefined;
}

/** An integral Python float (`2.0`): prints with `.0`, computes like a number. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toString(): string {
    return floatRepr(this.value);
  }
}

/** Wrap a float result so integral values keep printing like Python floats. */
export function toFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

export function isFloat(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
}

export function isNumber(value: unknown): value is number | PyFloat {
  return typeof value === "number" || value instanceof PyFloat;
}

export function num(value: unknown): number {
  return value instanceof PyFloat ? value.value : (value as number);
}

/** A YAML timestamp as PyYAML returns it (`datetime.date` / `datetime.datetime`): prints like Python's `str()`. */
export class PyDate {
  constructor(
    readonly text: string,
    readonly repr: string,
  ) {}
  toString(): string {
    return this.text;
  }
}

const DICT_KEYS: unique symbol = Symbol("dictKeys");
const INDEX_LIKE = /^(?:0|[1-9]\d{0,8})$/;

/** The string property a Python dict key is stored under. */
export function dictKey(key: unknown): string {
  if (typeof key === "string") return key;
  // Python: True == 1 == 1.0 hash alike, so they are one key.
  if (typeof key === "boolean") return key ? "1" : "0";
  if (isNumber(key) && Number.isInteger(num(key))) return String(num(key));
  return pyStr(key);
}

/**
 * Plain objects reorder integer-like keys and stringify all keys; Python dicts keep insertion order and key
 * types. When that matters (a non-string or integer-like key), the original keys ride along on the object.
 */
export function toPyDict(entries: Array<[unknown, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let needsOrder = false;
  for (const [k, v] of entries) {
    if (typeof k !== "string" || INDEX_LIKE.test(k)) needsOrder = true;
    out[dictKey(k)] = v;
  }
  if (needsOrder) {
    const seen = new Set<string>();
    const keys = entries.map(([k]) => k).filter((k) => !seen.has(dictKey(k)) && seen.add(dictKey(k)));
    Object.defineProperty(out, DICT_KEYS, { value: keys, configurable: true, writable: true });
  }
  return out;
}

/** Python `list(d)`: keys in insertion order with their original types. */
export function dictKeys(obj: object): unknown[] {
  const keys = (obj as { [DICT_KEYS]?: unknown[] })[DICT_KEYS];
  if (!keys) return Object.keys(obj);
  const own = (k: string) => Object.prototype.hasOwnProperty.call(obj, k);
  const known = keys.filter((k) => own(dictKey(k)));
  const covered = new Set(known.map(dictKey));
  return [...known, ...Object.keys(obj).filter((k) => !covered.has(k))];
}

/** Python `d.items()` as [key, value] pairs. */
export function dictEntries(obj: object): Array<[unknown, unknown]> {
  return dictKeys(obj).map((k) => [k, (obj as Record<string, unknown>)[dictKey(k)]]);
}

/** A shallow copy keeping the Python key order/types. */
export function copyDict(obj: Record<string, unknown>): Record<string, unknown> {
  return toPyDict(dictEntries(obj));
}

const TUPLE: unique symbol = Symbol("tuple");

/** Mark an array as a Python tuple (affects `repr` only). */
export function markTuple<T extends unknown[]>(array: T): T {
  Object.defineProperty(array, TUPLE, { value: true });
  return array;
}

export function isTuple(value: unknown): boolean {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

/** A string that is already markup (nunjucks `SafeString`, macro output). */
interface StringLike {
  val?: string;
  toString(): string;
}

export function isSafeString(value: unknown): value is StringLike {
  return value instanceof nunjucksRuntime.SafeString;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value) || value instanceof JinjaUndefined || value instanceof PyFloat) return false;
  if (isSafeString(value) || value instanceof Date || value instanceof Uint8Array || value instanceof PyDate) return false;
  return true;
}

export function objectTypeRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return "bool object";
  if (typeof value === "string" || isSafeString(value)) return "str object";
  if (isNumber(value)) return isFloat(value) ? "float object" : "int object";
  if (Array.isArray(value)) return isTuple(value) ? "tuple object" : "list object";
  if (typeof value === "function") return "function object";
  if (value instanceof PyDate) return value.repr.startsWith("datetime.date(") ? "date object" : "datetime object";
  if (isMapping(value)) {
    const ctor = (value as { constructor?: { name?: string } }).constructor;
    return !ctor || ctor === Object ? "dict object" : `${ctor.name} object`;
  }
  return `${typeof value} object`;
}

/** Python `repr(float)`: shortest round-trip digits, exponent outside 1e-4 <= |x| < 1e16. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return "nan";
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(n);
  if (abs >= 1e16 || abs < 1e-4) {
    const [mantissa, exp] = n.toExponential().split("e") as [string, string];
    const e = Number(exp);
    const sign = e < 0 ? "-" : "+";
    const digits = String(Math.abs(e)).padStart(2, "0");
    return `${mantissa}e${sign}${digits}`;
  }
  const s = String(n);
  if (s.includes("e")) {
    // JS uses exponent form from 1e21; Python prints positional digits up to 1e16.
    return BigInt(Math.round(n)).toString() + ".0";
  }
  return s.includes(".") ? s : `${s}.0`;
}

/** Python `repr(str)`. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Python `repr()` of a template value. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return strRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === "number") return Number.isInteger(value) ? intStr(value) : floatRepr(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof JinjaUndefined) return "Undefined";
  if (isSafeString(value)) return `Markup(${strRepr(String(value))})`;
  if (Array.isArray(value)) {
    const items = value.map((v) => pyRepr(v));
    if (isTuple(value)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    return `[${items.join(", ")}]`;
  }
  if (value instanceof Date) return pyStr(value);
  if (value instanceof PyDate) return value.repr;
  if (typeof value === "function") return `<function ${value.name || "<lambda>"}>`;
  if (typeof value === "object" && (value as object).constructor?.name === "Loop") return String(value);
  if (isMapping(value)) {
    const parts = dictEntries(value).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`);
    return `{${parts.join(", ")}}`;
  }
  return String(value);
}

function intStr(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  return BigInt(n).toString();
}

/** Python `str()` of a template value. */
export function pyStr(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof JinjaUndefined) return value.toPyStr();
  if (isSafeString(value)) return String(value);
  if (value instanceof Date) return dateStr(value);
  if (value instanceof PyDate) return value.text;
  return pyRepr(value);
}

function dateStr(d: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return `${date} ${time}${ms ? `.${pad(ms * 1000, 6)}` : ""}`;
}

/** Python truthiness (`bool()`). */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (value instanceof JinjaUndefined) {
    value.checkUsable();
    return false;
  }
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  if (value instanceof PyFloat) return value.value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isSafeString(value)) return String(value).length > 0;
  if (value instanceof Uint8Array) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return true;
}

/** Python `==` (no string/number coercion; True == 1; structural for lists and dicts). */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a instanceof JinjaUndefined || b instanceof JinjaUndefined) {
    if (a instanceof JinjaUndefined) a.checkUsable();
    if (b instanceof JinjaUndefined) b.checkUsable();
    return a instanceof JinjaUndefined && b instanceof JinjaUndefined;
  }
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (isSafeString(a)) a = String(a);
  if (isSafeString(b)) b = String(b);
  const na = typeof a === "boolean" ? Number(a) : a;
  const nb = typeof b === "boolean" ? Number(b) : b;
  if (isNumber(na) && isNumber(nb)) return num(na) === num(nb);
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    return a.every((v, i) => pyEquals(v, b[i]));
  }
  if (isMapping(a) && isMapping(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && pyEquals(a[k], b[k]));
  }
  return a === b;
}

function typeName(value: unknown): string {
  return objectTypeRepr(value).replace(/ object$/, "");
}

/** Python ordering (`<`): numbers with numbers, strings with strings, sequences lexicographically. */
export function pyCompare(a: unknown, b: unknown, op: string): number {
  if (a instanceof JinjaUndefined) a.fail();
  if (b instanceof JinjaUndefined) b.fail();
  const na = typeof a === "boolean" ? Number(a) : a;
  const nb = typeof b === "boolean" ? Number(b) : b;
  if (isNumber(na) && isNumber(nb)) return num(na) < num(nb) ? -1 : num(na) > num(nb) ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i], b[i])) return pyCompare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  throw new TemplateRuntimeError(
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** Python `len()`. */
export function pyLen(value: unknown): number {
  if (value instanceof JinjaUndefined) {
    value.checkUsable();
    return 0;
  }
  if (typeof value === "string") return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (isSafeString(value)) return [...String(value)].length;
  if (isMapping(value)) return Object.keys(value).length;
  throw new TemplateRuntimeError(`object of type '${typeName(value)}' has no len()`);
}

/** Python `iter()` materialised: strings iterate characters, dicts their keys. */
export function pyIter(value: unknown): unknown[] {
  if (value instanceof JinjaUndefined) {
    value.checkUsable();
    return [];
  }
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (isSafeString(value)) return [...String(value)];
  if (value instanceof Map) return [...value.keys()];
  if (value instanceof Set) return [...value];
  if (isMapping(value)) {
    if (typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function") {
      return [...(value as unknown as Iterable<unknown>)];
    }
    return dictKeys(value);
  }
  throw new TemplateRuntimeError(`'${typeName(value)}' object is not iterable`);
}
