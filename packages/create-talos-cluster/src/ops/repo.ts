import { existsSync, statSync } from "node:fs";
import { delimiter, isAbsolute, join, relative, resolve } from "node:path";
import { UserError } from "../cli/context.js";

/** Where the day-2 commands find a cluster repository's files (reference layout). */
export interface RepoPaths {
  root: string;
  sopsConfig: string;
  ageKey: string;
  tunnelCredentials: string;
  talosDir: string;
  talconfig: string;
  talenv: string;
  talsecret: string;
  clusterconfigDir: string;
  /** `$TALOSCONFIG`, else talos/clusterconfig/talosconfig. */
  talosconfig: string;
  talosconfigFromEnv: boolean;
  /** `$KUBECONFIG`, else ./kubeconfig. */
  kubeconfig: string;
  kubeconfigFromEnv: boolean;
  /** `$SOPS_AGE_KEY_FILE` when set (sops then uses it), else undefined. */
  sopsAgeKeyFileFromEnv: string | undefined;
}

export function repoPaths(cwd: string, dir: string | undefined, env: Record<string, string | undefined>): RepoPaths {
  const root = resolve(cwd, dir ?? ".");
  const talosDir = join(root, "talos");
  const fromEnv = (name: string) => {
    const value = env[name];
    if (!value) return undefined;
    // KUBECONFIG may be a list; keep a list verbatim (kubectl merges it), resolve a single path.
    return value.includes(delimiter) ? value : resolve(cwd, value);
  };
  const talosconfigEnv = fromEnv("TALOSCONFIG");
  const kubeconfigEnv = fromEnv("KUBECONFIG");
  return {
    root,
    sopsConfig: join(root, ".sops.yaml"),
    ageKey: join(root, "age.key"),
    tunnelCredentials: join(root, "cloudflare-tunnel.json"),
    talosDir,
    talconfig: join(talosDir, "talconfig.yaml"),
    talenv: join(talosDir, "talenv.yaml"),
    talsecret: join(talosDir, "talsecret.sops.yaml"),
    clusterconfigDir: join(talosDir, "clusterconfig"),
    talosconfig: talosconfigEnv ?? join(talosDir, "clusterconfig", "talosconfig"),
    talosconfigFromEnv: talosconfigEnv !== undefined,
    kubeconfig: kubeconfigEnv ?? join(root, "kubeconfig"),
    kubeconfigFromEnv: kubeconfigEnv !== undefined,
    sopsAgeKeyFileFromEnv: fromEnv("SOPS_AGE_KEY_FILE"),
  };
}

/** `path` as written in a command run from `fromDir`: relative inside the repository, else absolute. */
export function relPath(paths: RepoPaths, path: string, fromDir: string = paths.root): string {
  if (path.includes(delimiter) || !isAbsolute(path)) return path;
  const inRepo = relative(paths.root, path);
  if (inRepo.startsWith("..") || isAbsolute(inRepo)) return path;
  return relative(fromDir, path) || ".";
}

/** The repository-relative name of a file, for messages. */
export function display(paths: RepoPaths, path: string): string {
  return relPath(paths, path, paths.root);
}

/** Stops with a message naming the file and how to create it when `path` does not exist. */
export function requireFile(paths: RepoPaths, path: string, fix: string, kind: "file" | "directory" = "file"): void {
  const ok = existsSync(path) && (kind === "file" ? statSync(path).isFile() : statSync(path).isDirectory());
  if (!ok) throw new UserError(`${display(paths, path)}: ${kind} not found. ${fix}`);
}

export const RUN_CONFIGURE = "Run `talos-cluster configure` to generate it.";
export const RUN_INIT = "Run `talos-cluster init` (or `npm create talos-cluster`) to create it.";

/** The age key sops must use, unless the user already points SOPS_AGE_KEY_FILE somewhere. */
export function requireAgeKey(paths: RepoPaths): void {
  if (paths.sopsAgeKeyFileFromEnv) {
    requireFile(paths, paths.sopsAgeKeyFileFromEnv, "SOPS_AGE_KEY_FILE points to a missing file; fix or unset it.");
  } else {
    requireFile(paths, paths.ageKey, RUN_INIT);
  }
}

/** Environment for sops (and tools that call it) run from `fromDir`: the repository's age key. */
export function sopsEnv(paths: RepoPaths, fromDir: string = paths.root): Record<string, string> {
  return { SOPS_AGE_KEY_FILE: relPath(paths, paths.sopsAgeKeyFileFromEnv ?? paths.ageKey, fromDir) };
}

export function requireKubeconfig(paths: RepoPaths): void {
  const fix = paths.kubeconfigFromEnv
    ? "KUBECONFIG points to a missing file; fix or unset it."
    : "Run `talos-cluster bootstrap talos` to fetch it from the cluster.";
  for (const file of paths.kubeconfig.split(delimiter)) requireFile(paths, file, fix);
}

export function requireTalosconfig(paths: RepoPaths): void {
  const fix = paths.talosconfigFromEnv
    ? "TALOSCONFIG points to a missing file; fix or unset it."
    : "Run `talos-cluster talos generate-config` to generate it.";
  requireFile(paths, paths.talosconfig, fix);
}

export function kubeEnv(paths: RepoPaths): Record<string, string> {
  return { KUBECONFIG: relPath(paths, paths.kubeconfig) };
}
