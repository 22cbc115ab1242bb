/** Invariant identifiers (ai-mcp.md §5.1), plus schema and config problems. */
export type AiGatewayIssueCode =
  | "AGR-UNIQ"
  | "AGR-REF"
  | "AGR-BSP"
  | "AGR-TLS"
  | "AGR-TMO"
  | "AGR-VER"
  | "AGR-LIMITS"
  | "AGR-NAMES"
  | "AGR-API"
  | "AGR-PIN"
  | "AGR-SCHEMA"
  | "AGR-CONFIG";

/** One problem: where (an input path or a cluster.yaml key), what is wrong and how to fix it. Never contains a secret. */
export interface AiGatewayIssue {
  code: AiGatewayIssueCode;
  /** Input path such as `models[3].timeout`, or the cluster.yaml key for config problems. */
  path: string;
  message: string;
}

/** One line per issue, compiler style: `<path>  <message> [<code>]`. */
export function formatAiGatewayIssues(issues: readonly AiGatewayIssue[], file?: string): string {
  return issues.map((i) => `${file ? `${file}  ` : ""}${i.path ? `${i.path}  ` : ""}${i.message} [${i.code}]`).join("\n");
}
