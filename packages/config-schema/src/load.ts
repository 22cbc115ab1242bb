import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { ConfigIssue } from "./issues.js";
import { type ParseClusterConfigResult, parseClusterConfig } from "./parse.js";

export interface LoadClusterConfigOptions {
  /** Resolve a relative `dir` against this directory and show file names relative to it. */
  cwd?: string;
}

function wholeFile(file: string, message: string): ConfigIssue {
  return { file, line: 0, col: 0, path: "", message };
}

async function readText(file: string, shown: string): Promise<{ text: string } | { issue: ConfigIssue }> {
  try {
    return { text: await readFile(file, "utf8") };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const name = shown.replace(/^.*[\\/]/, "");
    const message =
      code === "ENOENT"
        ? `File not found. Create ${name} in this directory (start from ${name.replace(".yaml", ".sample.yaml")} of @talos-cluster/config-schema), or point --dir at the directory that has it.`
        : code === "ENOTDIR"
          ? "The directory does not exist (a file is in its place). Point --dir at the directory holding cluster.yaml and nodes.yaml."
          : code === "EISDIR"
          ? `${name} is a directory. It must be a YAML file.`
          : `The file cannot be read (${code ?? "unknown error"}). Check its permissions.`;
    return { issue: wholeFile(shown, message) };
  }
}

/**
 * Reads DIR/cluster.yaml and DIR/nodes.yaml and parses them with `parseClusterConfig`.
 * A missing or unreadable file is reported as an issue, never thrown.
 */
export async function loadClusterConfig(dir: string, options: LoadClusterConfigOptions = {}): Promise<ParseClusterConfigResult> {
  const base = options.cwd !== undefined ? resolve(options.cwd, dir) : dir;
  const show = (file: string) => {
    if (options.cwd === undefined) return join(dir, file);
    const rel = relative(options.cwd, join(base, file));
    return rel.startsWith("..") || isAbsolute(rel) ? join(base, file) : rel;
  };
  const shownDir = show(".") || ".";
  try {
    const info = await stat(base);
    if (!info.isDirectory()) {
      return { ok: false, errors: [wholeFile(shownDir, "This is a file, not a directory. Point --dir at the directory holding cluster.yaml and nodes.yaml.")], warnings: [] };
    }
  } catch {
    return { ok: false, errors: [wholeFile(shownDir, "Directory not found. Point --dir at the directory holding cluster.yaml and nodes.yaml.")], warnings: [] };
  }
  const clusterPath = show("cluster.yaml");
  const nodesPath = show("nodes.yaml");
  const [cluster, nodes] = await Promise.all([
    readText(join(base, "cluster.yaml"), clusterPath),
    readText(join(base, "nodes.yaml"), nodesPath),
  ]);
  if ("issue" in cluster || "issue" in nodes) {
    const errors = [cluster, nodes].flatMap((r) => ("issue" in r ? [r.issue] : []));
    return { ok: false, errors, warnings: [] };
  }
  return parseClusterConfig({ cluster: { path: clusterPath, text: cluster.text }, nodes: { path: nodesPath, text: nodes.text } });
}
