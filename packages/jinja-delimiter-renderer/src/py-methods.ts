/** Python methods of `str`, `list` and `dict` values, reachable from templates (`x.startswith('/')`). */
import { bindArgs, required, splitArgs } from "./py-args.js";
import { strFormat } from "./py-format.js";
import {
  TemplateRuntimeError,
  copyDict,
  dictEntries,
  dictKey,
  dictKeys,
  isMapping,
  isNumber,
  isUndefined,
  markTuple,
  num,
  pyEquals,
  pyIter,
  pyRepr,
  pyStr,
} from "./py-values.js";

type Method = (self: never, args: unknown[]) => unknown;

const PY_WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === null || chars === undefined ? PY_WHITESPACE : pyStr(chars);
  const cps = [...s];
  let a = 0;
  let b = cps.length;
  if (left) while (a < b && set.includes(cps[a]!)) a++;
  if (right) while (b > a && set.includes(cps[b - 1]!)) b--;
  return cps.slice(a, b).join("");
}

/** Python `str.splitlines()`. */
export function splitlines(s: string, keepends = false): string[] {
  const out: string[] = [];
  const re = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
    last = m.index + m[0].length;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

/** Python `str.split(sep=None, maxsplit=-1)`. */
export function pySplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === null || sep === undefined) {
    const out: string[] = [];
    const cps = [...s];
    const n = cps.length;
    let i = 0;
    for (;;) {
      while (i < n && PY_WHITESPACE.includes(cps[i]!)) i++;
      if (i >= n) break;
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(cps.slice(i).join(""));
        break;
      }
      let j = i;
      while (j < n && !PY_WHITESPACE.includes(cps[j]!)) j++;
      out.push(cps.slice(i, j).join(""));
      i = j;
    }
    return out;
  }
  const sepStr = pyStr(sep);
  if (sepStr === "") throw new TemplateRuntimeError("empty separator");
  const parts = s.split(sepStr);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sepStr)];
}

function pyRsplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === null || sep === undefined) {
    // Right to left: the unsplit head keeps its leading whitespace.
    const cps = [...s];
    const out: string[] = [];
    let i = cps.length - 1;
    for (;;) {
      while (i >= 0 && PY_WHITESPACE.includes(cps[i]!)) i--;
      if (i < 0) break;
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(cps.slice(0, i + 1).join(""));
        break;
      }
      let j = i;
      while (j >= 0 && !PY_WHITESPACE.includes(cps[j]!)) j--;
      out.push(cps.slice(j + 1, i + 1).join(""));
      i = j;
    }
    return out.reverse();
  }
  if (maxsplit < 0) return pySplit(s, sep, -1);
  const sepStr = pyStr(sep);
  if (sepStr === "") throw new TemplateRuntimeError("empty separator");
  const parts = s.split(sepStr);
  if (parts.length <= maxsplit + 1) return parts;
  return [parts.slice(0, parts.length - maxsplit).join(sepStr), ...parts.slice(parts.length - maxsplit)];
}

function normIndex(len: number, value: unknown, def: number): number {
  if (value === null || value === undefined) return def;
  let n = Math.trunc(num(value));
  if (n < 0) n = Math.max(0, n + len);
  return Math.min(n, len);
}

function affix(name: string, s: string, args: unknown[], test: (sub: string, p: string) => boolean): boolean {
  const { values } = bindArgs(name, args, [["affix", required], ["start", null], ["end", null]]);
  const sub = s.slice(normIndex(s.length, values.start, 0), normIndex(s.length, values.end, s.length));
  const a = values.affix;
  const options = Array.isArray(a) ? a : [a];
  return options.some((p) => {
    if (typeof p !== "string") throw new TemplateRuntimeError(`${name} first arg must be str or a tuple of str, not ${pyRepr(p)}`);
    return test(sub, p);
  });
}

function pad(s: string, width: number, fill: string, mode: "l" | "r" | "c"): string {
  const len = [...s].length;
  if (width <= len) return s;
  const total = width - len;
  if (mode === "l") return s + fill.repeat(total);
  if (mode === "r") return fill.repeat(total) + s;
  const left = Math.floor(total / 2) + (total & width & 1);
  return fill.repeat(left) + s + fill.repeat(total - left);
}

