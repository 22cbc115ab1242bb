import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { formatIssue, loadClusterConfig, parseClusterConfig, type ResolvedConfig } from "@talos-cluster/config-schema";
import { buildFluxTree, configuredSecretValues, parseSecrets } from "@talos-cluster/flux-apps";
import { encryptYaml, findCreationRule, findLeaks, loadSopsConfig, parseIdentityFile } from "@talos-cluster/secrets";
import { buildTalosFiles, formatTalosFilesIssue, type UserPatches } from "@talos-cluster/talos-patches";
import { buildContributions, type Contributions } from "./contributions.js";
import type { ConfigureStages, FileMap, StageResult } from "./pipeline.js";
import { readSecretInputs } from "./secret-inputs.js";
import { readManifest } from "./tree-state.js";
import { readOptional } from "./read-optional.js";

/** Files sops encrypts: `*.sops.yaml`, but not the `.sops.yaml` configuration itself. */
const SOPS_FILE = /.\.sops\.ya?ml$/;
const isSopsFile = (path: string) => SOPS_FILE.test(path.slice(path.lastIndexOf("/") + 1));

/** Contributions of the feature packages (AI gateway, MCP OAuth proxy) for this configuration. */
export type ContributionSource = (config: ResolvedConfig) => StageResult<Contributions>;

export interface DefaultStages extends ConfigureStages<ResolvedConfig> {
  /** Validates configuration texts that are not on disk yet (create's preflight). */
  validateTexts(texts: { "cluster.yaml": string; "nodes.yaml": string }): Promise<StageResult<ResolvedConfig>>;
}

function configResult(result: Awaited<ReturnType<typeof loadClusterConfig>>): StageResult<ResolvedConfig> {
  const warnings = result.warnings.map(formatIssue);
  return result.ok ? { ok: true, value: result.config, warnings } : { ok: false, problems: result.errors.map(formatIssue) };
}

/** The patch files a user keeps under talos/patches/<group>/: every *.yaml there that configure did not generate. */
async function findUserPatches(dir: string, config: ResolvedConfig): Promise<UserPatches> {
  const generated = new Set(Object.keys((await readManifest(dir)).files));
  const list = async (group: string): Promise<string[]> => {
    try {
      const names = await readdir(join(dir, "talos/patches", group));
      return names.filter((n) => n.endsWith(".yaml") && !generated.has(`talos/patches/${group}/${n}`)).sort();
    } catch {
      return [];
    }
  };
  const nodes: Record<string, string[]> = {};
  for (const node of config.nodes) {
    const names = await list(node.name);
    if (names.length > 0) nodes[node.name] = names;
  }
  return { global: await list("global"), controller: await list("controller"), worker: await list("worker"), nodes };
}

/** The stages of `talos-cluster configure`, wired to the toolkit's libraries. */
export function createDefaultStages(contributions: ContributionSource = buildContributions): DefaultStages {
  // What generate read and derived, for the later stages of the same run.
  let ageKey = "";
  let secretValues: string[] = [];
  return {
    async validateTexts(texts) {
      return configResult(
        parseClusterConfig({
          cluster: { path: "cluster.yaml", text: texts["cluster.yaml"] },
          nodes: { path: "nodes.yaml", text: texts["nodes.yaml"] },
        }),
      );
    },

    async validate(dir) {
      return configResult(await loadClusterConfig(".", { cwd: dir }));
    },

    async generate(dir, config) {
      const secrets = await readSecretInputs(dir, config.repository_visibility === "private");
      if (!secrets.ok) return secrets;
      const talos = buildTalosFiles(config, { userPatches: await findUserPatches(dir, config) });
      const contributed = contributions(config);
      if (!talos.ok || !contributed.ok) {
        return {
          ok: false,
          problems: [...(talos.ok ? [] : talos.errors.map(formatTalosFilesIssue)), ...(contributed.ok ? [] : contributed.problems)],
        };
      }
      const overridesDir = join(dir, "templates/overrides");
      const flux = await buildFluxTree(config, {
        secrets: secrets.value,
        overridesDir: (await readdir(overridesDir).catch(() => undefined)) ? overridesDir : undefined,
        contributions: contributed.value.contributions,
        extraValidators: contributed.value.extraValidators,
      });
      if (!flux.ok) {
        return {
          ok: false,
          problems: flux.errors.map((e) => {
            const at = e.line ? `${e.file}:${e.line}:${e.col ?? 1}` : e.file;
            return `${at}  ${e.path ?? ""}  ${e.message}`.replace(/ {4}/, "  ");
          }),
        };
      }
      const files: FileMap = new Map(talos.files);
      const problems: string[] = [];
      for (const [path, text] of flux.files) {
        if (files.has(path)) problems.push(`${path}  generated twice (talos-patches and flux-apps). This is a bug; please report it.`);
        files.set(path, text);
      }
      if (problems.length > 0) return { ok: false, problems };
      ageKey = secrets.value.ageKey;
      // buildFluxTree accepted the secret inputs, so they parse; their values join the leak check.
      const parsedSecrets = parseSecrets(secrets.value, config.repository_visibility === "private");
      secretValues = [
        ...configuredSecretValues(config, parsedSecrets.ok ? parsedSecrets.value : undefined).map((s) => s.value),
        ...contributed.value.contributions.flatMap((c) => c.secretValues ?? []),
      ];
      return { ok: true, value: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), warnings: contributed.warnings ?? [] };
    },

    async encrypt(dir, _config, files) {
      const sopsText = files.get(".sops.yaml");
      if (sopsText === undefined) return { ok: false, problems: [".sops.yaml  was not generated. This is a bug; please report it."] };
      const sops = loadSopsConfig(sopsText);
      if (!sops.ok) return { ok: false, problems: sops.errors.map((e) => `.sops.yaml  ${e.message}`) };
      // The age key generate read: it decrypts the previous files, so unchanged secrets keep their bytes.
      const identities = parseIdentityFile(ageKey);
      const out: FileMap = new Map();
      const problems: string[] = [];
      const warnings: string[] = [];
      for (const [path, text] of files) {
        if (!isSopsFile(path)) {
          out.set(path, text);
          continue;
        }
        const rule = findCreationRule(sops.config, path);
        if (!rule) {
          problems.push(`${path}  no creation rule of .sops.yaml matches this file. This is a bug; please report it.`);
          continue;
        }
        const encrypted = await encryptYaml(text, {
          ...rule,
          recipients: rule.age,
          previous: await readOptional(join(dir, path)),
          identities,
          indent: sops.config.yamlIndent,
        });
        if (!encrypted.ok) {
          problems.push(...encrypted.errors.map((e) => `${path}${e.line ? `:${e.line}:${e.col ?? 1}` : ""}  ${e.message}`));
          continue;
        }
        warnings.push(...encrypted.warnings.map((w) => `${path}: ${w}`));
        out.set(path, encrypted.text);
      }
      return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out, warnings };
    },

    async verify(_dir, _config, files) {
      const leaks = findLeaks(
        [...files].map(([path, contents]) => ({ path, contents })),
        secretValues,
      );
      if (leaks.length > 0) return { ok: false, problems: leaks.map((l) => l.message) };
      return { ok: true, value: files };
    },
  };
}
