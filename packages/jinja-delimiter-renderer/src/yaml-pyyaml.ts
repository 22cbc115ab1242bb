/**
 * YAML loading with PyYAML `safe_load_all` semantics (YAML 1.1 resolvers as PyYAML implements them), so data
 * files give templates the same values makejinja sees: `yes/no/on/off` are booleans but `y/n` are strings,
 * `1e3` is a string (PyYAML floats need a dot), `0o17` is a string, `017` is octal, `08` is a string,
 * `1:20` is sexagesimal, dates print like Python's `str(date)`, and integral floats stay floats (`1.0`).
 */
import { isScalar, parseAllDocuments, visit, type Scalar } from "yaml";
import { PyDate, PyFloat, toPyDict } from "./py-values.js";

const NULL_RE = /^(?:~|null|Null|NULL|)$/;
const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT_RE = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT_RE = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP_RE = /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;
const TIMESTAMP_PARTS = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

function sexagesimal(s: string, parse: (x: string) => number): number {
  let sign = 1;
  if (s[0] === "-") sign = -1;
  if (s[0] === "-" || s[0] === "+") s = s.slice(1);
  const digits = s.split(":").map(parse).reverse();
  let base = 1;
  let value = 0;
  for (const d of digits) {
    value += d * base;
    base *= 60;
  }
  return sign * value;
}

function resolveInt(source: string): number {
  const s = source.replace(/_/g, "");
  let sign = 1;
  let body = s;
  if (body[0] === "-" || body[0] === "+") {
    if (body[0] === "-") sign = -1;
    body = body.slice(1);
  }
  if (body === "0") return 0;
  if (body.startsWith("0b")) return sign * parseInt(body.slice(2), 2);
  if (body.startsWith("0x")) return sign * parseInt(body.slice(2), 16);
  if (body.startsWith("0")) return sign * parseInt(body, 8);
  if (body.includes(":")) return sign * sexagesimal(body, (x) => parseInt(x, 10));
  return sign * parseInt(body, 10);
}

function resolveFloat(source: string): number | PyFloat {
  const s = source.replace(/_/g, "").toLowerCase();
  let value: number;
  if (s.endsWith(".inf")) value = s.startsWith("-") ? -Infinity : Infinity;
  else if (s.endsWith(".nan")) value = NaN;
  else if (s.includes(":")) value = sexagesimal(s, (x) => parseFloat(x));
  else value = Number(s.endsWith(".") ? s.slice(0, -1) : s);
  return Number.isInteger(value) ? new PyFloat(value) : value;
}

/** The date/datetime PyYAML builds from a timestamp, printing like Python's `str()`. */
function resolveTimestamp(source: string): PyDate | string {
  const m = TIMESTAMP_PARTS.exec(source);
  if (!m) return source;
  const pad = (x: string | undefined, n = 2) => (x ?? "0").padStart(n, "0");
  const date = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  const ymd = `${Number(m[1])}, ${Number(m[2])}, ${Number(m[3])}`;
  if (m[4] === undefined) return new PyDate(date, `datetime.date(${ymd})`);
  let out = `${date} ${pad(m[4])}:${m[5]}:${m[6]}`;
  const fraction = (m[7] ?? "").slice(0, 6);
  if (fraction && Number(fraction) !== 0) out += "." + fraction.padEnd(6, "0");
  if (m[8] !== undefined) {
    if (m[8] === "Z") out += "+00:00";
    else out += `${m[9]}${pad(m[10])}:${pad(m[11] ?? "00")}`;
  }
  return new PyDate(out, `datetime.datetime(${ymd}, ${Number(m[4])}, ${Number(m[5])}, ${Number(m[6])})`);
}

/** Resolve a plain (unquoted, untagged) scalar the way PyYAML's SafeLoader does. */
export function resolvePlainScalar(source: string): unknown {
  if (NULL_RE.test(source)) return null;
  if (BOOL_RE.test(source)) return /^(?:yes|true|on)$/i.test(source);
  if (INT_RE.test(source)) return resolveInt(source);
  if (FLOAT_RE.test(source)) return resolveFloat(source);
  if (TIMESTAMP_RE.test(source)) return resolveTimestamp(source);
  return source;
}

/** Maps (which keep key order and types) → plain objects carrying Python key order; aliases stay shared. */
function fromMaps(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== "object" || value === null) return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (value instanceof Map) {
    const entries: Array<[unknown, unknown]> = [];
    const out = toPyDict([]);
    seen.set(value, out);
    for (const [k, v] of value) entries.push([k, fromMaps(v, seen)]);
    const filled = toPyDict(entries);
    Object.defineProperties(out, Object.getOwnPropertyDescriptors(filled));
    for (const sym of Object.getOwnPropertySymbols(filled)) {
      Object.defineProperty(out, sym, Object.getOwnPropertyDescriptor(filled, sym)!);
    }
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(fromMaps(v, seen));
    return out;
  }
  return value;
}

export interface YamlLoadResult {
  documents: unknown[];
  errors: Array<{ line: number; col: number; message: string }>;
}

/** Load every document of a YAML stream (PyYAML `safe_load_all`). */
export function loadYamlDocuments(text: string): YamlLoadResult {
  const docs = parseAllDocuments(text, { version: "1.1", uniqueKeys: false, merge: true, prettyErrors: true });
  const errors: YamlLoadResult["errors"] = [];
  const documents: unknown[] = [];
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0];
      const message = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      errors.push({ line: pos?.line ?? 0, col: pos?.col ?? 0, message });
    }
    if (doc.errors.length) continue;
    visit(doc, {
      Scalar(_key, node: Scalar) {
        if (!isScalar(node) || node.type !== "PLAIN" || node.tag) return;
        const source = typeof node.value === "string" ? node.value : (node.source ?? String(node.value));
        node.value = resolvePlainScalar(source);
      },
    });
    documents.push(fromMaps(doc.toJS({ maxAliasCount: -1, mapAsMap: true }), new Map()));
  }
  return { documents, errors };
}
