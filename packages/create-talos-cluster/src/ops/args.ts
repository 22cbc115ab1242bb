import { parseArgs } from "node:util";
import { UsageError } from "../cli/context.js";

type OptionSpec = { type: "string" | "boolean"; short?: string };

/** The flags every day-2 command takes. */
export const COMMON_OPTIONS = {
  dir: { type: "string" },
  "dry-run": { type: "boolean" },
  verbose: { type: "boolean" },
} as const satisfies Record<string, OptionSpec>;

/** Strict flag parsing: an unknown flag or a stray argument is a usage error (exit 2). */
export type Flags = Record<string, string | boolean | undefined>;

export function parseFlags(args: string[], options: Record<string, OptionSpec>, usage: string): Flags {
  try {
    const options_: Record<string, OptionSpec> = { ...COMMON_OPTIONS, ...options };
    return parseArgs({ args, options: options_, allowPositionals: false, strict: true }).values as Flags;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}

/** A non-negative integer flag value, or the default. */
export function intFlag(value: string | undefined, name: string, fallback: number, usage: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number ≥ 0, got "${value}".\n\n${usage}`);
  return Number(value);
}
