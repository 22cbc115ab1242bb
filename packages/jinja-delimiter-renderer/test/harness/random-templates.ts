/**
 * Deterministic random templates built from whitespace, text and every tag kind with every `-`/`+` modifier —
 * the inputs where Jinja2's and nunjucks' whitespace handling differ most. Used by the differential test.
 */
export interface RandomCase {
  src: string;
  ctx: Record<string, unknown>;
  undefined: "default";
}

export function randomTemplates(seed: number, count: number): RandomCase[] {
  let state = seed;
  const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
  const ws = ["", " ", "  ", "\t", "\n", "\n  ", "  \n", "\n\n", " \n "];
  const text = ["a", "b: 1", "- x", "text", "#", "%", "}", "{", "-", "+", "|"];
  const sign = ["", "", "", "-", "+"];
  const frag = (depth: number): string => {
    let s = "";
    const n = 1 + Math.floor(rnd() * 4);
    for (let i = 0; i < n; i++) {
      s += pick(ws);
      s += rnd() < 0.45 && depth > 0 ? tag(depth) : pick(text);
      s += pick(ws);
    }
    return s;
  };
  const tag = (depth: number): string =>
    pick([
      () => `#|${pick(sign)} c ${pick(sign)}#|`,
      () => `#|${pick(sign)}\nmulti\n${pick(sign)}#|`,
      () => `#{${pick(["", "-"])} v ${pick(["", "-"])}}#`,
      () => `#%${pick(sign)} if true ${pick(sign)}%#${frag(depth - 1)}#%${pick(sign)} endif ${pick(sign)}%#`,
      () => `#%${pick(sign)} for i in [1, 2] ${pick(sign)}%#${frag(depth - 1)}#%${pick(sign)} endfor ${pick(sign)}%#`,
      () => `#%${pick(sign)} set z = 1 ${pick(sign)}%#`,
      () => `#%${pick(sign)} raw ${pick(["", "-"])}%#${pick(text)}#{ raw }##%${pick(sign)} endraw ${pick(sign)}%#`,
    ])();
  return Array.from({ length: count }, () => ({ src: frag(3), ctx: { v: "V" }, undefined: "default" as const }));
}

/** Deterministic random expressions over literals, variables, operators, filters and conditionals. */
export function randomExpressions(seed: number, count: number): Array<{ src: string; ctx: Record<string, unknown>; undefined: "default" }> {
  let state = seed;
  const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
  const atoms = ["0", "1", "2", "-3", "1.5", "2.0", "0.1", "'a'", "'Ab c'", "''", "[]", "[1, 2]", "['x', 'y']", "{}", "{'k': 1}", "none", "true", "false", "s", "n", "l", "d", "f", "u", "(1, 2)"];
  const ops = ["+", "-", "*", "/", "//", "%", "~", "==", "!=", "<", ">", "and", "or", "in", "not in", "**"];
  const filters = [
    "length", "string", "lower", "upper", "join", "join(',')", "default('D')", "default('D', true)", "first", "last", "list",
    "sort", "reverse | list", "int", "float", "abs", "round", "trim", "tojson", "unique | list", "sum", "min", "max",
    "capitalize", "title", "replace('a', 'b')", "indent(2)", "truncate(5, true, '')", "center(5)", "wordcount", "dictsort",
    "items | list", "select | list", "map('string') | list", "count", "batch(2) | list", "slice(2) | list", "format",
  ];
  const expr = (depth: number): string => {
    const r = rnd();
    if (depth <= 0 || r < 0.3) return pick(atoms);
    if (r < 0.55) return `(${expr(depth - 1)} ${pick(ops)} ${expr(depth - 1)})`;
    if (r < 0.8) return `${expr(depth - 1)} | ${pick(filters)}`;
    if (r < 0.9) return `(${expr(depth - 1)} if ${expr(depth - 1)} else ${expr(depth - 1)})`;
    return `not ${expr(depth - 1)}`;
  };
  const ctx = { s: "str", n: 7, l: [3, 1, 2], d: { b: 2, a: 1 }, f: 2.5 };
  return Array.from({ length: count }, () => ({ src: `#{ ${expr(3)} }#`, ctx, undefined: "default" as const }));
}
