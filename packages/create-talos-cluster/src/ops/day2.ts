import { resolve } from "node:path";
import type { Command } from "../cli/command.js";
import type { Context, UsageError } from "../cli/context.js";
import { type Options, type Parsed, parseCommandArgs, usageError } from "../cli/parse-command-args.js";
import { Runner } from "./exec.js";
import { type RepoPaths, repoPaths } from "./repo.js";

/** The flags every day-2 command takes (`--verbose` too, which the parser always accepts). */
const COMMON_OPTIONS = {
  dir: { type: "string" },
  "dry-run": { type: "boolean" },
} as const satisfies Options;

/** The usage footer every day-2 command shares. */
export const COMMON_USAGE = `  --dir DIR            the cluster repository (default: the current directory)
  --dry-run            print the commands without running them
  -h, --help           show this help`;

/** What a day-2 command starts from: its flags, the repository's paths and the runner. */
export interface Day2<O extends Options> {
  flags: Parsed<typeof COMMON_OPTIONS & O>["values"];
  paths: RepoPaths;
  runner: Runner;
  /** A usage error (exit 2) naming the command, with `reason` and the usage: for flag values the parser accepts. */
  usageError(reason: string): UsageError;
}

export interface Day2CommandSpec<O extends Options> {
  path: string[];
  summary: string;
  usage: string;
  /** The command's own flags; `--dir`, `--dry-run` and `--verbose` are always accepted. */
  options?: O;
  run(day2: Day2<O>, ctx: Context): Promise<number>;
}

/**
 * A day-2 command: parses its flags strictly (a usage error names the command), locates the
 * repository and creates the runner, then runs.
 */
export function day2Command<const O extends Options = Record<never, never>>(spec: Day2CommandSpec<O>): Command {
  const { path, summary, usage } = spec;
  return {
    path,
    summary,
    usage,
    run: (args, ctx) => spec.run(prepare(path.join(" "), args, spec.options ?? ({} as O), usage, ctx), ctx),
  };
}

function prepare<O extends Options>(command: string, args: string[], options: O, usage: string, ctx: Context): Day2<O> {
  const { values } = parseCommandArgs(command, usage, args, { ...COMMON_OPTIONS, ...options });
  const flags = values as Day2<O>["flags"];
  const common = values as { dir?: string; "dry-run"?: boolean };
  const paths = repoPaths(ctx.cwd, common.dir, ctx.env);
  const runner = new Runner(ctx, paths.root, common["dry-run"] === true);
  if (runner.dryRun) ctx.stdout("Dry run: printing the commands without running them.\n");
  if (paths.root !== resolve(ctx.cwd)) ctx.stdout(`Commands run in ${paths.root}\n`);
  return { flags, paths, runner, usageError: (reason) => usageError(command, usage, reason) };
}
