/** makejinja's data loading: YAML (PyYAML semantics), TOML and JSON files, or directories of them, merged in order. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve } from "node:path";
import { parse as parseToml } from "smol-toml";
import { comparePaths } from "./path-match.js";
import { PyDate, PyFloat, isMapping, toPyDict } from "./py-values.js";
import { loadYamlDocuments } from "./yaml-pyyaml.js";
import type { TemplateError } from "./types.js";

function walkFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) visit(full);
      else out.push(full);
    }
  };
  visit(dir);
  return out.sort((a, b) => comparePaths(relative(dir, a), relative(dir, b)));
}

/** Python `str()` of a TOML date/time as tomllib returns it. */
function tomlDateText(iso: string): string {
  const m = /^(?:(\d{4}-\d{2}-\d{2})[T ]?)?(?:(\d{2}:\d{2}:\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(iso);
  if (!m) return iso;
  const [, date, time, fraction, offset] = m;
  let clock = time ?? "";
  if (clock && fraction && Number(fraction) !== 0) clock += "." + fraction.slice(0, 6).padEnd(6, "0");
  const zone = offset === "Z" ? "+00:00" : (offset ?? "");
  return [date, clock].filter(Boolean).join(" ") + (clock ? zone : "");
}

/** tomllib semantics: integers stay ints, integral floats stay floats (`1.0`), dates print like Python. */
function fromToml(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return Number.isInteger(value) ? new PyFloat(value) : value;
  if (value instanceof Date) {
    const text = tomlDateText((value as Date & { toISOString(): string }).toISOString());
    return new PyDate(text, text);
  }
  if (Array.isArray(value)) return value.map(fromToml);
  if (isMapping(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromToml(v)]));
  return value;
}

/**
 * `json.load` semantics: objects keep insertion order even for integer-like keys, a number written with `.` or an
 * exponent is a float even when integral (`1.0`), later duplicate keys win.
 */
export function parseJsonPython(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${i}`);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const value = (): unknown => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      const entries: Array<[unknown, unknown]> = [];
      ws();
      if (text[i] === "}") {
        i++;
        return toPyDict(entries);
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a string key");
        const key = string();
        ws();
        if (text[i++] !== ":") fail("expected ':'");
        entries.push([key, value()]);
        ws();
        const sep = text[i++];
        if (sep === "}") return toPyDict(entries);
        if (sep !== ",") fail("expected ',' or '}'");
      }
    }
    if (ch === "[") {
      i++;
      const out: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        const sep = text[i++];
        if (sep === "]") return out;
        if (sep !== ",") fail("expected ',' or ']'");
      }
    }
    if (ch === '"') return string();
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null|NaN|-?Infinity/y;
    m.lastIndex = i;
    const tok = m.exec(text);
    if (!tok) return fail("unexpected character");
    i += tok[0].length;
    if (tok[0] === "true") return true;
    if (tok[0] === "false") return false;
    if (tok[0] === "null") return null;
    const n = Number(tok[0]);
    const isFloatLiteral = tok[1] !== undefined || tok[2] !== undefined || !Number.isFinite(n) || Number.isNaN(n);
    return isFloatLiteral && Number.isInteger(n) ? new PyFloat(n) : n;
  };
  const string = (): string => {
    const m = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
    m.lastIndex = i;
    const tok = m.exec(text);
    if (!tok) return fail("invalid string");
    i += tok[0].length;
    return JSON.parse(tok[0]) as string;
  };
  const result = value();
  ws();
  if (i < text.length) fail("unexpected data after the JSON value");
  return result;
}

/** makejinja `collect_files`: files as given; directories expanded (sorted, dot-files skipped). */
export function collectDataFiles(paths: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const p of paths) {
    const full = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      continue;
    }
    if (stat.isDirectory()) files.push(...walkFiles(full).filter((f) => !basename(f).startsWith(".")));
    else if (stat.isFile()) files.push(full);
  }
  return files;
}

export interface LoadDataResult {
  data: Record<string, unknown>;
  errors: TemplateError[];
  loaded: string[];
}

/** Load and shallow-merge data files in order (later files override earlier keys), like makejinja. */
export function loadDataFiles(paths: string[], cwd: string): LoadDataResult {
  const data: Record<string, unknown> = {};
  const errors: TemplateError[] = [];
  const loaded: string[] = [];
  for (const file of collectDataFiles(paths, cwd)) {
    const name = relative(cwd, file) || file;
    const ext = extname(file);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      errors.push({ template: name, line: 0, col: 0, message: `cannot read data file: ${(e as Error).message}` });
      continue;
    }
    if (ext === ".yaml" || ext === ".yml") {
      const result = loadYamlDocuments(text);
      for (const e of result.errors) errors.push({ template: name, line: e.line, col: e.col, message: e.message });
      result.documents.forEach((doc, i) => {
        if (!isMapping(doc)) {
          errors.push({
            template: name,
            line: 0,
            col: 0,
            message: `YAML document ${i + 1} is ${doc === null ? "empty" : "not a mapping"}; makejinja merges mappings only. Make every document a key: value mapping.`,
          });
        } else Object.assign(data, doc);
      });
      loaded.push(name);
    } else if (ext === ".toml") {
      try {
        Object.assign(data, fromToml(parseToml(text, { integersAsBigInt: true })));
        loaded.push(name);
      } catch (e) {
        const err = e as { line?: number; column?: number; message: string };
        errors.push({ template: name, line: err.line ?? 0, col: err.column ?? 0, message: err.message.split("\n")[0]! });
      }
    } else if (ext === ".json") {
      try {
        const value = parseJsonPython(text);
        if (!isMapping(value)) throw new Error("top-level value is not an object");
        Object.assign(data, value);
        loaded.push(name);
      } catch (e) {
        errors.push({ template: name, line: 0, col: 0, message: `invalid JSON: ${(e as Error).message}` });
      }
    }
  }
  return { data, errors, loaded };
}

/** makejinja `data_vars`: dotted keys set nested values (`a.b.c = 1`). */
export function applyDataVars(data: Record<string, unknown>, vars: Record<string, unknown>): void {
  for (const [dotted, value] of Object.entries(vars)) {
    const keys = dotted.split(".");
    let here: Record<string, unknown> = data;
    for (const key of keys.slice(0, -1)) {
      if (!isMapping(here[key])) here[key] = {};
      here = here[key] as Record<string, unknown>;
    }
    here[keys[keys.length - 1]!] = value;
  }
}
