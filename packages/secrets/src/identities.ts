import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { parseIdentityFile, recipientOf } from "./age-keys.js";

export interface DiscoverIdentitiesInput {
  /** Environment variables (SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, XDG_CONFIG_HOME). */
  env: Record<string, string | undefined>;
  /** The repository directory (where `age.key` lives). */
  cwd: string;
  /** The user's home directory (for `~/.config/sops/age/keys.txt`). */
  homedir: string;
  /** An identity file given explicitly (`--identity`); when set, only it is used. */
  identityFile?: string;
  /** Reads a file, or returns undefined when it does not exist (default: node:fs). */
  readTextFile?: (path: string) => Promise<string | undefined>;
}

export interface IdentitySource {
  /** Where the identities came from, for messages (never the key itself). */
  label: string;
  identities: string[];
}

export interface DiscoveredIdentities {
  /** All identities, de-duplicated, in the order they are tried. */
  identities: string[];
  sources: IdentitySource[];
  /** E.g. `~/.config/sops/age/keys.txt` holding another key than the repository's `age.key`. */
  warnings: string[];
  /** Problems with a source the user named (unreadable SOPS_AGE_KEY_FILE, empty --identity file). */
  errors: string[];
}

async function defaultRead(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Finds age identities the way sops does, plus the repository's `age.key`: `--identity`, else
 * SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, `./age.key` and `~/.config/sops/age/keys.txt`
 * ($XDG_CONFIG_HOME/sops/age/keys.txt). Warns when keys.txt holds a key that `age.key` does not:
 * the reference's most common setup mistake.
 */
export async function discoverAgeIdentities(input: DiscoverIdentitiesInput): Promise<DiscoveredIdentities> {
  const read = input.readTextFile ?? defaultRead;
  const sources: IdentitySource[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(input.cwd, p));

  if (input.identityFile) {
    const path = abs(input.identityFile);
    const text = await read(path);
    if (text === undefined) errors.push(`--identity ${input.identityFile}: file not found.`);
    else {
      const ids = parseIdentityFile(text);
      if (ids.length === 0) errors.push(`--identity ${input.identityFile}: no AGE-SECRET-KEY-1… line in the file.`);
      sources.push({ label: `--identity ${input.identityFile}`, identities: ids });
    }
    return finish(sources, warnings, errors);
  }

  const keyFile = input.env.SOPS_AGE_KEY_FILE;
  if (keyFile) {
    const text = await read(abs(keyFile));
    if (text === undefined) errors.push(`SOPS_AGE_KEY_FILE=${keyFile}: file not found.`);
    else sources.push({ label: `SOPS_AGE_KEY_FILE (${keyFile})`, identities: parseIdentityFile(text) });
  }
  const inline = input.env.SOPS_AGE_KEY;
  if (inline) sources.push({ label: "SOPS_AGE_KEY", identities: parseIdentityFile(inline) });

  const repoKeyPath = join(input.cwd, "age.key");
  const repoText = await read(repoKeyPath);
  const repoIds = repoText === undefined ? [] : parseIdentityFile(repoText);
  if (repoText !== undefined) sources.push({ label: "./age.key", identities: repoIds });

  const configHome = input.env.XDG_CONFIG_HOME || join(input.homedir, ".config");
  const userKeysPath = join(configHome, "sops", "age", "keys.txt");
  const userText = await read(userKeysPath);
  if (userText !== undefined) {
    const userIds = parseIdentityFile(userText);
    sources.push({ label: userKeysPath, identities: userIds });
    const stray = userIds.filter((id) => !repoIds.includes(id));
    if (repoIds.length > 0 && stray.length > 0) {
      const strayKeys = await Promise.all(stray.map((id) => recipientOf(id).catch(() => "an unreadable key")));
      const repoKeys = await Promise.all(repoIds.map((id) => recipientOf(id).catch(() => "an unreadable key")));
      warnings.push(
        `${userKeysPath} holds a different age key (${strayKeys.join(", ")}) than ./age.key (${repoKeys.join(", ")}); ` +
          "sops and Flux tooling may use the wrong one. Rename or delete it.",
      );
    }
  }
  return finish(sources, warnings, errors);
}

function finish(sources: IdentitySource[], warnings: string[], errors: string[]): DiscoveredIdentities {
  const identities = [...new Set(sources.flatMap((s) => s.identities))];
  return { identities, sources, warnings, errors };
}
