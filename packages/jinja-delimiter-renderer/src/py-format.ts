/** Python `str % args` and `str.format(...)` for template values. */
import { splitArgs } from "./py-args.js";
import {
  TemplateRuntimeError,
  floatRepr,
  isFloat,
  isMapping,
  isNumber,
  isTuple,
  num,
  pyRepr,
  pyStr,
} from "./py-values.js";

function toInt(value: unknown, conv: string): number {
  if (typeof value === "boolean") return Number(value);
  if (!isNumber(value)) throw new TemplateRuntimeError(`%${conv} format: a real number is required, not ${typeof value === "string" ? "str" : "object"}`);
  return Math.trunc(num(value));
}

function toNum(value: unknown, conv: string): number {
  if (typeof value === "boolean") return Number(value);
  if (!isNumber(value)) throw new TemplateRuntimeError(`must be real number, not ${typeof value === "string" ? "str" : "object"} (%${conv})`);
  return num(value);
}

/** Python's `%e`/`%g`-style exponent with at least two digits. */
function fixExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

function formatG(n: number, precision: number, alt: boolean, upper: boolean): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "nan" : n > 0 ? "inf" : "-inf";
  const p = precision === 0 ? 1 : precision;
  if (n === 0) return alt ? (0).toFixed(p - 1) : "0";
  const exp = Math.floor(Math.log10(Math.abs(Number(n.toExponential(p - 1)))));
  let s: string;
  if (exp < -4 || exp >= p) {
    s = fixExp(n.toExponential(p - 1));
    if (!alt) s = s.replace(/\.?0+e/, "e");
  } else {
    s = n.toFixed(Math.max(0, p - 1 - exp));
    if (!alt && s.includes(".")) s = s.replace(/\.?0+$/, "");
  }
  return upper ? s.toUpperCase() : s;
}

function pad(body: string, sign: string, width: number, flags: string, numeric: boolean): string {
  let s = sign + body;
  if (s.length >= width) return s;
  if (flags.includes("-")) return s.padEnd(width);
  if (flags.includes("0") && numeric) return sign + body.padStart(width - sign.length, "0");
  return s.padStart(width);
}

function formatOne(conv: string, value: unknown, flags: string, width: number, precision: number | undefined): string {
  switch (conv) {
    case "s": {
      const s = pyStr(value);
      return pad(precision === undefined ? s : s.slice(0, precision), "", width, flags, false);
    }
    case "r":
    case "a": {
      const s = pyRepr(value);
      return pad(precision === undefined ? s : s.slice(0, precision), "", width, flags, false);
    }
    case "c": {
      const s = typeof value === "string" ? value : String.fromCodePoint(toInt(value, conv));
      return pad(s, "", width, flags, false);
    }
    case "d":
    case "i":
    case "u": {
      const n = toInt(value, conv);
      const sign = n < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
      let body = String(Math.abs(n));
      if (precision !== undefined) body = body.padStart(precision, "0");
      return pad(body, sign, width, flags, true);
    }
    case "x":
    case "X":
    case "o": {
      const n = toInt(value, conv);
      const sign = n < 0 ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
      let body = Math.abs(n).toString(conv === "o" ? 8 : 16);
      if (conv === "X") body = body.toUpperCase();
      if (precision !== undefined) body = body.padStart(precision, "0");
      if (flags.includes("#")) body = (conv === "o" ? "0o" : conv === "x" ? "0x" : "0X") + body;
      return pad(body, sign, width, flags, true);
    }
    case "f":
    case "F":
    case "e":
    case "E":
    case "g":
    case "G": {
      const n = toNum(value, conv);
      const p = precision ?? 6;
      const sign = n < 0 || Object.is(n, -0) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
      const a = Math.abs(n);
      let body: string;
      if (!Number.isFinite(a)) body = Number.isNaN(a) ? "nan" : "inf";
      else if (conv === "f" || conv === "F") body = a.toFixed(p);
      else if (conv === "e" || conv === "E") body = fixExp(a.toExponential(p));
      else body = formatG(a, p, flags.includes("#"), false);
      if (conv === "E" || conv === "G" || conv === "F") body = body.toUpperCase();
      return pad(body, sign, width, flags, Number.isFinite(a));
    }
    default:
      throw new TemplateRuntimeError(`unsupported format character '${conv}'`);
  }
}

/** Python `format % values`. */
export function percentFormat(format: string, values: unknown): string {
  const positional: unknown[] = isTuple(values) ? [...(values as unknown[])] : [values];
  const mapping = isMapping(values) ? values : undefined;
  let index = 0;
  let usedMapping = false;
  const next = (): unknown => {
    if (index >= positional.length) throw new TemplateRuntimeError("not enough arguments for format string");
    return positional[index++];
  };
  const re = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g;
  let out = "";
  let last = 0;
  for (let m = re.exec(format); m; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = m.index + m[0].length;
    const [, key, flags = "", w, p, conv = ""] = m;
    if (conv === "%") {
      out += "%";
      continue;
    }
    const width = w === "*" ? Number(next()) : w ? Number(w) : 0;
    const precision = p === "*" ? Number(next()) : p !== undefined ? Number(p) : undefined;
    let value: unknown;
    if (key !== undefined) {
      if (!mapping) throw new TemplateRuntimeError("format requires a mapping");
      if (!(key in mapping)) throw new TemplateRuntimeError(`KeyError: ${pyRepr(key)}`);
      value = mapping[key];
      usedMapping = true;
    } else value = next();
    out += formatOne(conv, value, flags, width, precision);
  }
  const rest = format.slice(last);
  if (/%/.test(rest)) throw new TemplateRuntimeError("incomplete format");
  out += rest;
  if (!usedMapping && index < positional.length && !(mapping && positional.length === 1)) {
    throw new TemplateRuntimeError("not all arguments converted during string formatting");
  }
  return out;
}

