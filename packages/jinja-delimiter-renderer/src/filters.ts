/** Jinja2's built-in filters (`jinja2/filters.py`) with Python semantics and keyword arguments. */
import { bindArgs, required, splitArgs } from "./py-args.js";
import { percentFormat } from "./py-format.js";
import { pyReplace, splitlines } from "./py-methods.js";
import {
  JinjaUndefined,
  TemplateRuntimeError,
  dictEntries,
  floatRepr,
  isFloat,
  isMapping,
  isNumber,
  isSafeString,
  markTuple,
  num,
  objectTypeRepr,
  pyCompare,
  pyEquals,
  pyIter,
  pyLen,
  pyRepr,
  pyStr,
  toFloat,
  truthy,
} from "./py-values.js";
import type { TemplateFunction } from "./types.js";

export interface FilterHost {
  getattr(obj: unknown, name: unknown): unknown;
  getitem(obj: unknown, key: unknown): unknown;
  test(name: string): TemplateFunction;
  filter(name: string): TemplateFunction;
  undefined(hint: string): JinjaUndefined;
}

const str = (v: unknown) => pyStr(v);
const typeName = (v: unknown) => (v instanceof JinjaUndefined ? "Undefined" : objectTypeRepr(v).replace(/ object$/, ""));

/** Jinja2 `make_attrgetter`: dotted paths, integer parts become indexes. */
function attrGetter(host: FilterHost, attribute: unknown, postprocess?: (v: unknown) => unknown, def?: unknown) {
  const parts = typeof attribute === "string" ? attribute.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [attribute];
  return (item: unknown) => {
    let v = item;
    for (const part of parts) {
      v = host.getitem(v, part);
      if (def !== undefined && v instanceof JinjaUndefined) {
        v = def;
        break;
      }
    }
    return postprocess ? postprocess(v) : v;
  };
}

const lowerIfStr = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);

function sortKey(caseSensitive: boolean) {
  return (v: unknown) => (caseSensitive ? v : lowerIfStr(v));
}

function pySort<T>(items: T[], key: (v: T) => unknown, reverse: boolean): T[] {
  const decorated = items.map((v, i) => ({ k: key(v), v, i }));
  decorated.sort((a, b) => {
    const c = pyCompare(a.k, b.k, "<");
    return c === 0 ? a.i - b.i : reverse ? -c : c;
  });
  return decorated.map((d) => d.v);
}

/** Jinja2 `prepare_select_or_reject`. */
function selectOrReject(host: FilterHost, name: string, args: unknown[], lookupAttr: boolean, modfunc: (b: boolean) => boolean) {
  const { positional, keywords } = splitArgs(args);
  const [seq, ...rest] = positional;
  // Jinja2 iterates only a truthy sequence (`if seq: for item in seq`).
  if (!truthy(seq)) return [];
  let transform = (x: unknown) => x;
  let i = 0;
  if (lookupAttr) {
    if (rest.length < 1) throw new TemplateRuntimeError(`${name}() missing required argument: 'attr'`);
    transform = attrGetter(host, rest[0]);
    i = 1;
  }
  let predicate: (x: unknown) => boolean;
  if (rest.length > i) {
    const testName = str(rest[i]);
    const testArgs = rest.slice(i + 1);
    const fn = host.test(testName);
    const kw = Object.keys(keywords).length ? [{ ...keywords, __keywords: true }] : [];
    predicate = (x) => truthy(fn(x, ...testArgs, ...kw));
  } else {
    predicate = (x) => truthy(x);
  }
  return pyIter(seq).filter((item) => modfunc(predicate(transform(item))));
}

function doIndent(s: string, width: unknown, first: unknown, blank: unknown): string {
  const indention = typeof width === "string" ? width : " ".repeat(num(width));
  const text = s + "\n";
  let rv: string;
  if (truthy(blank)) {
    rv = splitlines(text).join("\n" + indention);
  } else {
    const lines = splitlines(text);
    rv = lines.shift() ?? "";
    if (lines.length) rv += "\n" + lines.map((line) => (line ? indention + line : line)).join("\n");
  }
  if (truthy(first)) rv = indention + rv;
  return rv;
}

