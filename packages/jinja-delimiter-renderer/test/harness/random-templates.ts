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
