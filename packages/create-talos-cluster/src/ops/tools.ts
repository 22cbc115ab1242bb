import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";


/** The external programs the day-2 commands drive, with what each is for. */
export const TOOLS = {
  talosctl: "the Talos API client: applies machine configs, bootstraps etcd, upgrades and resets nodes",
  talhelper: "renders talos/talconfig.yaml into per-node Talos machine configs (talos/clusterconfig/)",
  kubectl: "the Kubernetes client: applies namespaces, bootstrap Secrets and CRDs, lists resources",
  helmfile: "installs the bootstrap Helm releases (bootstrap/helmfile.d/)",
  helm: "the chart engine helmfile runs (keep it at 3.x: Helm 4 breaks helmfile's post-renderer)",
  yq: "filters CustomResourceDefinitions out of the rendered charts (post-renderer in 00-crds.yaml)",
  flux: "the Flux CLI: triggers reconciliation of the Git repository",
} as const;

export type ToolName = keyof typeof TOOLS;

/** Absolute path of `name` on the PATH of `env`, or undefined. Never consults `process.env`. */
export function findTool(name: string, env: Record<string, string | undefined>): string | undefined {
  const dirs = (env.PATH ?? "").split(delimiter).filter((d) => d !== "" && isAbsolute(d));
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: keep looking
    }
  }
  return undefined;
}

export function missingToolMessage(missing: ToolName[]): string {
  const lines = missing.map((t) => `  ${t.padEnd(9)}  ${TOOLS[t]}`);
  return (
    `Missing required tool${missing.length > 1 ? "s" : ""} on PATH: ${missing.join(", ")}\n${lines.join("\n")}\n` +
    "Install them with mise: `mise install` in the repository installs the tools its .mise.toml pins, " +
    "`mise use <tool>` adds one it does not; or install from each project's release page. Then make sure they are on PATH."
  );
}

