import { existsSync, writeFileSync } from "node:fs";
import type { Context } from "../cli/context.js";
import { UserError } from "../cli/context.js";
import type { Runner, Step } from "./exec.js";
import { display, type RepoPaths, relPath, sopsEnv } from "./repo.js";
import type { TalosNode } from "./talconfig.js";

/** `talosctl <sub> --talosconfig=… --nodes=…` as talhelper's `gencommand` writes it, run from the root. */
export function talosctl(paths: RepoPaths, sub: string[], nodes: string[], extra: string[] = []): Step {
  return {
    tool: "talosctl",
    args: [...sub, `--talosconfig=${relPath(paths, paths.talosconfig)}`, `--nodes=${nodes.join(",")}`, ...extra],
  };
}

/** The machine config talhelper wrote for a node, relative to the root. */
export function machineConfigPath(paths: RepoPaths, clusterName: string, node: TalosNode): string {
  return `${display(paths, paths.clusterconfigDir)}/${clusterName}-${node.hostname}.yaml`;
}

/**
 * Creates the Talos secrets bundle (talos/talsecret.sops.yaml) only when it does not exist, and
 * never overwrites it: losing it locks you out of the cluster. The plaintext goes from
 * `talhelper gensecret` to `sops --encrypt` in memory; it never touches the disk or the terminal.
 */
export async function ensureTalosSecrets(runner: Runner, paths: RepoPaths, ctx: Context): Promise<void> {
  const name = display(paths, paths.talsecret);
  if (existsSync(paths.talsecret)) {
    ctx.stdout(`Keeping ${name}: the Talos secrets bundle is never regenerated (losing it locks you out of the cluster).\n`);
    return;
  }
  ctx.stdout(`Generating the Talos secrets bundle ${name} (encrypted with sops).\n`);
  const encrypted = await runner.pipe(
    { tool: "talhelper", args: ["gensecret"] },
    { tool: "sops", args: ["--filename-override", name, "--encrypt", "/dev/stdin"], env: sopsEnv(paths) },
    {
      redirect: name,
      check: (out) => (out.trim() === "" ? "talhelper gensecret printed nothing; no secrets bundle was written." : undefined),
    },
  );
  if (runner.dryRun) return;
  if (!/^sops:/m.test(encrypted)) {
    throw new UserError(
      `sops returned no encrypted document, so ${name} was not written. ` +
        "Check that .sops.yaml has a creation rule for talos/*.sops.yaml (run `talos-cluster configure`).",
    );
  }
  try {
    // "wx": fail rather than replace a bundle that appeared meanwhile.
    writeFileSync(paths.talsecret, encrypted, { flag: "wx" });
  } catch (error) {
    throw new UserError(`${name}: not written (${(error as NodeJS.ErrnoException).code}); the existing file was left alone.`);
  }
}

/** `talhelper genconfig` in talos/, as the reference runs it (patch paths are relative to talos/). */
export async function generateMachineConfigs(runner: Runner, paths: RepoPaths): Promise<void> {
  await runner.run({ tool: "talhelper", args: ["genconfig"], cwd: "talos", env: sopsEnv(paths, paths.talosDir) });
  if (!runner.dryRun && !paths.talosconfigFromEnv && !existsSync(paths.talosconfig)) {
    throw new UserError(`talhelper genconfig finished but ${display(paths, paths.talosconfig)} is missing; check its output above.`);
  }
}
