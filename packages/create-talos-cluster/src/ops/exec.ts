import { spawn } from "node:child_process";
import { join } from "node:path";
import { type Context, UserError } from "../cli/context.js";
import { shellJoin, shellQuote } from "./shell-quote.js";
import { findTool, missingToolMessage, type ToolName } from "./tools.js";

/** One external command. Paths in `args` and `env` are relative to `cwd` (or absolute). */
export interface Step {
  tool: ToolName;
  args: string[];
  /** Working directory relative to the repository root; the root when omitted. */
  cwd?: string;
  /** Extra environment for the child: file paths only, never secret values (they are printed). */
  env?: Record<string, string>;
  /** Text fed to the child's stdin. Never printed. */
  input?: string;
  /** What `input` is, printed as a trailing `# stdin: …` comment. */
  inputLabel?: string;
}

export interface RunOptions {
  /** Collect stdout instead of streaming it (it is then never printed). */
  capture?: boolean;
  /** Return a non-zero exit code instead of stopping the command. */
  allowFailure?: boolean;
  /** Printed after a failure, to say how to fix it. */
  hint?: string;
}

export interface RunResult {
  code: number;
  /** Captured stdout (empty unless `capture`). */
  stdout: string;
  /** The last 64 KiB of stderr (also streamed to the user). */
  stderr: string;
}

/** A failed external command: exit code 1, no stack trace. */
export class StepFailedError extends UserError {
  constructor(display: string, code: number, hint?: string) {
    super(`Command failed with exit code ${code}: ${display}${hint ? `\n${hint}` : ""}`, 1);
    this.name = "StepFailedError";
  }
}

const STDERR_TAIL = 64 * 1024;

/** The shell line that does exactly what `run(step)` does, as printed before running it. */
export function formatStep(step: Step): string {
  const env = Object.entries(step.env ?? {}).map(([k, v]) => `${k}=${shellQuote(v)}`);
  const line = [...env, shellJoin([step.tool, ...step.args])].join(" ");
  const full = step.cwd && step.cwd !== "." ? `(cd ${shellQuote(step.cwd)} && ${line})` : line;
  return step.inputLabel ? `${full}  # stdin: ${step.inputLabel}` : full;
}

/**
 * Runs external tools found on `ctx.env.PATH`: prints each command (`$ …`) before running it,
 * streams its output, and in dry-run mode prints only.
 */
export class Runner {
  private readonly paths = new Map<ToolName, string>();

  constructor(
    private readonly ctx: Context,
    readonly root: string,
    readonly dryRun: boolean,
  ) {}

  /**
   * Checks that every tool is on PATH before anything runs. A real run stops on a missing tool;
   * a dry run only warns, since it runs nothing.
   */
  requireTools(names: readonly ToolName[]): void {
    const missing: ToolName[] = [];
    for (const name of names) {
      const found = findTool(name, this.ctx.env);
      if (found) this.paths.set(name, found);
      else missing.push(name);
    }
    if (missing.length === 0) return;
    if (!this.dryRun) throw new UserError(missingToolMessage(missing));
    this.ctx.stderr(`warning: ${missingToolMessage(missing)}\n(dry run: continuing, nothing is executed)\n`);
  }

  /** Prints the command, then runs it (unless dry-run). A failure stops the command unless `allowFailure`. */
  async run(step: Step, options: RunOptions = {}): Promise<RunResult> {
    const display = formatStep(step);
    this.ctx.stdout(`$ ${display}\n`);
    if (this.dryRun) return { code: 0, stdout: "", stderr: "" };
    const result = await this.spawn(step, options.capture ?? false);
    if (result.code !== 0 && !options.allowFailure) throw new StepFailedError(display, result.code, options.hint);
    return result;
  }

  /**
   * `from | to`: the output of `from` is held in memory (never printed) and fed to `to`.
   * `check` may reject the intermediate output (e.g. empty) with a message: exit 1.
   * With `redirect`, the printed line ends in `> redirect` and `to`'s output is captured and returned.
   */
  async pipe(
    from: Step,
    to: Step,
    options: { check?: (output: string) => string | undefined; redirect?: string; hint?: string } = {},
  ): Promise<string> {
    const display = `${formatStep(from)} | ${formatStep(to)}${options.redirect ? ` > ${shellQuote(options.redirect)}` : ""}`;
    this.ctx.stdout(`$ ${display}\n`);
    if (this.dryRun) return "";
    const first = await this.spawn(from, true);
    if (first.code !== 0) throw new StepFailedError(formatStep(from), first.code, options.hint);
    const problem = options.check?.(first.stdout);
    if (problem) throw new UserError(`${problem}\n  (from: ${formatStep(from)})`);
    const second = await this.spawn({ ...to, input: first.stdout }, options.redirect !== undefined);
    if (second.code !== 0) throw new StepFailedError(formatStep(to), second.code, options.hint);
    return second.stdout;
  }

  private toolPath(tool: ToolName): string {
    const known = this.paths.get(tool) ?? findTool(tool, this.ctx.env);
    if (!known) throw new UserError(missingToolMessage([tool]));
    this.paths.set(tool, known);
    return known;
  }

  private spawn(step: Step, capture: boolean): Promise<RunResult> {
    const file = this.toolPath(step.tool);
    const cwd = step.cwd ? join(this.root, step.cwd) : this.root;
    const env = { ...this.ctx.env, ...step.env };
    return new Promise((resolve, reject) => {
      const child = spawn(file, step.args, {
        cwd,
        env,
        stdio: [step.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout!.setEncoding("utf8");
      child.stderr!.setEncoding("utf8");
      child.stdout!.on("data", (chunk: string) => {
        if (capture) stdout += chunk;
        else this.ctx.stdout(chunk);
      });
      child.stderr!.on("data", (chunk: string) => {
        this.ctx.stderr(chunk);
        stderr = (stderr + chunk).slice(-STDERR_TAIL);
      });
      child.on("error", (error: NodeJS.ErrnoException) => {
        reject(new UserError(`Could not start ${step.tool} (${file}): ${error.code ?? error.message}.`));
      });
      child.on("close", (code, signal) => {
        resolve({ code: code ?? (signal ? 128 + signalNumber(signal) : 1), stdout, stderr });
      });
      if (step.input !== undefined && child.stdin) {
        child.stdin.on("error", () => {
          // the child exited without reading all input; its exit code tells the story
        });
        child.stdin.end(step.input);
      }
    });
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGINT: 2, SIGTERM: 15, SIGKILL: 9 } as Record<string, number>)[signal] ?? 1;
}
