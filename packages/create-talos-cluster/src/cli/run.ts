import { commands } from "../commands/index.js";
import type { Command } from "./command.js";
import { type Context, UserError } from "./context.js";
import { CancelledError } from "./prompter.js";
import { VERSION } from "../version.js";

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((w, i) => argv[i] === w)) {
      if (!best || n > best.command.path.length) best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

export function helpText(): string {
  const width = Math.max(0, ...commands.map((c) => c.path.join(" ").length));
  const lines = commands.map((c) => `  ${c.path.join(" ").padEnd(width)}  ${c.summary}`);
  return `Usage: talos-cluster <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun "talos-cluster <command> --help" for a command's options.\n`;
}

/** Runs `talos-cluster` with the given arguments; returns the exit code. */
export async function runTalosCluster(argv: string[], ctx: Context): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    (argv.length === 0 ? ctx.stderr : ctx.stdout)(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === "--version" || argv[0] === "-v") {
    ctx.stdout(`${VERSION}\n`);
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    ctx.stderr(`talos-cluster: unknown command "${argv.join(" ")}".\n\n${helpText()}`);
    return 2;
  }
  if (found.rest.includes("--help") || found.rest.includes("-h")) {
    ctx.stdout(`${found.command.usage}\n`);
    return 0;
  }
  return runGuarded(() => found.command.run(found.rest, ctx), ctx, argv.includes("--verbose"));
}

/** Turns thrown errors into exit codes: user errors as one line, internal errors with a hint. */
export async function runGuarded(fn: () => Promise<number>, ctx: Context, verbose: boolean): Promise<number> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof CancelledError) {
      ctx.stderr("Cancelled.\n");
      return 130;
    }
    if (error instanceof UserError) {
      ctx.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    ctx.stderr(
      `internal error: ${message}\nThis is a bug in talos-cluster; please report it with the command you ran` +
        `${verbose ? "" : " (rerun with --verbose to see the stack)"}.\n`,
    );
    if (verbose && error instanceof Error && error.stack) ctx.stderr(`${error.stack}\n`);
    return 1;
  }
}
