import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Context } from "../cli/context.js";
import { UserError } from "../cli/context.js";
import { type CryptRules, encryptYaml, findCreationRule, loadSopsConfig, sopsStatus } from "@talos-cluster/secrets";
import type { Runner, Step } from "./exec.js";
import { display, type RepoPaths, RUN_CONFIGURE, relPath, sopsEnv } from "./repo.js";
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
 * never overwrites it: losing it locks you out of the cluster. The output of `talhelper gensecret`
 * is held in memory and encrypted in-process (@talos-cluster/secrets, the same SOPS/age code as
 * `talos-cluster configure`) under `.sops.yaml`'s creation rule; the plaintext never touches the
 * disk or the terminal.
 */
export async function ensureTalosSecrets(runner: Runner, paths: RepoPaths, ctx: Context): Promise<void> {
  const name = display(paths, paths.talsecret);
  if (existsSync(paths.talsecret)) {
    ctx.stdout(`Keeping ${name}: the Talos secrets bundle is never regenerated (losing it locks you out of the cluster).\n`);
    const status = sopsStatus(readFileSync(paths.talsecret, "utf8"));
    if (!status.encrypted) {
      ctx.stderr(
        `warning: ${name} is not encrypted (${status.reason}). Encrypt it before committing: ` +
          `talos-cluster sops encrypt --in-place ${name}\n`,
      );
    }
    return;
  }
  const rule = talosSecretRule(paths, name);
  const secret = await runner.run({ tool: "talhelper", args: ["gensecret"] }, { capture: true });
  ctx.stdout(`  (output kept in memory, encrypted for ${rule.age.join(", ")} by .sops.yaml's rule, written to ${name})\n`);
  if (runner.dryRun) return;
  if (secret.stdout.trim() === "") throw new UserError(`talhelper gensecret printed nothing, so ${name} was not written.`);
  const encrypted = await encryptYaml(secret.stdout, { ...rule.crypt, recipients: rule.age, indent: rule.indent });
  if (!encrypted.ok) {
    throw new UserError(`${name}: not written, encryption failed:\n${encrypted.errors.map((e) => `  ${e.message}`).join("\n")}`);
  }
  try {
    // "wx": fail rather than replace a bundle that appeared meanwhile.
    writeFileSync(paths.talsecret, encrypted.text, { flag: "wx" });
  } catch (error) {
    throw new UserError(`${name}: not written (${(error as NodeJS.ErrnoException).code}); the existing file was left alone.`);
  }
}

/** The `.sops.yaml` creation rule for the bundle, checked before gensecret runs. */
function talosSecretRule(paths: RepoPaths, name: string): { age: string[]; crypt: CryptRules; indent: number | undefined } {
  const sopsName = display(paths, paths.sopsConfig);
  const loaded = loadSopsConfig(readFileSync(paths.sopsConfig, "utf8"), sopsName);
  if (!loaded.ok) throw new UserError(loaded.errors.map((e) => e.message).join("\n"));
  const rule = findCreationRule(loaded.config, name);
  if (!rule || rule.age.length === 0) {
    throw new UserError(`${sopsName}: no creation rule with age recipients matches ${name}. ${RUN_CONFIGURE}`);
  }
  const { pathRegex: _pathRegex, age, ...crypt } = rule;
  return { age, crypt, indent: loaded.config.yamlIndent };
}

/** `talhelper genconfig` in talos/, as the reference runs it (patch paths are relative to talos/). */
export async function generateMachineConfigs(runner: Runner, paths: RepoPaths): Promise<void> {
  await runner.run({ tool: "talhelper", args: ["genconfig"], cwd: "talos", env: sopsEnv(paths, paths.talosDir) });
  if (!runner.dryRun && !paths.talosconfigFromEnv && !existsSync(paths.talosconfig)) {
    throw new UserError(`talhelper genconfig finished but ${display(paths, paths.talosconfig)} is missing; check its output above.`);
  }
}
