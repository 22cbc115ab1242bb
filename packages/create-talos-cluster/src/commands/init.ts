import { mkdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import {
  discoverAgeIdentities,
  generateAgeIdentity,
  generateDeployKey,
  generatePushToken,
  writeSecretFileIfAbsent,
} from "@talos-cluster/secrets";
import type { Command } from "../cli/command.js";
import { UserError } from "../cli/context.js";
import { parseCommandArgs, usageError } from "../cli/parse-command-args.js";

const USAGE = `Usage: talos-cluster init [--dir DIR]

Creates the repository's key files when they are absent, with mode 0600, and never overwrites one:
  age.key                  age identity (age-keygen format) that encrypts the *.sops.yaml files
  github-deploy.key (.pub) ed25519 SSH deploy key for Flux (ssh-keygen format)
  github-push-token.txt    random token for the GitHub webhook
Says which files it created and which it kept. No secret is printed.

Options:
  --dir DIR    directory to create them in (default: the current directory)
  -h, --help   show this help`;

const exists = (path: string) => stat(path).then(() => true, () => false);

export const init: Command = {
  path: ["init"],
  summary: "Create age.key, the deploy key and the push token (never overwrites)",
  usage: USAGE,
  async run(args, ctx) {
    const dirArg = parseCommandArgs("init", USAGE, args, { dir: { type: "string" } }).values.dir;
    if (dirArg === "") throw usageError("init", USAGE, "--dir needs a directory.");
    const dir = resolve(ctx.cwd, dirArg ?? ".");
    await mkdir(dir, { recursive: true });
    const lines: string[] = [];

    const agePath = join(dir, "age.key");
    if (await exists(agePath)) lines.push("kept     age.key (already present)");
    else {
      const key = await generateAgeIdentity(new Date());
      const done = await writeSecretFileIfAbsent(agePath, key.text);
      lines.push(done === "created" ? `created  age.key (public key ${key.recipient})` : "kept     age.key (already present)");
    }

    const deployPath = join(dir, "github-deploy.key");
    const pubPath = `${deployPath}.pub`;
    const [hasKey, hasPub] = await Promise.all([exists(deployPath), exists(pubPath)]);
    if (hasKey) {
      lines.push("kept     github-deploy.key (already present)");
      if (!hasPub) {
        lines.push("missing  github-deploy.key.pub: recreate it with `ssh-keygen -y -f github-deploy.key > github-deploy.key.pub`");
      } else lines.push("kept     github-deploy.key.pub (already present)");
    } else if (hasPub) {
      throw new UserError(
        `${pubPath} exists without github-deploy.key. Remove the .pub file (and the key from GitHub) to create a new deploy key.`,
      );
    } else {
      const key = generateDeployKey("deploy-key");
      await writeSecretFileIfAbsent(deployPath, key.privateKey);
      await writeSecretFileIfAbsent(pubPath, key.publicKey);
      lines.push("created  github-deploy.key and github-deploy.key.pub (add the .pub as a deploy key on GitHub)");
    }

    const tokenPath = join(dir, "github-push-token.txt");
    const token = await writeSecretFileIfAbsent(tokenPath, generatePushToken());
    lines.push(token === "created" ? "created  github-push-token.txt" : "kept     github-push-token.txt (already present)");

    ctx.stdout(`${lines.join("\n")}\n`);
    const found = await discoverAgeIdentities({ env: {}, cwd: dir, homedir: ctx.env.HOME ?? "" });
    for (const w of found.warnings) ctx.stderr(`warning: ${w}\n`);
    return 0;
  },
};
