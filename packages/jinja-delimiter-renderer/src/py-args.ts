/** Binding of Python-style positional + keyword arguments (nunjucks passes keywords as a trailing object). */
import { TemplateRuntimeError } from "./py-values.js";

export type KeywordArgs = Record<string, unknown> & { __keywords: true };

export function isKeywordArgs(value: unknown): value is KeywordArgs {
  return typeof value === "object" && value !== null && Object.prototype.hasOwnProperty.call(value, "__keywords");
}

/** Split a raw argument list into positional values and keyword values. */
export function splitArgs(args: unknown[]): { positional: unknown[]; keywords: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (isKeywordArgs(last)) {
    const { __keywords: _omit, ...keywords } = last;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

const REQUIRED: unique symbol = Symbol("required");
export const required = REQUIRED;

/**
 * Bind arguments to a Python signature: `names` in order, `defaults` for optional ones
 * (`required` marks a mandatory parameter). Extra positional arguments land in `rest`.
 */
export function bindArgs(
  fnName: string,
  args: unknown[],
  signature: Array<[string, unknown]>,
  opts: { varargs?: boolean; varkw?: boolean } = {},
): { values: Record<string, unknown>; rest: unknown[]; extra: Record<string, unknown> } {
  const { positional, keywords } = splitArgs(args);
  const values: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  signature.forEach(([name], i) => {
    if (i < positional.length) values[name] = positional[i];
  });
  const rest = positional.slice(signature.length);
  if (rest.length && !opts.varargs) {
    throw new TemplateRuntimeError(
      `${fnName}() takes at most ${signature.length} positional arguments (${positional.length} given)`,
    );
  }
  for (const [key, value] of Object.entries(keywords)) {
    if (signature.some(([n]) => n === key)) {
      if (key in values) throw new TemplateRuntimeError(`${fnName}() got multiple values for argument '${key}'`);
      values[key] = value;
    } else if (opts.varkw) {
      extra[key] = value;
    } else {
      throw new TemplateRuntimeError(`${fnName}() got an unexpected keyword argument '${key}'`);
    }
  }
  for (const [name, def] of signature) {
    if (!(name in values)) {
      if (def === REQUIRED) throw new TemplateRuntimeError(`${fnName}() missing required argument: '${name}'`);
      values[name] = def;
    }
  }
  return { values, rest, extra };
}