function toInt(value: unknown, def: unknown, base: number): unknown {
  if (typeof value === "boolean") return Number(value);
  if (isNumber(value)) return Math.trunc(num(value));
  if (typeof value === "string") {
    const s = value.trim().replace(/_/g, "");
    if (base === 10 && /^[-+]?\d+$/.test(s)) return parseInt(s, 10);
    const prefixed = /^([-+]?)0([xob])([0-9a-f]+)$/i.exec(s);
    if (base === 10 && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return Math.trunc(Number(s));
    if (base !== 10 && /^[-+]?[0-9a-z]+$/i.test(s)) {
      const n = parseInt(s, base);
      if (!Number.isNaN(n)) return n;
    }
    if (prefixed && base === 16 === (prefixed[2]!.toLowerCase() === "x")) {
      const b = { x: 16, o: 8, b: 2 }[prefixed[2]!.toLowerCase() as "x" | "o" | "b"];
      const n = parseInt(prefixed[3]!, b);
      if (!Number.isNaN(n)) return prefixed[1] === "-" ? -n : n;
    }
  }
  return def;
}

function toFloatValue(value: unknown, def: unknown): unknown {
  if (typeof value === "boolean") return toFloat(Number(value));
  if (isNumber(value)) return toFloat(num(value));
  if (typeof value === "string") {
    const s = value.trim().replace(/_/g, "");
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return toFloat(Number(s));
    if (/^[-+]?(inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
    if (/^[-+]?nan$/i.test(s)) return NaN;
  }
  return def;
}

function pyRound(value: number, precision: number, method: string): number {
  const f = 10 ** precision;
  const x = value * f;
  let r: number;
  if (method === "ceil") r = Math.ceil(x);
  else if (method === "floor") r = Math.floor(x);
  else {
    // Python's round-half-even is not what "common" means: Jinja2 rounds half away from zero via round().
    // Jinja2's "common" uses Python round(), i.e. banker's rounding on the decimal value.
    const fl = Math.floor(x);
    const diff = x - fl;
    if (Math.abs(diff - 0.5) < 1e-9) r = fl % 2 === 0 ? fl : fl + 1;
    else r = Math.round(x);
  }
  return r / f;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };

/** Python `json.dumps(value, sort_keys=True)` (Jinja2's `tojson` policy), then HTML-safe escapes. */
function jsonDumps(value: unknown, indent: number | null, sortKeys: boolean, level = 0): string {
  if (value === null || value === undefined) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (isNumber(value)) {
    const n = num(value);
    if (Number.isNaN(n)) return "NaN";
    if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
    return isFloat(value) ? floatRepr(n) : String(n);
  }
  if (typeof value === "string" || isSafeString(value)) {
    return '"' + String(value).replace(/[\\"\u0000-\u001f\u007f-\uffff]/g, (c) => {
      const map: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };
      return map[c] ?? "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    }) + '"';
  }
  const nl = indent === null ? "" : "\n" + " ".repeat(indent * (level + 1));
  const end = indent === null ? "" : "\n" + " ".repeat(indent * level);
  const sep = indent === null ? ", " : ",";
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    return "[" + value.map((v) => nl + jsonDumps(v, indent, sortKeys, level + 1)).join(sep) + end + "]";
  }
  if (isMapping(value)) {
    let keys = Object.keys(value);
    if (!keys.length) return "{}";
    if (sortKeys) keys = keys.sort();
    return "{" + keys.map((k) => nl + jsonDumps(k, indent, sortKeys) + ": " + jsonDumps(value[k], indent, sortKeys, level + 1)).join(sep) + end + "}";
  }
  if (value instanceof JinjaUndefined) {
    value.checkUsable();
    throw new TemplateRuntimeError("Object of type Undefined is not JSON serializable");
  }
  throw new TemplateRuntimeError(`Object of type ${typeof value} is not JSON serializable`);
}

export function builtinFilters(host: FilterHost): Record<string, TemplateFunction> {
  const f: Record<string, TemplateFunction> = {
    abs: (v: unknown) => {
      if (typeof v === "boolean") return Number(v);
      if (!isNumber(v)) throw new TemplateRuntimeError(`bad operand type for abs(): '${typeName(v)}'`);
      return isFloat(v) ? toFloat(Math.abs(num(v))) : Math.abs(num(v));
    },
    attr: (v: unknown, name: unknown) => host.getattr(v, name),
    batch(...args: unknown[]) {
      const { values } = bindArgs("batch", args, [["value", required], ["linecount", required], ["fill_with", null]]);
      const size = num(values.linecount);
      const out: unknown[][] = [];
      let tmp: unknown[] = [];
      for (const item of pyIter(values.value)) {
        if (tmp.length === size) {
          out.push(tmp);
          tmp = [];
        }
        tmp.push(item);
      }
      if (tmp.length) {
        if (values.fill_with !== null && tmp.length < size) while (tmp.length < size) tmp.push(values.fill_with);
        out.push(tmp);
      }
      return out;
    },
    capitalize: (v: unknown) => {
      const s = str(v);
      return s ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s;
    },
    center(...args: unknown[]) {
      const { values } = bindArgs("center", args, [["value", required], ["width", 80]]);
      const s = str(values.value);
      const width = num(values.width);
      const total = width - [...s].length;
      if (total <= 0) return s;
      const left = Math.floor(total / 2) + (total & width & 1);
      return " ".repeat(left) + s + " ".repeat(total - left);
    },
    default(...args: unknown[]) {
      const { values } = bindArgs("default", args, [["value", required], ["default_value", ""], ["boolean", false]]);
      const v = values.value;
      if (v instanceof JinjaUndefined || v === undefined || (truthy(values.boolean) && !truthy(v))) return values.default_value;
      return v;
    },
    dictsort(...args: unknown[]) {
      const { values } = bindArgs("dictsort", args, [["value", required], ["case_sensitive", false], ["by", "key"], ["reverse", false]]);
      const pos = values.by === "key" ? 0 : values.by === "value" ? 1 : (() => {
        throw new TemplateRuntimeError("You can only sort by either 'key' or 'value'");
      })();
      if (values.value instanceof JinjaUndefined) values.value.fail();
      if (!isMapping(values.value)) throw new TemplateRuntimeError(`'${typeof values.value === "string" ? "str" : Array.isArray(values.value) ? "list" : "non-mapping"}' object has no attribute 'items'`);
      const items = dictEntries(values.value as Record<string, unknown>).map(([k, v]) => markTuple([k, v]));
      return pySort(items, (item) => sortKey(truthy(values.case_sensitive))(item[pos]), truthy(values.reverse));
    },
    escape: (v: unknown) => str(v).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!),
    first(v: unknown) {
      const items = pyIter(v);
      return items.length ? items[0] : host.undefined("No first item, sequence was empty.");
    },
    float(...args: unknown[]) {
      const { values } = bindArgs("float", args, [["value", required], ["default", 0]]);
      if (values.value instanceof JinjaUndefined) values.value.fail();
      return toFloatValue(values.value, values.default === 0 ? toFloat(0) : values.default);
    },
    forceescape: (v: unknown) => str(v).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!),
    format(value: unknown, ...args: unknown[]) {
      const { positional, keywords } = splitArgs(args);
      if (positional.length && Object.keys(keywords).length) {
        throw new TemplateRuntimeError("can't handle positional and keyword arguments at the same time");
      }
      return percentFormat(str(value), Object.keys(keywords).length ? keywords : markTuple(positional));
    },
    groupby(...args: unknown[]) {
      const { values } = bindArgs("groupby", args, [["value", required], ["attribute", required], ["default", undefined], ["case_sensitive", false]]);
      const getter = attrGetter(host, values.attribute, truthy(values.case_sensitive) ? undefined : lowerIfStr, values.default);
      const sorted = pySort(pyIter(values.value), getter, false);
      const groups: Array<{ grouper: unknown; list: unknown[] }> = [];
      for (const item of sorted) {
        const key = getter(item);
        const last = groups[groups.length - 1];
        if (last && pyEquals(last.grouper, key)) last.list.push(item);
        else groups.push({ grouper: key, list: [item] });
      }
      if (!truthy(values.case_sensitive)) {
        const output = attrGetter(host, values.attribute, undefined, values.default);
        for (const g of groups) g.grouper = output(g.list[0]);
      }
      return groups.map((g) => Object.assign(markTuple([g.grouper, g.list]), { grouper: g.grouper, list: g.list }));
    },
    indent(...args: unknown[]) {
      const { values } = bindArgs("indent", args, [["s", required], ["width", 4], ["first", false], ["blank", false]]);
      if (values.s instanceof JinjaUndefined) values.s.fail();
      if (typeof values.s !== "string" && !isSafeString(values.s)) {
        throw new TemplateRuntimeError(`can only concatenate ${pyRepr(values.s).startsWith("[") ? "list" : "non-str"} (not "str") to it: indent needs a string`);
      }
      return doIndent(str(values.s), values.width, values.first, values.blank);
    },
    int(...args: unknown[]) {
      const { values } = bindArgs("int", args, [["value", required], ["default", 0], ["base", 10]]);
      if (values.value instanceof JinjaUndefined) values.value.fail();
      return toInt(values.value, values.default, num(values.base));
    },
    items(v: unknown) {
      if (v instanceof JinjaUndefined) return [];
      if (!isMapping(v)) throw new TemplateRuntimeError(`Can only get item pairs from a mapping.`);
      return dictEntries(v).map(([k, x]) => markTuple([k, x]));
    },
    join(...args: unknown[]) {
      const { values } = bindArgs("join", args, [["value", required], ["d", ""], ["attribute", null]]);
      let items = pyIter(values.value);
      if (values.attribute !== null) items = items.map(attrGetter(host, values.attribute));
      return items.map(str).join(str(values.d));
    },
    last(v: unknown) {
      const items = pyIter(v);
      return items.length ? items[items.length - 1] : host.undefined("No last item, sequence was empty.");
    },
    length: (v: unknown) => pyLen(v),
    list: (v: unknown) => [...pyIter(v)],
    lower: (v: unknown) => str(v).toLowerCase(),
    map(...args: unknown[]) {
      const { positional, keywords } = splitArgs(args);
      const [seq, ...rest] = positional;
      const items = truthy(seq) ? pyIter(seq) : [];
      if (!rest.length && "attribute" in keywords) {
        const getter = attrGetter(host, keywords.attribute, undefined, keywords.default);
        return items.map(getter);
      }
      if (!rest.length) throw new TemplateRuntimeError("map requires a filter argument");
      const fn = host.filter(str(rest[0]));
      const fargs = rest.slice(1);
      const kw = Object.keys(keywords).length ? [{ ...keywords, __keywords: true }] : [];
      return items.map((x) => fn(x, ...fargs, ...kw));
    },
    max(...args: unknown[]) {
      const { values } = bindArgs("max", args, [["value", required], ["case_sensitive", false], ["attribute", null]]);
      const items = pyIter(values.value);
      if (!items.length) return host.undefined("No aggregated item, sequence was empty.");
      const key = (x: unknown) => sortKey(truthy(values.case_sensitive))(values.attribute !== null ? attrGetter(host, values.attribute)(x) : x);
      return items.reduce((a, b) => (pyCompare(key(b), key(a), ">") > 0 ? b : a));
    },
    min(...args: unknown[]) {
      const { values } = bindArgs("min", args, [["value", required], ["case_sensitive", false], ["attribute", null]]);
      const items = pyIter(values.value);
      if (!items.length) return host.undefined("No aggregated item, sequence was empty.");
      const key = (x: unknown) => sortKey(truthy(values.case_sensitive))(values.attribute !== null ? attrGetter(host, values.attribute)(x) : x);
      return items.reduce((a, b) => (pyCompare(key(b), key(a), "<") < 0 ? b : a));
    },
    pprint: (v: unknown) => pyRepr(v),
    reject: (...args: unknown[]) => selectOrReject(host, "reject", args, false, (b) => !b),
    rejectattr: (...args: unknown[]) => selectOrReject(host, "rejectattr", args, true, (b) => !b),
    replace(...args: unknown[]) {
      const { values } = bindArgs("replace", args, [["s", required], ["old", required], ["new", required], ["count", null]]);
      return pyReplace(str(values.s), str(values.old), str(values.new), values.count === null ? -1 : num(values.count));
    },
    reverse(v: unknown) {
      if (typeof v === "string") return [...v].reverse().join("");
      return [...pyIter(v)].reverse();
    },
    round(...args: unknown[]) {
      const { values } = bindArgs("round", args, [["value", required], ["precision", 0], ["method", "common"]]);
      const method = str(values.method);
      if (!["common", "ceil", "floor"].includes(method)) throw new TemplateRuntimeError("method must be common, ceil or floor");
      const v = values.value;
      if (!isNumber(v) && typeof v !== "boolean") throw new TemplateRuntimeError(`type ${typeName(v)} doesn't define __round__ method`);
      const rounded = pyRound(num(typeof v === "boolean" ? Number(v) : v), num(values.precision), method);
      // Python's round() keeps ints ints; floats stay floats.
      return isFloat(v) || method !== "common" ? toFloat(rounded) : rounded;
    },
    safe: (v: unknown) => str(v),
    select: (...args: unknown[]) => selectOrReject(host, "select", args, false, (b) => b),
    selectattr: (...args: unknown[]) => selectOrReject(host, "selectattr", args, true, (b) => b),
    slice(...args: unknown[]) {
      const { values } = bindArgs("slice", args, [["value", required], ["slices", required], ["fill_with", null]]);
      const seq = pyIter(values.value);
      const slices = num(values.slices);
      const length = seq.length;
      const perSlice = Math.floor(length / slices);
      const withExtra = length % slices;
      let offset = 0;
      const out: unknown[][] = [];
      for (let i = 0; i < slices; i++) {
        const start = offset + i * perSlice;
        if (i < withExtra) offset += 1;
        const end = offset + (i + 1) * perSlice;
        const tmp = seq.slice(start, end);
        if (values.fill_with !== null && i >= withExtra) tmp.push(values.fill_with);
        out.push(tmp);
      }
      return out;
    },
    sort(...args: unknown[]) {
      const { values } = bindArgs("sort", args, [["value", required], ["reverse", false], ["case_sensitive", false], ["attribute", null]]);
      // Jinja2 make_multi_attrgetter: the key is a list (one entry per comma-separated attribute).
      const getters =
        typeof values.attribute === "string"
          ? values.attribute.split(",").map((a) => attrGetter(host, a))
          : values.attribute !== null
            ? [attrGetter(host, values.attribute)]
            : [(x: unknown) => x];
      const post = sortKey(truthy(values.case_sensitive));
      return pySort([...pyIter(values.value)], (x) => getters.map((g) => post(g(x))), truthy(values.reverse));
    },
    string: (v: unknown) => str(v),
    striptags: (v: unknown) => str(v).replace(/<!--[\s\S]*?-->|<[^>]*>/g, "").split(/\s+/).filter(Boolean).join(" "),
    sum(...args: unknown[]) {
      const { values } = bindArgs("sum", args, [["iterable", required], ["attribute", null], ["start", 0]]);
      let items = pyIter(values.iterable);
      if (values.attribute !== null) items = items.map(attrGetter(host, values.attribute));
      let total: unknown = values.start;
      let float = isFloat(total);
      for (const x of items) {
        if (!isNumber(x) && typeof x !== "boolean") {
          throw new TemplateRuntimeError(`unsupported operand type(s) for +: '${typeName(total)}' and '${typeName(x)}'`);
        }
        float ||= isFloat(x);
        total = num(total) + num(typeof x === "boolean" ? Number(x) : x);
      }
      return float ? toFloat(num(total)) : total;
    },
    title: (v: unknown) =>
      // Jinja2 splits on runs of `-`, whitespace, `(`, `{`, `[`, `<` and capitalizes every piece.
      str(v).replace(/[^-\s({[<]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()),
    tojson(...args: unknown[]) {
      const { values } = bindArgs("tojson", args, [["value", required], ["indent", null]]);
      const out = jsonDumps(values.value, values.indent === null ? null : num(values.indent), true);
      return out.replace(/[<>&']/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
    },
    trim(...args: unknown[]) {
      const { values } = bindArgs("trim", args, [["value", required], ["chars", null]]);
      const s = str(values.value);
      if (values.chars === null) return s.replace(/^[\s\u0085]+|[\s\u0085]+$/g, "");
      const set = str(values.chars);
      let a = 0;
      let b = s.length;
      while (a < b && set.includes(s[a]!)) a++;
      while (b > a && set.includes(s[b - 1]!)) b--;
      return s.slice(a, b);
    },
    truncate(...args: unknown[]) {
      const { values } = bindArgs("truncate", args, [["s", required], ["length", 255], ["killwords", false], ["end", "..."], ["leeway", null]]);
      const s = str(values.s);
      const length = num(values.length);
      const end = str(values.end);
      const leeway = values.leeway === null ? 5 : num(values.leeway);
      if (length < end.length) throw new TemplateRuntimeError(`expected length >= ${end.length}, got ${length}`);
      if (leeway < 0) throw new TemplateRuntimeError(`expected leeway >= 0, got ${leeway}`);
      if (length < 0) throw new TemplateRuntimeError(`expected length >= ${end.length}, got ${length}`);
      // Jinja2 returns the value itself (not its string form) when it is short enough.
      if (pyLen(values.s) <= length + leeway) return values.s;
      const cps = [...s];
      const head = cps.slice(0, length - end.length).join("");
      if (truthy(values.killwords)) return head + end;
      const i = head.lastIndexOf(" ");
      return (i >= 0 ? head.slice(0, i) : head) + end;
    },
    unique(...args: unknown[]) {
      const { values } = bindArgs("unique", args, [["value", required], ["case_sensitive", false], ["attribute", null]]);
      const getter = values.attribute !== null ? attrGetter(host, values.attribute) : (x: unknown) => x;
      const seen: unknown[] = [];
      const out: unknown[] = [];
      for (const item of pyIter(values.value)) {
        const key = sortKey(truthy(values.case_sensitive))(getter(item));
        if (Array.isArray(key) || isMapping(key)) throw new TemplateRuntimeError(`unhashable type: '${typeName(key)}'`);
        if (!seen.some((s) => pyEquals(s, key))) {
          seen.push(key);
          out.push(item);
        }
      }
      return out;
    },
    upper: (v: unknown) => str(v).toUpperCase(),
    urlencode(v: unknown) {
      const enc = (s: unknown) => encodeURIComponent(str(s)).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%2F/g, "/");
      if (typeof v === "string") return enc(v);
      const pairs = isMapping(v) ? dictEntries(v) : pyIter(v).map((p) => pyIter(p) as [unknown, unknown]);
      const qs = (x: unknown) => enc(x).replace(/\//g, "%2F").replace(/%20/g, "+");
      return pairs.map(([k, x]) => `${qs(k)}=${qs(x)}`).join("&");
    },
    wordcount: (v: unknown) => (str(v).match(/\w+/gu) ?? []).length,
  };
  f.d = f.default!;
  f.e = f.escape!;
  f.count = f.length!;
  return f;
}
