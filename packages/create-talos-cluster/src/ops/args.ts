import { UsageError } from "../cli/context.js";

/** A non-negative integer flag value, or the default. */
export function intFlag(value: string | undefined, name: string, fallback: number, usage: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number ≥ 0, got "${value}".\n\n${usage}`);
  return Number(value);
}
