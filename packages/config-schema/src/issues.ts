/** One problem found in cluster.yaml or nodes.yaml, located in the source file. */
export interface ConfigIssue {
  /** The file as the caller named it (e.g. "cluster.yaml" or "examples/cluster/nodes.yaml"). */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file (e.g. the file is missing). */
  line: number;
  /** 1-based column; 0 together with line 0. */
  col: number;
  /** The key path, e.g. "nodes[0].address" or "cloudflare_domains[1]"; "" for the whole file. */
  path: string;
  /** What is wrong, then how to fix it. Never contains a secret value. */
  message: string;
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `["nodes", 0, "nodeLabels", "topology.kubernetes.io/zone"]` → `nodes[0].nodeLabels["topology.kubernetes.io/zone"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Compiler-style line: `cluster.yaml:5:9  nodes[0].address  message`. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  return issue.path ? `${where}  ${issue.path}  ${issue.message}` : `${where}  ${issue.message}`;
}

/** Orders issues by file (in the given order of files), then line, column, path and message. */
export function sortIssues<T extends ConfigIssue>(issues: readonly T[], fileOrder: readonly string[] = []): T[] {
  const rank = (file: string) => {
    const i = fileOrder.indexOf(file);
    return i === -1 ? fileOrder.length : i;
  };
  return [...issues].sort(
    (a, b) =>
      rank(a.file) - rank(b.file) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
