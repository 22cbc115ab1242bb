import { COMMON_USAGE, day2Command } from "../ops/day2.js";
import { kubeEnv, requireKubeconfig } from "../ops/repo.js";

const USAGE = `Usage: talos-cluster reconcile [--dir DIR] [--dry-run]

Makes Flux fetch the Git repository now and apply it: reconciles the flux-system GitRepository
source, then the flux-system Kustomization (flux reconcile kustomization flux-system --with-source).

Options:
${COMMON_USAGE}`;

export const reconcile = day2Command({
  path: ["reconcile"],
  summary: "Force Flux to pull the Git repository and apply it now",
  usage: USAGE,
  async run({ paths, runner }, ctx) {
    requireKubeconfig(paths);
    runner.requireTools(["flux"]);
    await runner.run({
      tool: "flux",
      args: ["--namespace", "flux-system", "reconcile", "kustomization", "flux-system", "--with-source"],
      env: kubeEnv(paths),
    });
    if (!runner.dryRun) ctx.stdout("Follow the rollout with `flux get kustomizations --watch`.\n");
    return 0;
  },
});