export const STR_METHODS: Record<string, (s: string, args: unknown[], getField: (v: unknown, k: string, attr: boolean) => unknown) => unknown> = {
  startswith: (s, a) => affix("startswith", s, a, (sub, p) => sub.startsWith(p)),
  endswith: (s, a) => affix("endswith", s, a, (sub, p) => sub.endsWith(p)),
  split: (s, a) => {
    const { values } = bindArgs("split", a, [["sep", null], ["maxsplit", -1]]);
    return pySplit(s, values.sep, num(values.maxsplit));
  },
  rsplit: (s, a) => {
    const { values } = bindArgs("rsplit", a, [["sep", null], ["maxsplit", -1]]);
    return pyRsplit(s, values.sep, num(values.maxsplit));
  },
  splitlines: (s, a) => splitlines(s, Boolean(bindArgs("splitlines", a, [["keepends", false]]).values.keepends)),
  strip: (s, a) => stripChars(s, bindArgs("strip", a, [["chars", null]]).values.chars, true, true),
  lstrip: (s, a) => stripChars(s, bindArgs("lstrip", a, [["chars", null]]).values.chars, true, false),
  rstrip: (s, a) => stripChars(s, bindArgs("rstrip", a, [["chars", null]]).values.chars, false, true),
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(""),
  title: (s) => s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_, p: string, c: string) => p + c.toUpperCase()),
  capitalize: (s) => (s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s),
  replace: (s, a) => {
    const { values } = bindArgs("replace", a, [["old", required], ["new", required], ["count", -1]]);
    return pyReplace(s, pyStr(values.old), pyStr(values.new), num(values.count));
  },
  format: (s, a, getField) => strFormat(s, a, getField),
  join: (s, a) => {
    const { values } = bindArgs("join", a, [["iterable", required]]);
    return pyIter(values.iterable)
      .map((x) => {
        if (typeof x !== "string") throw new TemplateRuntimeError(`sequence item: expected str instance, ${pyRepr(x)} found`);
        return x;
      })
      .join(s);
  },
  find: (s, a) => {
    const { values } = bindArgs("find", a, [["sub", required], ["start", null], ["end", null]]);
    const start = normIndex(s.length, values.start, 0);
    const end = normIndex(s.length, values.end, s.length);
    const i = s.slice(0, end).indexOf(pyStr(values.sub), start);
    return i;
  },
  rfind: (s, a) => {
    const { values } = bindArgs("rfind", a, [["sub", required], ["start", null], ["end", null]]);
    const start = normIndex(s.length, values.start, 0);
    const end = normIndex(s.length, values.end, s.length);
    const i = s.slice(0, end).lastIndexOf(pyStr(values.sub));
    return i >= start ? i : -1;
  },
  index: (s, a, g) => {
    const i = STR_METHODS.find!(s, a, g) as number;
    if (i < 0) throw new TemplateRuntimeError("substring not found");
    return i;
  },
  rindex: (s, a, g) => {
    const i = STR_METHODS.rfind!(s, a, g) as number;
    if (i < 0) throw new TemplateRuntimeError("substring not found");
    return i;
  },
  count: (s, a) => {
    const sub = pyStr(bindArgs("count", a, [["sub", required]]).values.sub);
    if (sub === "") return [...s].length + 1;
    return s.split(sub).length - 1;
  },
  isdigit: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isdecimal: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isnumeric: (s) => s.length > 0 && /^\p{N}+$/u.test(s),
  isalpha: (s) => s.length > 0 && /^\p{L}+$/u.test(s),
  isalnum: (s) => s.length > 0 && /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => s.length > 0 && [...s].every((c) => PY_WHITESPACE.includes(c)),
  islower: (s) => /\p{Ll}/u.test(s) && !/\p{Lu}/u.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s),
  zfill: (s, a) => {
    const width = num(bindArgs("zfill", a, [["width", required]]).values.width);
    const sign = s[0] === "-" || s[0] === "+" ? s[0] : "";
    const body = sign ? s.slice(1) : s;
    return s.length >= width ? s : sign + body.padStart(width - sign.length, "0");
  },
  center: (s, a) => {
    const { values } = bindArgs("center", a, [["width", required], ["fillchar", " "]]);
    return pad(s, num(values.width), pyStr(values.fillchar), "c");
  },
  ljust: (s, a) => {
    const { values } = bindArgs("ljust", a, [["width", required], ["fillchar", " "]]);
    return pad(s, num(values.width), pyStr(values.fillchar), "l");
  },
  rjust: (s, a) => {
    const { values } = bindArgs("rjust", a, [["width", required], ["fillchar", " "]]);
    return pad(s, num(values.width), pyStr(values.fillchar), "r");
  },
  partition: (s, a) => {
    const sep = pyStr(bindArgs("partition", a, [["sep", required]]).values.sep);
    const i = s.indexOf(sep);
    return markTuple(i < 0 ? [s, "", ""] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s, a) => {
    const sep = pyStr(bindArgs("rpartition", a, [["sep", required]]).values.sep);
    const i = s.lastIndexOf(sep);
    return markTuple(i < 0 ? ["", "", s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s, a) => {
    const p = pyStr(bindArgs("removeprefix", a, [["prefix", required]]).values.prefix);
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s, a) => {
    const p = pyStr(bindArgs("removesuffix", a, [["suffix", required]]).values.suffix);
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  expandtabs: (s, a) => {
    const size = num(bindArgs("expandtabs", a, [["tabsize", 8]]).values.tabsize);
    let col = 0;
    let out = "";
    for (const c of s) {
      if (c === "\t") {
        const n = size > 0 ? size - (col % size) : 0;
        out += " ".repeat(n);
        col += n;
      } else {
        out += c;
        col = c === "\n" || c === "\r" ? 0 : col + 1;
      }
    }
    return out;
  },
};

/** Python `str.replace(old, new, count)`. */
export function pyReplace(s: string, old: string, replacement: string, count = -1): string {
  if (old === "") {
    const chars = [...s];
    const limit = count < 0 ? chars.length + 1 : Math.min(count, chars.length + 1);
    let out = "";
    for (let i = 0; i < chars.length; i++) out += (i < limit ? replacement : "") + chars[i];
    return out + (limit > chars.length ? replacement : "");
  }
  if (count < 0) return s.split(old).join(replacement);
  const parts = s.split(old);
  if (parts.length - 1 <= count) return parts.join(replacement);
  return parts.slice(0, count + 1).join(replacement) + old + parts.slice(count + 1).join(old);
}

function indexOfEq(list: unknown[], value: unknown): number {
  return list.findIndex((x) => pyEquals(x, value));
}

export const LIST_METHODS: Record<string, (l: unknown[], args: unknown[]) => unknown> = {
  append: (l, a) => {
    l.push(bindArgs("append", a, [["object", required]]).values.object);
    return null;
  },
  extend: (l, a) => {
    l.push(...pyIter(bindArgs("extend", a, [["iterable", required]]).values.iterable));
    return null;
  },
  insert: (l, a) => {
    const { values } = bindArgs("insert", a, [["index", required], ["object", required]]);
    l.splice(normIndex(l.length, values.index, 0), 0, values.object);
    return null;
  },
  pop: (l, a) => {
    const { values } = bindArgs("pop", a, [["index", -1]]);
    if (!l.length) throw new TemplateRuntimeError("pop from empty list");
    let i = Math.trunc(num(values.index));
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw new TemplateRuntimeError("pop index out of range");
    return l.splice(i, 1)[0];
  },
  remove: (l, a) => {
    const i = indexOfEq(l, bindArgs("remove", a, [["value", required]]).values.value);
    if (i < 0) throw new TemplateRuntimeError("list.remove(x): x not in list");
    l.splice(i, 1);
    return null;
  },
  index: (l, a) => {
    const v = bindArgs("index", a, [["value", required]]).values.value;
    const i = indexOfEq(l, v);
    if (i < 0) throw new TemplateRuntimeError(`${pyRepr(v)} is not in list`);
    return i;
  },
  count: (l, a) => {
    const v = bindArgs("count", a, [["value", required]]).values.value;
    return l.filter((x) => pyEquals(x, v)).length;
  },
  reverse: (l) => {
    l.reverse();
    return null;
  },
  copy: (l) => [...l],
  clear: (l) => {
    l.length = 0;
    return null;
  },
};

export const TUPLE_METHODS: Record<string, (l: unknown[], args: unknown[]) => unknown> = {
  index: LIST_METHODS.index!,
  count: LIST_METHODS.count!,
};

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export const DICT_METHODS: Record<string, (d: Record<string, unknown>, args: unknown[]) => unknown> = {
  items: (d) => dictEntries(d).map(([k, v]) => markTuple([k, v])),
  keys: (d) => dictKeys(d),
  values: (d) => dictEntries(d).map(([, v]) => v),
  get: (d, a) => {
    const { values } = bindArgs("get", a, [["key", required], ["default", null]]);
    const k = dictKey(values.key);
    return own(d, k) ? d[k] : values.default;
  },
  pop: (d, a) => {
    const { positional } = splitArgs(a);
    const k = dictKey(positional[0]);
    if (own(d, k)) {
      const v = d[k];
      delete d[k];
      return v;
    }
    if (positional.length > 1) return positional[1];
    throw new TemplateRuntimeError(`KeyError: ${pyRepr(positional[0])}`);
  },
  setdefault: (d, a) => {
    const { values } = bindArgs("setdefault", a, [["key", required], ["default", null]]);
    const k = dictKey(values.key);
    if (!own(d, k)) d[k] = values.default;
    return d[k];
  },
  update: (d, a) => {
    const { positional, keywords } = splitArgs(a);
    for (const other of positional) {
      if (isMapping(other)) Object.assign(d, other);
      else for (const pair of pyIter(other)) {
        const [k, v] = pyIter(pair);
        d[dictKey(k)] = v;
      }
    }
    Object.assign(d, keywords);
    return null;
  },
  copy: (d) => copyDict(d),
  popitem: (d) => {
    const keys = dictKeys(d);
    if (!keys.length) throw new TemplateRuntimeError("popitem(): dictionary is empty");
    const k = keys[keys.length - 1];
    const v = d[dictKey(k)];
    delete d[dictKey(k)];
    return markTuple([k, v]);
  },
  clear: (d) => {
    for (const k of Object.keys(d)) delete d[k];
    return null;
  },
};

export const NUMBER_METHODS: Record<string, (n: number, args: unknown[]) => unknown> = {
  is_integer: (n) => Number.isInteger(n),
  bit_length: (n) => (n === 0 ? 0 : Math.floor(Math.log2(Math.abs(n))) + 1),
};

/** Look up a Python method of a builtin value; undefined when it has none of that name. */
export function builtinMethod(
  obj: unknown,
  name: string,
  getField: (v: unknown, k: string, attr: boolean) => unknown,
): ((...args: unknown[]) => unknown) | undefined {
  if (typeof obj === "string") {
    const m = own(STR_METHODS, name) ? STR_METHODS[name] : undefined;
    return m && ((...args: unknown[]) => m(obj, args, getField));
  }
  if (Array.isArray(obj)) {
    const table = (obj as unknown[] & { [k: symbol]: unknown }) && LIST_METHODS;
    const m = own(table, name) ? table[name] : undefined;
    return m && ((...args: unknown[]) => m(obj, args));
  }
  if (isNumber(obj) && own(NUMBER_METHODS, name)) {
    const m = NUMBER_METHODS[name]!;
    return (...args: unknown[]) => m(num(obj), args);
  }
  if (isMapping(obj) && !isUndefined(obj)) {
    const proto = Object.getPrototypeOf(obj);
    if (proto !== null && proto !== Object.prototype) return undefined;
    const m = own(DICT_METHODS, name) ? DICT_METHODS[name] : undefined;
    return m && ((...args: unknown[]) => m(obj, args));
  }
  return undefined;
}

export type { Method };
