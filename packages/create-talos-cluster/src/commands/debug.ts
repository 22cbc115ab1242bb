import { COMMON_USAGE, day2Command } from "../ops/day2.js";
import { kubeEnv, requireKubeconfig } from "../ops/repo.js";

/** What the reference's `template:debug` task lists, in its order. */
export const DEBUG_RESOURCES = [
  "certificates",
  "certificaterequests",
  "gitrepositories",
  "helmrepositories",
  "helmreleases",
  "httproutes",
  "kustomizations",
  "nodes",
  "pods",
] as const;

const USAGE = `Usage: talos-cluster debug [--dir DIR] [--dry-run]

Lists, across all namespaces: ${DEBUG_RESOURCES.join(", ")}
(kubectl get --all-namespaces RESOURCE). Lists everything even when one listing fails (for example
a CRD that is not installed yet), then exits 1 if any failed.

Options:
${COMMON_USAGE}`;

export const debug = day2Command({
  path: ["debug"],
  summary: "List cluster resources (certificates, Flux objects, routes, nodes, pods)",
  usage: USAGE,
  async run({ paths, runner }, ctx) {
    requireKubeconfig(paths);
    runner.requireTools(["kubectl"]);
    const failed: string[] = [];
    for (const resource of DEBUG_RESOURCES) {
      const result = await runner.run(
        { tool: "kubectl", args: ["get", "--all-namespaces", resource], env: kubeEnv(paths) },
        { allowFailure: true },
      );
      if (result.code !== 0) failed.push(resource);
    }
    if (failed.length > 0) {
      ctx.stderr(`Could not list: ${failed.join(", ")}.\n`);
      return 1;
    }
    return 0;
  },
});
