/**
 * Scalar typing as sops sees it: sops reads YAML with go-yaml v3, whose core-schema rules differ
 * from YAML 1.1 and from the `yaml` package (`0o17`, `017`, `1_000` are ints; `yes`/`on` are
 * strings; unquoted dates are timestamps). The MAC covers these typed values, so we must type
 * exactly like go-yaml does.
 */

/** A typed scalar value, as sops holds it in its tree. */
export type ScalarValue =
  | { kind: "str"; value: string }
  | { kind: "int"; value: bigint }
  | { kind: "float"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "null" }
  /** An unquoted YAML timestamp; `value` is its text as written. */
  | { kind: "time"; value: string };

const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUES = new Set(["true", "True", "TRUE"]);
const FALSES = new Set(["false", "False", "FALSE"]);
const NANS = new Set([".nan", ".NaN", ".NAN"]);
const POS_INF = new Set([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]);
const NEG_INF = new Set(["-.inf", "-.Inf", "-.INF"]);
/** YAML 1.1 booleans: go-yaml reads them as strings but quotes them when writing; so do we. */
const OLD_BOOLS = new Set(
  ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"],
);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT_RE = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const DATE_RE = /^\d{4}-\d{1,2}-\d{1,2}$/;
const DATETIME_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[+-]\d{2}:\d{2})|[ ](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?)$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64) (with ParseUint as fallback), or undefined. */
function parseGoInt(text: string): bigint | undefined {
  const m = INT_RE.exec(text);
  if (!m) return undefined;
  const sign = m[1] === "-" ? -1n : 1n;
  const body = m[2] as string;
  let magnitude: bigint;
  if (/^0[xX]/.test(body)) magnitude = BigInt(`0x${body.slice(2)}`);
  else if (/^0[oO]/.test(body)) magnitude = BigInt(`0o${body.slice(2)}`);
  else if (/^0[bB]/.test(body)) magnitude = BigInt(`0b${body.slice(2)}`);
  else if (body.length > 1 && body.startsWith("0")) magnitude = BigInt(`0o${body.slice(1)}`);
  else magnitude = BigInt(body);
  const value = sign * magnitude;
  if (value < INT64_MIN || value > UINT64_MAX) return undefined;
  return value;
}

/** True when go-yaml v3 reads this plain scalar as a timestamp. */
export function isGoYamlTimestamp(text: string): boolean {
  return DATE_RE.test(text) || DATETIME_RE.test(text);
}

/** The type go-yaml v3 gives an untagged plain scalar. */
export function resolvePlainScalar(text: string): ScalarValue {
  if (NULLS.has(text)) return { kind: "null" };
  if (TRUES.has(text)) return { kind: "bool", value: true };
  if (FALSES.has(text)) return { kind: "bool", value: false };
  if (NANS.has(text)) return { kind: "float", value: Number.NaN };
  if (POS_INF.has(text)) return { kind: "float", value: Number.POSITIVE_INFINITY };
  if (NEG_INF.has(text)) return { kind: "float", value: Number.NEGATIVE_INFINITY };
  const first = text[0] ?? "";
  if (first === ".") {
    const f = Number(text);
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) && Number.isFinite(f)) return { kind: "float", value: f };
    return { kind: "str", value: text };
  }
  if (/[0-9+-]/.test(first)) {
    if (/[0-9]/.test(first) && isGoYamlTimestamp(text)) return { kind: "time", value: text };
    const plain = text.replaceAll("_", "");
    const int = parseGoInt(plain);
    if (int !== undefined) return { kind: "int", value: int };
    if (YAML_STYLE_FLOAT.test(plain)) return { kind: "float", value: Number(plain) };
  }
  return { kind: "str", value: text };
}

/** The type of a scalar given its style and explicit tag (`!!str`, `!!int`, …). */
export function resolveScalar(text: string, plain: boolean, tag: string | undefined): ScalarValue {
  const short = tag?.replace(/^tag:yaml\.org,2002:/, "!!");
  if (short === "!!str" || short === "!!binary") return { kind: "str", value: text };
  if (short === "!!null") return { kind: "null" };
  if (short === "!!int" || short === "!!float" || short === "!!bool" || short === "!!timestamp") {
    const resolved = resolvePlainScalar(text);
    if (short === "!!float" && resolved.kind === "int") return { kind: "float", value: Number(resolved.value) };
    return resolved;
  }
  if (!plain) return { kind: "str", value: text };
  return resolvePlainScalar(text);
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  if (Object.is(v, -0)) return "-0";
  const s = String(v);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] as string;
  const digits = `${m[2]}${m[3] ?? ""}`;
  const point = 1 + Number(m[4]);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Go's strconv.ParseFloat for the strings sops writes (`1.5`, `NaN`, `+Inf`, `-Inf`). */
export function parseGoFloat(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === "nan") return Number.NaN;
  if (["inf", "+inf", "infinity", "+infinity"].includes(lower)) return Number.POSITIVE_INFINITY;
  if (["-inf", "-infinity"].includes(lower)) return Number.NEGATIVE_INFINITY;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** Go's strconv.ParseBool. */
export function parseGoBool(text: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
  return undefined;
}

/**
 * A go-yaml timestamp re-formatted as Go's time.RFC3339 (what sops >= 3.10 hashes for a
 * `time` value): fractional seconds dropped, a zero offset written `Z`.
 */
export function formatRfc3339(text: string): string | undefined {
  const date = DATE_RE.exec(text);
  if (date) {
    const [y, mo, d] = text.split("-");
    return `${y}-${pad(mo)}-${pad(d)}T00:00:00Z`;
  }
  const m = DATETIME_RE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const h = m[4] ?? m[9];
  const mi = m[5] ?? m[10];
  const s = m[6] ?? m[11];
  let zone = m[8] ?? "Z";
  if (zone === "+00:00" || zone === "-00:00") zone = "Z";
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`;
}

function pad(part: string | undefined): string {
  return (part ?? "0").padStart(2, "0");
}

/** The bytes sops feeds its MAC for a scalar (`undefined` for null, which it skips). */
export function macText(value: ScalarValue, timeAsRfc3339: boolean): string | undefined {
  switch (value.kind) {
    case "str":
      return value.value;
    case "int":
      return value.value.toString();
    case "float":
      return formatGoFloat(value.value);
    case "bool":
      return value.value ? "True" : "False";
    case "null":
      return undefined;
    case "time":
      return timeAsRfc3339 ? (formatRfc3339(value.value) ?? value.value) : value.value;
  }
}

/** True when a string must be quoted so that go-yaml (and YAML 1.1 readers) read it back as this string. */
export function needsQuotes(text: string): boolean {
  if (text === "") return true;
  if (resolvePlainScalar(text).kind !== "str") return true;
  if (OLD_BOOLS.has(text) || text === "<<" || text === "=") return true;
  // YAML 1.1 sexagesimal numbers (`1:20`): go-yaml quotes them for older readers; so do we.
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(text)) return true;
  if (/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text)) return true;
  if (/\s$/.test(text) || /: |:$| #|\t/.test(text)) return true;
  // Only printable characters outside the YAML line-break set may stay plain.
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      return true;
    }
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** A YAML double-quoted scalar (JSON escapes plus YAML's line-break characters). */
export function doubleQuote(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\u009f\u2028\u2029\ufeff]/g, (c) =>
    `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, "0")}`,
  );
}
