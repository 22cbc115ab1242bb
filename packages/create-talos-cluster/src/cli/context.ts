import { clackPrompter, type Prompter } from "./prompter.js";

/**
 * Everything a command may touch of the outside world, injected so that `run(ctx)` is
 * unit-testable: no command reads `process` directly.
 */
export interface Context {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdin and stdout are a terminal: only then may a command prompt. */
  interactive: boolean;
  /** Asks questions; only used when `interactive` is true. */
  prompter?: Prompter;
}

/** A user-facing failure: printed as one line, no stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Wrong flags or arguments: exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}

export function nodeContext(): Context {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    prompter: clackPrompter(),
  };
}
