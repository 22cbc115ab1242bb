import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { toYamlDocuments } from "@talos-cluster/config-schema";
import { decryptYaml, parseIdentityFile } from "@talos-cluster/secrets";
import type { Command } from "../cli/command.js";
import { type Context, UserError } from "../cli/context.js";
import { intFlag } from "../ops/args.js";
import { requireRealTunnelCredentials } from "../ops/credentials.js";
import { COMMON_USAGE, day2Command } from "../ops/day2.js";
import type { Runner } from "../ops/exec.js";
import {
  display,
  kubeEnv,
  type RepoPaths,
  relPath,
  requireAgeKey,
  requireFile,
  requireKubeconfig,
  RUN_CONFIGURE,
} from "../ops/repo.js";
import { realSleep, retry, type RetryPolicy } from "../ops/retry.js";
import { firstControlPlane, readTalosInventory } from "../ops/talconfig.js";
import { ensureTalosSecrets, generateMachineConfigs, machineConfigPath, talosctl } from "../ops/talos-steps.js";

const RETRY_USAGE = `  --retries N          attempts for each wait (default: 30)
  --retry-delay SECS   seconds between attempts (default: 10)`;

const RETRY_OPTIONS = { retries: { type: "string" }, "retry-delay": { type: "string" } } as const;

function retryPolicy(flags: { retries?: string; "retry-delay"?: string }, usageError: (reason: string) => Error): RetryPolicy {
  return {
    attempts: Math.max(1, intFlag(flags.retries, "retries", 30, usageError)),
    delayMs: intFlag(flags["retry-delay"], "retry-delay", 10, usageError) * 1000,
    sleep: realSleep,
  };
}

function banner(ctx: Context, text: string): void {
  ctx.stdout(`==> ${text}\n`);
}

const TALOS_USAGE = `Usage: talos-cluster bootstrap talos [--retries N] [--retry-delay SECS] [--dir DIR] [--dry-run]

Builds a new Talos cluster from nodes in maintenance mode:
  1. creates the Talos secrets bundle talos/talsecret.sops.yaml if it does not exist (never overwrites it)
  2. talhelper genconfig
  3. talosctl apply-config --insecure to every node in talos/talconfig.yaml
  4. talosctl bootstrap (etcd) on the first control-plane node, retried until the node is up
  5. talosctl kubeconfig into ./kubeconfig (or $KUBECONFIG, merged), retried likewise

Options:
${RETRY_USAGE}
${COMMON_USAGE}`;