/** Python format-spec mini-language for one value. */
export function formatSpec(value: unknown, spec: string): string {
  if (!spec) return pyStr(value);
  const m = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s.exec(spec);
  if (!m) throw new TemplateRuntimeError(`Invalid format specifier '${spec}'`);
  const [, fillCh, alignCh, signCh = "-", alt, zero, w, group, p, typeCh] = m;
  const width = w ? Number(w) : 0;
  const precision = p !== undefined ? Number(p) : undefined;
  let fill = fillCh ?? " ";
  let align = alignCh;
  const numeric = isNumber(value) || typeof value === "boolean";
  if (zero && !alignCh) {
    fill = "0";
    align = "=";
  }
  let body: string;
  let sign = "";
  if (numeric && typeCh !== "s") {
    const n = num(typeof value === "boolean" ? Number(value) : value);
    const type = typeCh ?? (isFloat(value) ? "" : "d");
    const a = Math.abs(n);
    if (n < 0 || Object.is(n, -0)) sign = "-";
    else if (signCh === "+") sign = "+";
    else if (signCh === " ") sign = " ";
    switch (type) {
      case "d":
      case "n":
        body = String(Math.trunc(a));
        break;
      case "b":
        body = (alt ? "0b" : "") + Math.trunc(a).toString(2);
        break;
      case "o":
        body = (alt ? "0o" : "") + Math.trunc(a).toString(8);
        break;
      case "x":
        body = (alt ? "0x" : "") + Math.trunc(a).toString(16);
        break;
      case "X":
        body = (alt ? "0X" : "") + Math.trunc(a).toString(16).toUpperCase();
        break;
      case "c":
        body = String.fromCodePoint(Math.trunc(a));
        break;
      case "f":
      case "F":
        body = a.toFixed(precision ?? 6);
        break;
      case "e":
      case "E":
        body = fixExp(a.toExponential(precision ?? 6));
        if (type === "E") body = body.toUpperCase();
        break;
      case "g":
      case "G":
        body = formatG(a, precision ?? 6, !!alt, type === "G");
        break;
      case "%":
        body = (a * 100).toFixed(precision ?? 6) + "%";
        break;
      default:
        body = precision !== undefined ? formatG(a, precision, !!alt, false) : floatRepr(a);
    }
    if (group) {
      const [int, frac] = body.split(".") as [string, string | undefined];
      body = int.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (frac !== undefined ? "." + frac : "");
    }
    align ??= ">";
  } else {
    body = pyStr(value);
    if (precision !== undefined) body = [...body].slice(0, precision).join("");
    align ??= "<";
  }
  const len = [...sign].length + [...body].length;
  if (len >= width) return sign + body;
  const padding = width - len;
  switch (align) {
    case "<":
      return sign + body + fill.repeat(padding);
    case "^":
      return fill.repeat(Math.floor(padding / 2)) + sign + body + fill.repeat(Math.ceil(padding / 2));
    case "=":
      return sign + fill.repeat(padding) + body;
    default:
      return fill.repeat(padding) + sign + body;
  }
}

/** Python `str.format(*args, **kwargs)`; `getField` resolves `.attr` / `[key]` parts. */
export function strFormat(
  format: string,
  rawArgs: unknown[],
  getField: (value: unknown, key: string, isAttr: boolean) => unknown,
): string {
  const { positional, keywords } = splitArgs(rawArgs);
  let auto = 0;
  let out = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i]!;
    if (ch === "{" && format[i + 1] === "{") {
      out += "{";
      i += 2;
      continue;
    }
    if (ch === "}" && format[i + 1] === "}") {
      out += "}";
      i += 2;
      continue;
    }
    if (ch === "}") throw new TemplateRuntimeError("Single '}' encountered in format string");
    if (ch !== "{") {
      out += ch;
      i++;
      continue;
    }
    // Find the matching close brace (one level of nesting in the spec).
    let depth = 1;
    let j = i + 1;
    while (j < format.length && depth > 0) {
      if (format[j] === "{") depth++;
      else if (format[j] === "}") depth--;
      if (depth > 0) j++;
    }
    if (depth > 0) throw new TemplateRuntimeError("Single '{' encountered in format string");
    const field = format.slice(i + 1, j);
    i = j + 1;
    const fm = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::([\s\S]*))?$/.exec(field);
    if (!fm) throw new TemplateRuntimeError(`invalid format field '${field}'`);
    const [, head = "", path = "", conversion, rawSpec = ""] = fm;
    let value: unknown;
    if (head === "") value = positional[auto++];
    else if (/^\d+$/.test(head)) value = positional[Number(head)];
    else {
      if (!(head in keywords)) throw new TemplateRuntimeError(`KeyError: ${pyRepr(head)}`);
      value = keywords[head];
    }
    if (value === undefined && !(head in keywords)) throw new TemplateRuntimeError("Replacement index out of range for positional args tuple");
    for (const part of path.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      if (part.startsWith(".")) value = getField(value, part.slice(1), true);
      else {
        const key = part.slice(1, -1);
        value = getField(value, /^\d+$/.test(key) ? (Number(key) as unknown as string) : key, false);
      }
    }
    if (conversion === "r" || conversion === "a") value = pyRepr(value);
    else if (conversion === "s") value = pyStr(value);
    const spec = rawSpec.replace(/\{([^}]*)\}/g, (_, k: string) =>
      pyStr(k === "" ? positional[auto++] : /^\d+$/.test(k) ? positional[Number(k)] : keywords[k]),
    );
    out += formatSpec(value, spec);
  }
  return out;
}
