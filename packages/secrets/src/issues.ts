/** Why an operation failed. Messages never contain a secret value. */
export type SopsIssueCode =
  | "yaml-syntax"
  | "unsupported-yaml"
  | "not-encrypted"
  | "already-encrypted"
  | "metadata"
  | "no-recipients"
  | "bad-recipient"
  | "no-identity"
  | "no-matching-identity"
  | "bad-value"
  | "mac-mismatch"
  | "config";

export interface SopsIssue {
  code: SopsIssueCode;
  /** One line a person can act on: what is wrong, then how to fix it. */
  message: string;
  /** 1-based position in the input, when known. */
  line?: number;
  col?: number;
}

export type SopsResult<T> = ({ ok: true; warnings: string[] } & T) | { ok: false; errors: SopsIssue[] };

/** Internal: thrown inside the implementation, turned into `{ ok: false }` at the API boundary. */
export class SopsFailure extends Error {
  constructor(readonly issue: SopsIssue) {
    super(issue.message);
    this.name = "SopsFailure";
  }
}

export function fail(code: SopsIssueCode, message: string, at?: { line: number; col: number }): never {
  throw new SopsFailure({ code, message, ...(at ? { line: at.line, col: at.col } : {}) });
}

/** Runs `fn`, turning a SopsFailure into `{ ok: false, errors }`; other errors propagate (they are bugs). */
export async function asResult<T extends object>(
  fn: (warnings: string[]) => Promise<T>,
): Promise<SopsResult<T>> {
  const warnings: string[] = [];
  try {
    const value = await fn(warnings);
    return { ok: true, warnings, ...value };
  } catch (error) {
    if (error instanceof SopsFailure) return { ok: false, errors: [error.issue] };
    throw error;
  }
}
