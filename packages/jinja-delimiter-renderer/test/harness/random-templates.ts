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

/** Deterministic random calls of Python `str` / `list` / `dict` methods on literals. */
export function randomMethodCalls(seed: number, count: number): Array<{ src: string; ctx: Record<string, unknown>; undefined: "default" }> {
  let state = seed;
  const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
  const strs = ["'a,b,,c'", "'  Hello World  '", "'x.y.z'", "''", "'abc'", "'a b  c'", "'/etc/x'", "'ABC def'", "'1.5'", "'tab\\there'", "'line1\\nline2\\n'", "'00042'", "'-7'"];
  const strMethods = [
    "split()", "split(',')", "split('.', 1)", "rsplit('.', 1)", "rsplit(None, 1)", "strip()", "strip('a/')", "lstrip()",
    "rstrip('c')", "lower()", "upper()", "title()", "capitalize()", "replace('a', 'X')", "replace('', '-')",
    "replace('.', '', 1)", "startswith('a')", "startswith(('x', '/'))", "endswith('c')", "find('b')", "rfind('.')",
    "count('a')", "count('')", "isdigit()", "isalpha()", "isspace()", "islower()", "isupper()", "zfill(6)", "center(9, '*')",
    "ljust(6, '.')", "rjust(6)", "partition('.')", "rpartition('.')", "splitlines()", "splitlines(true)", "removeprefix('a')",
    "removesuffix('c')", "format(1, 2)", "join(['1', '2'])", "expandtabs(4)", "swapcase()", "casefold()", "isalnum()",
  ];
  const lists = ["[3, 1, 2]", "['b', 'a']", "[]", "[1, [2, 3]]", "[none, true]"];
  const listMethods = ["index(1)", "count(1)", "copy()", "pop()", "pop(0)"];
  const dicts = ["{'a': 1, 'b': 2}", "{}", "{'k': [1]}"];
  const dictMethods = ["get('a')", "get('z', 9)", "keys() | list", "values() | list", "items() | list", "copy()", "setdefault('n', 5)", "pop('a', 0)", "popitem()"];
  return Array.from({ length: count }, () => {
    const r = rnd();
    const src =
      r < 0.7 ? `#{ ${pick(strs)}.${pick(strMethods)} }#` : r < 0.85 ? `#{ ${pick(lists)}.${pick(listMethods)} }#` : `#{ ${pick(dicts)}.${pick(dictMethods)} }#`;
    return { src, ctx: {}, undefined: "default" as const };
  });
}

/** Deterministic random filter applications with positional and keyword arguments. */
export function randomFilterCalls(seed: number, count: number): Array<{ src: string; ctx: Record<string, unknown>; undefined: "default" }> {
  let state = seed;
  const rnd = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: T[]): T => items[Math.floor(rnd() * items.length)]!;
  const values = ["'a\\nb\\n\\nc'", "'a\\n\\n'", "''", "'x'", "'\\n'", "'one two three four five six'", "t", "[1, 2, 3]", "users", "{'b': 2, 'a': 1}", "1.0", "3", "none", "'  pad  '"];
  const filters = [
    "indent", "indent(2)", "indent(width=3)", "indent(first=true)", "indent(blank=true)", "indent(2, true, true)", "indent('> ')",
    "indent(width='--', first=true)", "truncate(10)", "truncate(10, true)", "truncate(10, end='!')", "truncate(3, leeway=0)",
    "truncate(length=8, killwords=false, end='~', leeway=1)", "default('d')", "default('d', true)", "default(default_value='x', boolean=true)",
    "join(', ')", "join(d='-')", "join(attribute='name')", "center(11)", "center(width=4)", "replace('a', 'b')", "replace(old='\\n', new='|')",
    "replace('a', 'b', count=1)", "wordcount", "trim", "trim('p')", "sort(attribute='name')", "sort(reverse=true)", "sort(case_sensitive=true)",
    "map(attribute='name') | join", "selectattr('age', 'gt', 30) | map(attribute='name') | list", "rejectattr('name', 'equalto', 'b') | list",
    "groupby('age') | list", "dictsort(reverse=true)", "dictsort(by='value')", "batch(2, 'x') | list", "unique(attribute='age') | list",
    "min(attribute='age')", "max(attribute='age')", "sum(attribute='age')", "tojson(indent=2)", "items | list", "first", "last", "length", "string", "list",
  ];
  const ctx = { t: "The Quick Brown Fox Jumps", users: [{ name: "b", age: 31 }, { name: "A", age: 25 }, { name: "a", age: 31 }] };
  return Array.from({ length: count }, () => ({ src: `[#{ ${pick(values)} | ${pick(filters)} }#]`, ctx, undefined: "default" as const }));
}
