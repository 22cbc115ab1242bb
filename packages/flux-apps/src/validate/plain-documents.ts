import type { Doc } from "./tree-model.js";

/** Keys `toYaml` writes first, in this order (the parsed object keeps that order). */
const LEADING_KEYS = ["apiVersion", "kind", "metadata"];

/** Thrown inside {@link plainDocuments} for a value whose YAML round trip is not a plain copy. */
const NOT_PLAIN = Symbol("not plain");

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function copy(value: unknown): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      // -0, NaN and ±Infinity survive YAML in ways not worth mirroring here: let the caller parse.
      if (!Number.isFinite(value) || Object.is(value, -0)) throw NOT_PLAIN;
      return value;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (const v of value) if (v !== undefined) out.push(copy(v));
        return out;
      }
      if (!isPlainObject(value)) throw NOT_PLAIN; // Date, Map, class instances: their YAML form differs
      const source = value as Record<string, unknown>;
      const keys = Object.keys(source);
      const out: Doc = {};
      for (const key of [...LEADING_KEYS.filter((k) => keys.includes(k)), ...keys.filter((k) => !LEADING_KEYS.includes(k))]) {
        if (key === "__proto__") throw NOT_PLAIN;
        const v = source[key];
        if (v !== undefined) out[key] = copy(v);
      }
      return out;
    }
    default:
      throw NOT_PLAIN; // undefined at the top, bigint, symbol, function
  }
}

/**
 * What parsing `toYamlDocuments(documents)` back would give — a deep copy with `undefined`
 * dropped and the leading keys first — without writing or parsing YAML. `undefined` when a
 * document holds a value whose YAML round trip is not a plain copy (then parse the text).
 */
export function plainDocuments(documents: readonly unknown[]): Doc[] | undefined {
  try {
    return documents.map((d) => {
      if (d === null || typeof d !== "object" || Array.isArray(d)) throw NOT_PLAIN;
      return copy(d) as Doc;
    });
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
}