export const bootstrapTalos = day2Command({
  path: ["bootstrap", "talos"],
  summary: "Create the cluster: secrets, genconfig, apply --insecure, bootstrap etcd, fetch kubeconfig",
  usage: TALOS_USAGE,
  options: RETRY_OPTIONS,
  async run(prepared, ctx) {
    const { flags, runner, usageError } = prepared;
    const policy = retryPolicy(flags, usageError);
    // A new cluster is reached through the talosconfig genconfig writes now, whatever $TALOSCONFIG says.
    const paths = { ...prepared.paths, talosconfig: join(prepared.paths.clusterconfigDir, "talosconfig"), talosconfigFromEnv: false };
    if (prepared.paths.talosconfigFromEnv && prepared.paths.talosconfig !== paths.talosconfig) {
      ctx.stdout(`Note: TALOSCONFIG is set to ${prepared.paths.talosconfig}; bootstrap uses the generated ${display(paths, paths.talosconfig)}.\n`);
    }
    requireFile(paths, paths.sopsConfig, RUN_CONFIGURE);
    requireAgeKey(paths);
    requireFile(paths, paths.talconfig, RUN_CONFIGURE);
    requireRealTunnelCredentials(paths);
    const inventory = readTalosInventory(paths);
    runner.requireTools(["talhelper", "talosctl"]);

    banner(ctx, "Generating cluster secrets");
    await ensureTalosSecrets(runner, paths, ctx);
    banner(ctx, "Generating node configurations");
    await generateMachineConfigs(runner, paths);

    banner(ctx, "Applying configurations to nodes");
    for (const node of inventory.nodes) {
      await runner.run(
        talosctl(paths, ["apply-config"], [node.ipAddress], [`--file=${machineConfigPath(paths, inventory.clusterName, node)}`, "--insecure"]),
        {
          hint:
            `Is ${node.hostname} (${node.ipAddress}) booted into maintenance mode? If it is already installed, ` +
            `use \`talos-cluster talos apply-node --ip ${node.ipAddress}\` instead.`,
        },
      );
    }

    const cp = firstControlPlane(inventory);
    banner(ctx, "Waiting for nodes to install and bootstrap the cluster");
    const bootstrapped = await retry(
      policy,
      async () => {
        const result = await runner.run(talosctl(paths, ["bootstrap"], [cp.ipAddress]), { allowFailure: true });
        if (result.code !== 0 && /AlreadyExists/i.test(result.stderr)) {
          ctx.stdout("etcd is already bootstrapped.\n");
          return true;
        }
        return result.code === 0;
      },
      (n) => ctx.stdout(`${cp.hostname} is not ready to bootstrap yet (attempt ${n}/${policy.attempts}); retrying in ${policy.delayMs / 1000}s.\n`),
    );
    if (!bootstrapped) {
      throw new UserError(
        `etcd bootstrap on ${cp.hostname} (${cp.ipAddress}) did not succeed after ${policy.attempts} attempts. ` +
          "Check the node's console, then rerun `talos-cluster bootstrap talos` (it reuses the secrets bundle) " +
          "or raise --retries.",
      );
    }

    banner(ctx, "Fetching the kubeconfig");
    const target = relPath(paths, paths.kubeconfig);
    const fetched = await retry(
      policy,
      async () =>
        (
          await runner.run(talosctl(paths, ["kubeconfig"], [cp.ipAddress], [...(paths.kubeconfigFromEnv ? [] : ["--force"]), target]), {
            allowFailure: true,
          })
        ).code === 0,
      (n) => ctx.stdout(`The Kubernetes API is not ready yet (attempt ${n}/${policy.attempts}); retrying in ${policy.delayMs / 1000}s.\n`),
    );
    if (!fetched) {
      throw new UserError(`Could not fetch the kubeconfig from ${cp.hostname} (${cp.ipAddress}) after ${policy.attempts} attempts. Rerun, or raise --retries.`);
    }
    if (!runner.dryRun) {
      ctx.stdout(
        `Talos cluster bootstrapped; kubeconfig written to ${display(paths, paths.kubeconfig)}.\n` +
          "Next: `kubectl get nodes` (nodes stay NotReady until the CNI is installed), then `talos-cluster bootstrap apps`.\n",
      );
    }
    return 0;
  },
});

/** The bootstrap Secrets, applied in this order into flux-system (reference scripts/bootstrap-apps.sh). */
export const BOOTSTRAP_SECRET_FILES = [
  "bootstrap/github-deploy-key.sops.yaml",
  "bootstrap/sops-age.sops.yaml",
  "kubernetes/components/sops/cluster-secrets.sops.yaml",
] as const;

const CRDS_HELMFILE = "bootstrap/helmfile.d/00-crds.yaml";
const APPS_HELMFILE = "bootstrap/helmfile.d/01-apps.yaml";

const APPS_USAGE = `Usage: talos-cluster bootstrap apps [--retries N] [--retry-delay SECS] [--dir DIR] [--dry-run]

Installs what Flux needs to take over, in this order (any failing step stops with exit 1):
  1. waits until every node is registered (they stay NotReady until the CNI is installed)
  2. applies a Namespace for each directory under kubernetes/apps/
  3. applies the bootstrap Secrets into flux-system: ${BOOTSTRAP_SECRET_FILES.join(", ")}
     (decrypted in memory with the age key and passed to kubectl on stdin; a missing file is skipped
     with a warning)
  4. applies the CRDs rendered from ${CRDS_HELMFILE} (helmfile template | kubectl apply --server-side)
  5. helmfile sync of ${APPS_HELMFILE} (cilium, coredns, spegel, cert-manager, flux-operator, flux-instance)

Options:
${RETRY_USAGE}
${COMMON_USAGE}`;

