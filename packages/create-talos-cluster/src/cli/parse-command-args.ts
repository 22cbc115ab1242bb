import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./context.js";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>>;

export interface ParseCommandArgsOptions {
  /** Accept positional arguments (default: a positional is a usage error). */
  allowPositionals?: boolean;
  /** Extra advice after `unexpected argument "X".`, e.g. "To check another directory, use --dir X." */
  positionalHint?: (arg: string) => string;
  /** Example values for flags given without one: `{ "--dir": "examples/cluster" }`. */
  valueExamples?: Record<string, string>;
}

/** A usage error (exit 2) for `talos-cluster <command>`: what was wrong, then the usage. */
export function usageError(command: string, usage: string, reason: string): UsageError {
  return new UsageError(`talos-cluster ${command}: ${reason}\n\n${usage}`);
}

/**
 * Strict flag parsing for a `talos-cluster <command>`: an unknown flag or a stray argument is a
 * UsageError (exit 2) that names the command, says what was wrong, and repeats the usage. `--verbose`
 * (handled by the runner) is always accepted.
 */
export function parseCommandArgs<const O extends Options>(
  command: string,
  usage: string,
  args: string[],
  options: O,
  settings: ParseCommandArgsOptions = {},
): Parsed<O> {
  try {
    return parseArgs({
      args,
      options: { verbose: { type: "boolean" }, ...options },
      strict: true,
      allowPositionals: settings.allowPositionals ?? false,
    }) as Parsed<O>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const text = error instanceof Error ? error.message : String(error);
    const arg = /'([^']+)'/.exec(text)?.[1] ?? "";
    let reason = text;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") reason = `unknown option ${arg}.`;
    else if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
      reason = `unexpected argument "${arg}".${settings.positionalHint ? ` ${settings.positionalHint(arg)}` : ""}`;
    } else if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && /argument missing/.test(text)) {
      const flag = arg.split(" ")[0] ?? arg;
      reason = `${flag} needs a value, e.g. ${flag} ${settings.valueExamples?.[flag] ?? "VALUE"}.`;
    }
    throw usageError(command, usage, reason);
  }
}
