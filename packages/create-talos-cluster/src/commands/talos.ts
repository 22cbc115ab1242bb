import { existsSync } from "node:fs";
import { delimiter } from "node:path";
import type { Command } from "../cli/command.js";
import { type Context, UserError } from "../cli/context.js";
import { confirmOrStop } from "../ops/confirm.js";
import { COMMON_USAGE, day2Command } from "../ops/day2.js";
import type { Runner } from "../ops/exec.js";
import {
  display,
  kubeEnv,
  type RepoPaths,
  requireAgeKey,
  requireFile,
  requireTalosconfig,
  RUN_CONFIGURE,
} from "../ops/repo.js";
import { findNode, firstControlPlane, readTalenvVersion, readTalosInventory } from "../ops/talconfig.js";
import { ensureTalosSecrets, generateMachineConfigs, machineConfigPath, talosctl } from "../ops/talos-steps.js";

const IP_USAGE = "  --ip IP              the node's address, as in nodes.yaml (required)";
const YES_USAGE = "  --yes                do not ask for confirmation (required without a terminal)";

const GENERATE_CONFIG_USAGE = `Usage: talos-cluster talos generate-config [--dir DIR] [--dry-run]

Renders talos/talconfig.yaml into per-node machine configs and talos/clusterconfig/talosconfig
(talhelper genconfig). Creates the Talos secrets bundle talos/talsecret.sops.yaml first, only if it
does not exist (talhelper gensecret, encrypted in memory with .sops.yaml's rule); an existing bundle
is never overwritten.
Run it after \`talos-cluster configure\` whenever nodes.yaml or the Talos settings change.

Options:
${COMMON_USAGE}`;

export const talosGenerateConfig = day2Command({
  path: ["talos", "generate-config"],
  summary: "Generate Talos machine configs (talhelper genconfig); secrets bundle only if absent",
  usage: GENERATE_CONFIG_USAGE,
  async run({ paths, runner }, ctx) {
    requireFile(paths, paths.talconfig, RUN_CONFIGURE);
    requireFile(paths, paths.sopsConfig, RUN_CONFIGURE);
    requireAgeKey(paths);
    runner.requireTools(["talhelper"]);
    await ensureTalosSecrets(runner, paths, ctx);
    await generateMachineConfigs(runner, paths);
    return 0;
  },
});

const MODES = ["auto", "no-reboot", "reboot", "staged", "try"] as const;

const APPLY_NODE_USAGE = `Usage: talos-cluster talos apply-node --ip IP [--mode MODE] [--dir DIR] [--dry-run]

Applies the node's generated machine config (talos/clusterconfig/<cluster>-<host>.yaml) to a running
node with talosctl apply-config. Run \`talos-cluster talos generate-config\` first.

Options:
${IP_USAGE}
  --mode MODE          ${MODES.join(" | ")} (default: auto)
${COMMON_USAGE}`;

export const talosApplyNode = day2Command({
  path: ["talos", "apply-node"],
  summary: "Apply a node's machine config (talosctl apply-config)",
  usage: APPLY_NODE_USAGE,
  options: { ip: { type: "string" }, mode: { type: "string" } },
  async run({ flags, paths, runner, usageError }) {
    const ip = requireIp(flags.ip, usageError);
    const mode = flags.mode ?? "auto";
    if (!(MODES as readonly string[]).includes(mode)) {
      throw usageError(`--mode must be one of ${MODES.join(", ")}; got "${mode}".`);
    }
    const inventory = readTalosInventory(paths);
    const node = findNode(paths, inventory, ip);
    const file = machineConfigPath(paths, inventory.clusterName, node);
    requireFile(paths, `${paths.root}/${file}`, "Run `talos-cluster talos generate-config` to generate it.");
    requireTalosApi(paths, runner);
    await runner.run(talosctl(paths, ["apply-config"], [ip], [`--file=${file}`, `--mode=${mode}`]));
    return 0;
  },
});

const UPGRADE_NODE_USAGE = `Usage: talos-cluster talos upgrade-node --ip IP [--yes] [--dir DIR] [--dry-run]

Upgrades Talos on one node to talosVersion from talos/talenv.yaml, with the node's installer image
(talosImageURL in talos/talconfig.yaml). The node reboots. Asks for confirmation on a terminal.

Options:
${IP_USAGE}
${YES_USAGE}
${COMMON_USAGE}`;