export const bootstrapApps = day2Command({
  path: ["bootstrap", "apps"],
  summary: "Install namespaces, bootstrap Secrets, CRDs and the bootstrap Helm releases",
  usage: APPS_USAGE,
  options: RETRY_OPTIONS,
  async run({ flags, paths, runner, usageError }, ctx) {
    const policy = retryPolicy(flags, usageError);
    requireKubeconfig(paths);
    requireAgeKey(paths);
    requireRealTunnelCredentials(paths);
    const appsDir = join(paths.root, "kubernetes", "apps");
    requireFile(paths, appsDir, RUN_CONFIGURE, "directory");
    const namespaces = readdirSync(appsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    if (namespaces.length === 0) throw new UserError(`${display(paths, appsDir)}: no app directories. ${RUN_CONFIGURE}`);
    requireFile(paths, join(paths.root, CRDS_HELMFILE), RUN_CONFIGURE);
    requireFile(paths, join(paths.root, APPS_HELMFILE), RUN_CONFIGURE);
    runner.requireTools(["kubectl", "helmfile", "helm", "yq"]);
    const kube = kubeEnv(paths);

    banner(ctx, "Waiting for nodes");
    await waitForNodes(runner, ctx, paths, policy);

    banner(ctx, "Applying namespaces");
    await runner.run({
      inputLabel: `Namespace ${namespaces.join(", ")}`,
      tool: "kubectl",
      args: ["apply", "--server-side", "--filename=-"],
      env: kube,
      input: toYamlDocuments(namespaces.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }))),
    });

    banner(ctx, "Applying bootstrap Secrets");
    for (const file of BOOTSTRAP_SECRET_FILES) {
      const path = join(paths.root, file);
      if (!existsSync(path)) {
        ctx.stderr(`warning: ${file} not found; skipped.\n`);
        continue;
      }
      // Decrypted in memory (never printed, never on disk) and handed to kubectl on stdin.
      const plaintext = runner.dryRun ? "" : await decryptSecretFile(paths, file);
      await runner.run({
        tool: "kubectl",
        args: ["--namespace", "flux-system", "apply", "--server-side", "--filename=-"],
        env: kube,
        input: plaintext,
        inputLabel: `${file}, decrypted in memory`,
      });
    }

    banner(ctx, "Applying CRDs");
    await runner.pipe(
      { tool: "helmfile", args: ["--file", CRDS_HELMFILE, "template", "--quiet"], env: kube },
      { tool: "kubectl", args: ["apply", "--server-side", "--filename=-"], env: kube },
      { check: (out) => (out.trim() === "" ? `No CRDs rendered from ${CRDS_HELMFILE}; nothing was applied.` : undefined) },
    );

    banner(ctx, "Syncing the bootstrap Helm releases");
    await runner.run({ tool: "helmfile", args: ["--file", APPS_HELMFILE, "sync", "--hide-notes"], env: kube });

    if (!runner.dryRun) {
      ctx.stdout(
        "Congrats! The cluster is bootstrapped and Flux is syncing the Git repository.\n" +
          "Watch it with `kubectl get pods --all-namespaces --watch`, `flux get kustomizations --watch` and `talos-cluster talos status`.\n",
      );
    }
    return 0;
  },
});

/** Decrypts a bootstrap Secret with the repository's age key (@talos-cluster/secrets, as configure encrypts). */
async function decryptSecretFile(paths: RepoPaths, file: string): Promise<string> {
  const keyFile = paths.sopsAgeKeyFileFromEnv ?? paths.ageKey;
  const identities = parseIdentityFile(readFileSync(keyFile, "utf8"));
  if (identities.length === 0) {
    throw new UserError(`${display(paths, keyFile)}: no AGE-SECRET-KEY line. Point SOPS_AGE_KEY_FILE at the repository's age key.`);
  }
  const opened = await decryptYaml(readFileSync(join(paths.root, file), "utf8"), { identities });
  if (!opened.ok) {
    throw new UserError(`${file}: cannot decrypt:\n${opened.errors.map((e) => `  ${e.message}`).join("\n")}`);
  }
  return opened.text;
}

/**
 * Ready nodes: done. Otherwise wait until every node is registered (Ready=False), since Talos
 * nodes stay NotReady until the CNI that this very command installs exists.
 */
async function waitForNodes(runner: Runner, ctx: Context, paths: RepoPaths, policy: RetryPolicy): Promise<void> {
  const kube = kubeEnv(paths);
  const ready = await runner.run(
    { tool: "kubectl", args: ["wait", "nodes", "--for=condition=Ready=True", "--all", "--timeout=10s"], env: kube },
    { allowFailure: true },
  );
  if (ready.code === 0) {
    if (!runner.dryRun) ctx.stdout("Nodes are available and ready.\n");
    return;
  }
  const registered = await retry(
    policy,
    async () =>
      (
        await runner.run(
          { tool: "kubectl", args: ["wait", "nodes", "--for=condition=Ready=False", "--all", "--timeout=10s"], env: kube },
          { allowFailure: true },
        )
      ).code === 0,
    (n) => ctx.stdout(`Nodes are not available yet (attempt ${n}/${policy.attempts}); retrying in ${policy.delayMs / 1000}s.\n`),
  );
  if (!registered) {
    throw new UserError(`The nodes did not register with Kubernetes after ${policy.attempts} attempts. Check \`talos-cluster talos status\`, then rerun.`);
  }
}

/** The talos-cluster bootstrap … commands. */
export const bootstrapCommands: Command[] = [bootstrapTalos, bootstrapApps];
