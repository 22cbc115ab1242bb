/** The rules `validateTree` checks; each issue names the one it broke. */
export type TreeRule =
  | "yaml"
  | "schema"
  | "kustomization-resource"
  | "flux-path"
  | "flux-depends-on"
  | "flux-cycle"
  | "chart-source"
  | "substitute-from"
  | "parent-ref"
  | "secret-location"
  | "keycloak-realm"
  | "secret-leak";

export interface TreeIssue {
  /** Output path relative to the repository root, e.g. `kubernetes/apps/default/echo/ks.yaml`. */
  file: string;
  /** 0-based index of the YAML document inside the file. */
  document: number;
  /** YAML path inside the document, e.g. `spec.dependsOn[0].name`; empty for the whole document. */
  path: string;
  rule: TreeRule;
  /** What is wrong and how to fix it. Never contains a secret value. */
  message: string;
}

/** One line per issue, compiler style: `file  [doc] path  message (rule)`. */
export function formatIssue(issue: TreeIssue): string {
  const where = issue.path ? `${issue.file}#${issue.document} ${issue.path}` : `${issue.file}#${issue.document}`;
  return `${where}  ${issue.message} (${issue.rule})`;
}

export function sortIssues(issues: TreeIssue[]): TreeIssue[] {
  return [...issues].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.document - b.document ||
      a.path.localeCompare(b.path) ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}