export const talosUpgradeNode = day2Command({
  path: ["talos", "upgrade-node"],
  summary: "Upgrade Talos on one node (talosctl upgrade); the node reboots",
  usage: UPGRADE_NODE_USAGE,
  options: { ip: { type: "string" }, yes: { type: "boolean" } },
  async run(day2, ctx) {
    const { flags, paths, runner, usageError } = day2;
    const ip = requireIp(flags.ip, usageError);
    const inventory = readTalosInventory(paths);
    const node = findNode(paths, inventory, ip);
    if (!node.talosImageURL) {
      throw new UserError(`${display(paths, paths.talconfig)}  nodes[${inventory.nodes.indexOf(node)}].talosImageURL  missing. ${RUN_CONFIGURE}`);
    }
    const version = readTalenvVersion(paths, "talosVersion");
    await readyToDisrupt(
      day2,
      ctx,
      `This upgrades Talos on ${node.hostname} (${ip}) to ${version}; the node reboots.`,
      `talos-cluster talos upgrade-node --ip ${ip}`,
    );
    await runner.run(talosctl(paths, ["upgrade"], [ip], [`--image=${node.talosImageURL}:${version}`, "--timeout=10m"]));
    ctx.stdout(`Upgrade started. Follow it with: talosctl --talosconfig=${display(paths, paths.talosconfig)} --nodes=${ip} dmesg --follow\n`);
    return 0;
  },
});

const UPGRADE_K8S_USAGE = `Usage: talos-cluster talos upgrade-k8s [--yes] [--dir DIR] [--dry-run]

Upgrades Kubernetes on the whole cluster to kubernetesVersion from talos/talenv.yaml
(talosctl upgrade-k8s through the first control-plane node). Asks for confirmation on a terminal.

Options:
${YES_USAGE}
${COMMON_USAGE}`;

export const talosUpgradeK8s = day2Command({
  path: ["talos", "upgrade-k8s"],
  summary: "Upgrade Kubernetes to talenv.yaml's kubernetesVersion (talosctl upgrade-k8s)",
  usage: UPGRADE_K8S_USAGE,
  options: { yes: { type: "boolean" } },
  async run(day2, ctx) {
    const { paths, runner } = day2;
    const inventory = readTalosInventory(paths);
    const version = readTalenvVersion(paths, "kubernetesVersion");
    await readyToDisrupt(day2, ctx, `This upgrades Kubernetes to ${version}; it may take several minutes.`, "talos-cluster talos upgrade-k8s");
    await runner.run(talosctl(paths, ["upgrade-k8s"], [firstControlPlane(inventory).ipAddress], ["--to", version]));
    return 0;
  },
});

const RESET_USAGE = `Usage: talos-cluster talos reset [--yes] [--dir DIR] [--dry-run]

DESTROYS the cluster: resets every node in talos/talconfig.yaml to maintenance mode, wiping the
STATE and EPHEMERAL partitions (talosctl reset --reboot). Requires --yes or a "yes" on a terminal.
Local files are kept, including the Talos secrets bundle talos/talsecret.sops.yaml, which the
next \`talos-cluster bootstrap talos\` reuses.

Options:
${YES_USAGE}
${COMMON_USAGE}`;

export const talosReset = day2Command({
  path: ["talos", "reset"],
  summary: "Reset every node to maintenance mode (destroys the cluster; needs --yes)",
  usage: RESET_USAGE,
  options: { yes: { type: "boolean" } },
  async run(day2, ctx) {
    const { paths, runner } = day2;
    const inventory = readTalosInventory(paths);
    const names = inventory.nodes.map((n) => `${n.hostname} (${n.ipAddress})`).join(", ");
    await readyToDisrupt(day2, ctx, `This DESTROYS the cluster: ${names} are wiped and reset to maintenance mode.`, "talos-cluster talos reset");
    const failed: string[] = [];
    for (const node of inventory.nodes) {
      const result = await runner.run(
        talosctl(paths, ["reset"], [node.ipAddress], [
          "--reboot",
          "--system-labels-to-wipe=STATE",
          "--system-labels-to-wipe=EPHEMERAL",
          "--graceful=false",
          "--wait=false",
        ]),
        { allowFailure: true },
      );
      if (result.code !== 0) failed.push(`${node.hostname} (${node.ipAddress})`);
    }
    if (failed.length > 0) {
      ctx.stderr(`Reset failed on ${failed.length} node(s): ${failed.join(", ")}. Check that they are reachable, then rerun.\n`);
      return 1;
    }
    if (!runner.dryRun) {
      ctx.stdout(
        `Cluster reset initiated. The nodes reboot into maintenance mode; ` +
          `\`talos-cluster bootstrap talos\` builds a new cluster (reusing ${display(paths, paths.talsecret)}).\n`,
      );
    }
    return 0;
  },
});

