import { readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import {
  decryptYaml,
  discoverAgeIdentities,
  encryptYaml,
  findCreationRule,
  loadSopsConfig,
  type SopsIssue,
  sopsStatus,
} from "@talos-cluster/secrets";
import type { Command } from "../cli/command.js";
import { type Context, UserError } from "../cli/context.js";
import { type Options, parseCommandArgs, usageError } from "../cli/parse-command-args.js";

const ENCRYPT_USAGE = `Usage: talos-cluster sops encrypt FILE [--in-place] [--config .sops.yaml] [--age-recipient R]...

Encrypts a YAML file in SOPS format (age), in-process: no sops binary needed. The creation rule of
.sops.yaml (found from the current directory upwards, or --config) whose path_regex matches FILE
chooses the recipients and encrypted_regex / mac_only_encrypted. Prints the encrypted file on
stdout, or rewrites FILE with --in-place.

Options:
  --in-place          write the encrypted file back to FILE
  --config FILE       the .sops.yaml to use
  --age-recipient R   encrypt to this age public key (repeatable); replaces the rule's age keys
  -h, --help          show this help`;

const DECRYPT_USAGE = `Usage: talos-cluster sops decrypt FILE [--identity age.key]

Decrypts a SOPS-encrypted YAML file (age), verifies its MAC and prints the plaintext on stdout.
Identities: --identity, else SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, ./age.key and
~/.config/sops/age/keys.txt.

Options:
  --identity FILE   age identity file to decrypt with (only this one is used)
  -h, --help        show this help`;

const STATUS_USAGE = `Usage: talos-cluster sops status FILE...

Says for each file whether it is SOPS-encrypted. Exit code 0 when all are, 1 when any is not.

Options:
  -h, --help   show this help`;

/** A `sops` command's flags and FILE arguments: at least one, or exactly one when `one`. */
function sopsArgs<const O extends Options>(command: string, usage: string, args: string[], options: O, one: boolean) {
  const { values, positionals: files } = parseCommandArgs(command, usage, args, options, { allowPositionals: true });
  if (files.length === 0) throw usageError(command, usage, "FILE is missing.");
  if (one && files.length > 1) throw usageError(command, usage, `expected one FILE, got ${files.length}.`);
  return { values, files };
}

async function readInput(ctx: Context, file: string): Promise<string> {
  try {
    return await readFile(resolve(ctx.cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${file}: ${code === "ENOENT" ? "file not found" : `cannot read (${code ?? "error"})`}.`);
  }
}

function issueText(file: string, issues: SopsIssue[]): string {
  return issues
    .map((i) => (i.line !== undefined ? `${file}:${i.line}:${i.col ?? 1}  ${i.message}` : `${file}: ${i.message}`))
    .join("\n");
}

async function findSopsConfig(ctx: Context): Promise<string | undefined> {
  let dir = resolve(ctx.cwd);
  for (;;) {
    const candidate = join(dir, ".sops.yaml");
    if (await stat(candidate).then((s) => s.isFile(), () => false)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const encrypt: Command = {
  path: ["sops", "encrypt"],
  summary: "Encrypt a YAML file with SOPS/age (in-process)",
  usage: ENCRYPT_USAGE,
  async run(args, ctx) {
    const { values, files } = sopsArgs(
      "sops encrypt",
      ENCRYPT_USAGE,
      args,
      { "in-place": { type: "boolean" }, config: { type: "string" }, "age-recipient": { type: "string", multiple: true } },
      true,
    );
    const file = files[0] as string;
    const plaintext = await readInput(ctx, file);
    const configPath = typeof values.config === "string" ? resolve(ctx.cwd, values.config) : await findSopsConfig(ctx);
    let rule: ReturnType<typeof findCreationRule>;
    let indent: number | undefined;
    if (configPath) {
      const text = await readFile(configPath, "utf8").catch(() => {
        throw new UserError(`${values.config as string}: file not found.`);
      });
      const shown = relative(ctx.cwd, configPath) || configPath;
      const loaded = loadSopsConfig(text, shown);
      if (!loaded.ok) throw new UserError(loaded.errors.map((e) => e.message).join("\n"));
      rule = findCreationRule(loaded.config, resolve(ctx.cwd, file), dirname(configPath));
      indent = loaded.config.yamlIndent;
      if (!rule && !values["age-recipient"]) {
        throw new UserError(`${file}: no creation rule in ${shown} matches this file. Add a path_regex for it or pass --age-recipient.`);
      }
    }
    const flagRecipients = (values["age-recipient"] as string[] | undefined)?.flatMap((r) => r.split(",")) ?? [];
    const recipients = flagRecipients.length > 0 ? flagRecipients : (rule?.age ?? []);
    const { age: _age, pathRegex: _pathRegex, ...rules } = rule ?? { age: [] };
    const result = await encryptYaml(plaintext, { ...rules, recipients, ...(indent ? { indent } : {}) });
    if (!result.ok) throw new UserError(issueText(file, result.errors));
    for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
    if (values["in-place"]) {
      await writeFile(resolve(ctx.cwd, file), result.text, "utf8");
      ctx.stderr(`Encrypted ${file} for ${recipients.join(", ")}.\n`);
    } else {
      ctx.stdout(result.text);
    }
    return 0;
  },
};

const decrypt: Command = {
  path: ["sops", "decrypt"],
  summary: "Decrypt a SOPS/age YAML file to stdout (MAC verified)",
  usage: DECRYPT_USAGE,
  async run(args, ctx) {
    const { values, files } = sopsArgs("sops decrypt", DECRYPT_USAGE, args, { identity: { type: "string" } }, true);
    const file = files[0] as string;
    const text = await readInput(ctx, file);
    const found = await discoverAgeIdentities({
      env: ctx.env,
      cwd: ctx.cwd,
      homedir: ctx.env.HOME ?? "",
      ...(typeof values.identity === "string" ? { identityFile: values.identity } : {}),
    });
    if (found.errors.length > 0) throw new UserError(found.errors.join("\n"));
    for (const w of found.warnings) ctx.stderr(`warning: ${w}\n`);
    const result = await decryptYaml(text, { identities: found.identities });
    if (!result.ok) {
      const tried = found.sources.length > 0 ? ` (identities tried: ${found.sources.map((s) => s.label).join(", ")})` : "";
      throw new UserError(`${issueText(file, result.errors)}${result.errors[0]?.code === "no-matching-identity" ? tried : ""}`);
    }
    for (const w of result.warnings) ctx.stderr(`warning: ${file}: ${w}\n`);
    ctx.stdout(result.text);
    return 0;
  },
};

const status: Command = {
  path: ["sops", "status"],
  summary: "Tell whether files are SOPS-encrypted (exit 1 if any is not)",
  usage: STATUS_USAGE,
  async run(args, ctx) {
    const { files } = sopsArgs("sops status", STATUS_USAGE, args, {}, false);
    let bad = 0;
    for (const file of files) {
      let text: string;
      try {
        text = await readInput(ctx, file);
      } catch (error) {
        ctx.stdout(`${file}: ${(error as Error).message.replace(`${file}: `, "").replace(/\.$/, "")}\n`);
        bad++;
        continue;
      }
      const s = sopsStatus(text);
      if (s.encrypted) ctx.stdout(`${file}: encrypted (${s.recipients.join(", ") || "no age recipient"})\n`);
      else {
        ctx.stdout(`${file}: NOT encrypted (${s.reason})\n`);
        bad++;
      }
    }
    if (bad > 0) ctx.stderr(`${bad} of ${files.length} file(s) not encrypted.\n`);
    return bad > 0 ? 1 : 0;
  },
};

export const sopsCommands: Command[] = [encrypt, decrypt, status];
