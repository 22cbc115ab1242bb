/** Jinja2's default globals: `range`, `dict`, `namespace`, `cycler`, `joiner`, `lipsum`-free subset. */
import { bindArgs, splitArgs } from "./py-args.js";
import { TemplateRuntimeError, num, pyStr } from "./py-values.js";

/** Jinja2 `namespace()`: the only object `set ns.attr = …` may assign to. */
export class Namespace {
  toString(): string {
    return `<Namespace ${JSON.stringify({ ...this })}>`;
  }
}

function range(...args: unknown[]): number[] {
  const { positional } = splitArgs(args);
  const n = positional.map((x) => num(typeof x === "boolean" ? Number(x) : x));
  let [start, stop, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? 1];
  if (step === 0) throw new TemplateRuntimeError("range() arg 3 must not be zero");
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  if (out.length > 100_000) throw new TemplateRuntimeError("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
  void stop;
  return out;
}

export function builtinGlobals(): Record<string, unknown> {
  return {
    range,
    dict(...args: unknown[]) {
      const { positional, keywords } = splitArgs(args);
      return Object.assign({}, ...(positional as object[]), keywords);
    },
    namespace(...args: unknown[]) {
      const { positional, keywords } = splitArgs(args);
      return Object.assign(new Namespace(), ...(positional as object[]), keywords);
    },
    cycler(...items: unknown[]) {
      let pos = 0;
      return {
        get current() {
          return items[pos];
        },
        next() {
          const v = items[pos];
          pos = (pos + 1) % items.length;
          return v;
        },
        reset() {
          pos = 0;
          return null;
        },
      };
    },
    joiner(...args: unknown[]) {
      const { values } = bindArgs("joiner", args, [["sep", ", "]]);
      let used = false;
      return () => {
        if (!used) {
          used = true;
          return "";
        }
        return pyStr(values.sep);
      };
    },
  };
}
