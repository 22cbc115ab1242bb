/** One problem found while building the `talos/` files. */
export interface TalosFilesIssue {
  /** The generated file (`talos/talconfig.yaml`, …) or, for a bad option, `options`. */
  file: string;
  /** YAML path inside the file, e.g. `cluster.apiServer.extraArgs.enable-aggregator-routing`. */
  path: string;
  /** What is wrong, then how to fix it. */
  message: string;
}

/** `file  path  message`, one line, compiler style. */
export function formatTalosFilesIssue(issue: TalosFilesIssue): string {
  return `${issue.file}  ${issue.path || "(document)"}  ${issue.message}`;
}

/** Sorted by file, then path, then message; duplicates removed. */
export function sortIssues(issues: readonly TalosFilesIssue[]): TalosFilesIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const key = formatTalosFilesIssue(i);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return unique.sort((a, b) => cmp(a.file, b.file) || cmp(a.path, b.path) || cmp(a.message, b.message));
}