const STATUS_USAGE = `Usage: talos-cluster talos status [--dir DIR] [--dry-run]

Shows the Kubernetes nodes (kubectl get nodes), the Talos version on every node and a health
check through the first control-plane node (talosctl health, 60 s timeout). Runs all three and
exits 1 if any of them failed.

Options:
${COMMON_USAGE}`;

export const talosStatus = day2Command({
  path: ["talos", "status"],
  summary: "Show node, Talos version and cluster health status",
  usage: STATUS_USAGE,
  async run({ paths, runner }, ctx) {
    const inventory = readTalosInventory(paths);
    requireTalosconfig(paths);
    const haveKubeconfig = paths.kubeconfig.split(delimiter).every((f) => existsSync(f));
    runner.requireTools(haveKubeconfig ? ["kubectl", "talosctl"] : ["talosctl"]);
    let failures = 0;
    if (haveKubeconfig) {
      const nodes = await runner.run({ tool: "kubectl", args: ["get", "nodes", "--output=wide"], env: kubeEnv(paths) }, { allowFailure: true });
      if (nodes.code !== 0) {
        failures++;
        ctx.stderr("Unable to reach the Kubernetes API.\n");
      }
    } else {
      ctx.stdout(`Skipping kubectl get nodes: ${display(paths, paths.kubeconfig)} not found (run \`talos-cluster bootstrap talos\`).\n`);
    }
    const all = inventory.nodes.map((n) => n.ipAddress);
    const version = await runner.run(talosctl(paths, ["version"], all, ["--short"]), { allowFailure: true });
    if (version.code !== 0) {
      failures++;
      ctx.stderr("Unable to reach the Talos API on every node.\n");
    }
    const controlPlanes = inventory.nodes.filter((n) => n.controlPlane).map((n) => n.ipAddress);
    const workers = inventory.nodes.filter((n) => !n.controlPlane).map((n) => n.ipAddress);
    const health = await runner.run(
      talosctl(paths, ["health"], [firstControlPlane(inventory).ipAddress], [
        `--control-plane-nodes=${controlPlanes.join(",")}`,
        ...(workers.length > 0 ? [`--worker-nodes=${workers.join(",")}`] : []),
        "--wait-timeout=60s",
      ]),
      { allowFailure: true },
    );
    if (health.code !== 0) {
      failures++;
      ctx.stderr("The cluster health check failed.\n");
    }
    return failures > 0 ? 1 : 0;
  },
});

/** Talking to the Talos API needs the talosconfig and talosctl. */
function requireTalosApi(paths: RepoPaths, runner: Runner): void {
  requireTalosconfig(paths);
  runner.requireTools(["talosctl"]);
}

/**
 * Before a talosctl call that disrupts the cluster: what the Talos API needs, then consent
 * (--yes, or "yes" on a terminal). A dry run runs nothing, so it asks nothing.
 */
async function readyToDisrupt(
  { flags, paths, runner }: { flags: { yes?: boolean }; paths: RepoPaths; runner: Runner },
  ctx: Context,
  question: string,
  rerun: string,
): Promise<void> {
  requireTalosApi(paths, runner);
  if (!runner.dryRun) await confirmOrStop(ctx, flags.yes === true, question, rerun);
}

function requireIp(value: unknown, usageError: (reason: string) => Error): string {
  if (typeof value !== "string" || value === "") throw usageError("--ip is required.");
  return value;
}

/** The talos-cluster talos … commands. */
export const talosCommands: Command[] = [talosGenerateConfig, talosApplyNode, talosUpgradeNode, talosUpgradeK8s, talosReset, talosStatus];
