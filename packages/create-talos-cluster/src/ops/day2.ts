import { resolve } from "node:path";
import type { Context } from "../cli/context.js";
import { parseFlags } from "./args.js";
import { Runner } from "./exec.js";
import { type RepoPaths, repoPaths } from "./repo.js";

type OptionSpec = { type: "string" | "boolean"; short?: string };

/** The usage footer every day-2 command shares. */
export const COMMON_USAGE = `  --dir DIR            the cluster repository (default: the current directory)
  --dry-run            print the commands without running them
  -h, --help           show this help`;

/** Parses flags, locates the repository and creates the runner for one day-2 command. */
export function prepare(args: string[], options: Record<string, OptionSpec>, usage: string, ctx: Context) {
  const flags = parseFlags(args, options, usage);
  const paths: RepoPaths = repoPaths(ctx.cwd, flags.dir as string | undefined, ctx.env);
  const runner = new Runner(ctx, paths.root, flags["dry-run"] === true);
  if (runner.dryRun) ctx.stdout("Dry run: printing the commands without running them.\n");
  if (paths.root !== resolve(ctx.cwd)) ctx.stdout(`Commands run in ${paths.root}\n`);
  return { flags, paths, runner };
}
