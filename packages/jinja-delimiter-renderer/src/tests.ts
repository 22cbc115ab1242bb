/** Jinja2's built-in tests (`jinja2/tests.py`), with Python semantics. */
import {
  JinjaUndefined,
  isFloat,
  isMapping,
  isNumber,
  isSafeString,
  num,
  pyCompare,
  pyEquals,
  pyIter,
} from "./py-values.js";
import type { TemplateFunction } from "./types.js";

const isInt = (v: unknown) => typeof v === "number" && Number.isInteger(v) && !isFloat(v);

function contains(container: unknown, value: unknown): boolean {
  if (typeof container === "string") return typeof value === "string" && container.includes(value);
  if (Array.isArray(container)) return container.some((x) => pyEquals(x, value));
  if (isMapping(container)) return Object.prototype.hasOwnProperty.call(container, String(value));
  return pyIter(container).some((x) => pyEquals(x, value));
}

export function builtinTests(hasTest: (name: string) => boolean, hasFilter: (name: string) => boolean): Record<string, TemplateFunction> {
  const eq = (a: unknown, b: unknown) => pyEquals(a, b);
  const ne = (a: unknown, b: unknown) => !pyEquals(a, b);
  const gt = (a: unknown, b: unknown) => pyCompare(a, b, ">") > 0;
  const ge = (a: unknown, b: unknown) => pyCompare(a, b, ">=") >= 0;
  const lt = (a: unknown, b: unknown) => pyCompare(a, b, "<") < 0;
  const le = (a: unknown, b: unknown) => pyCompare(a, b, "<=") <= 0;
  return {
    odd: (v: unknown) => num(v) % 2 !== 0,
    even: (v: unknown) => num(v) % 2 === 0,
    divisibleby: (v: unknown, n: unknown) => num(v) % num(n) === 0,
    defined: (v: unknown) => !(v instanceof JinjaUndefined) && v !== undefined,
    undefined: (v: unknown) => v instanceof JinjaUndefined || v === undefined,
    filter: (v: unknown) => typeof v === "string" && hasFilter(v),
    test: (v: unknown) => typeof v === "string" && hasTest(v),
    none: (v: unknown) => v === null,
    boolean: (v: unknown) => typeof v === "boolean",
    false: (v: unknown) => v === false,
    true: (v: unknown) => v === true,
    integer: (v: unknown) => isInt(v),
    float: (v: unknown) => isFloat(v),
    lower: (v: unknown) => String(v) === String(v).toLowerCase(),
    upper: (v: unknown) => String(v) === String(v).toUpperCase(),
    string: (v: unknown) => typeof v === "string" || isSafeString(v),
    mapping: (v: unknown) => isMapping(v),
    number: (v: unknown) => isNumber(v) || typeof v === "boolean",
    sequence: (v: unknown) => typeof v === "string" || Array.isArray(v) || isMapping(v) || isSafeString(v),
    iterable: (v: unknown) => typeof v === "string" || Array.isArray(v) || isMapping(v) || v instanceof JinjaUndefined,
    callable: (v: unknown) => typeof v === "function",
    sameas: (a: unknown, b: unknown) => a === b || (a === undefined && b === null) || (a === null && b === undefined),
    escaped: (v: unknown) => isSafeString(v),
    in: (v: unknown, seq: unknown) => contains(seq, v),
    "==": eq,
    eq,
    equalto: eq,
    "!=": ne,
    ne,
    ">": gt,
    gt,
    greaterthan: gt,
    ">=": ge,
    ge,
    "<": lt,
    lt,
    lessthan: lt,
    "<=": le,
    le,
  };
}
