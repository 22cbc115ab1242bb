/** One problem with the input, or with what would be emitted. */
export interface McpIssue {
  /** Stable id, e.g. "E-CORS-001" (errors) or "W-DCR-001" (warnings). */
  code: string;
  /** Where in the input, e.g. "cors.origins[2]" or "servers[1].pathPrefix". */
  path: string;
  /** What is wrong and how to fix it. Never contains a secret value. */
  message: string;
}

/** `servers[1].pathPrefix  E-URL-004 …` — one line per issue, compiler style. */
export function formatIssue(issue: McpIssue): string {
  return `${issue.path || "(input)"}  ${issue.code} ${issue.message}`;
}

export function formatIssues(issues: readonly McpIssue[]): string {
  const lines = issues.map(formatIssue);
  const errors = issues.filter((i) => i.code.startsWith("E-")).length;
  const warnings = issues.length - errors;
  const count = [errors ? `${errors} error${errors === 1 ? "" : "s"}` : "", warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : ""]
    .filter(Boolean)
    .join(", ");
  return lines.length ? `${lines.join("\n")}\n${count}\n` : "";
}

export class IssueList {
  readonly errors: McpIssue[] = [];
  readonly warnings: McpIssue[] = [];
  error(code: string, path: string, message: string): void {
    this.errors.push({ code, path, message });
  }
  warn(code: string, path: string, message: string): void {
    this.warnings.push({ code, path, message });
  }
}
