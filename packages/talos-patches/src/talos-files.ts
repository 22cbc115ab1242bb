import { toYaml, type ResolvedConfig } from "@talos-cluster/config-schema";
import { sortIssues, type TalosFilesIssue } from "./issues.js";
import { PATCHES_README } from "./patches-readme.js";
import {
  buildTalconfig,
  KUBERNETES_VERSION_PLACEHOLDER,
  TALOS_VERSION_PLACEHOLDER,
} from "./talconfig.js";
import { escapeForTalhelper } from "./talhelper-escape.js";
import { buildTalenv, renderTalenv } from "./talenv.js";
import { buildTalosPatches } from "./talos-patches.js";
import { checkUserPatches, type UserPatches } from "./user-patches.js";
import { validateTalconfig, validateTalosPatch } from "./validate.js";
import { checkYamlFidelity } from "./yaml-fidelity.js";

export interface TalosFilesOptions {
  /** Patch files the user keeps under `talos/patches/<group>/` in their repository (names only). */
  userPatches?: UserPatches;
}

export type TalosFilesResult =
  | {
      ok: true;
      /** Repository-relative path → file content, in a stable order. */
      files: Map<string, string>;
    }
  | { ok: false; errors: TalosFilesIssue[] };

const HEADER = "Generated from cluster.yaml and nodes.yaml. Do not edit: change those and regenerate.";
const TALCONFIG = "talos/talconfig.yaml";

/**
 * Every file of the `talos/` folder: talconfig.yaml, talenv.yaml, the generated patches and the patches
 * README. Objects are validated against the vendored talhelper and Talos schemas before serialization,
 * and the serialized text is read back to make sure talhelper sees exactly what was generated.
 */
export function buildTalosFiles(config: ResolvedConfig, options: TalosFilesOptions = {}): TalosFilesResult {
  const userPatches = options.userPatches ?? {};
  const patches = buildTalosPatches(config);
  const optionIssues = checkUserPatches(config, userPatches, {
    global: Object.keys(patches.global),
    controller: Object.keys(patches.controller),
  });
  if (optionIssues.length > 0) return { ok: false, errors: sortIssues(optionIssues) };

  const talconfig = buildTalconfig(config, { userPatches });
  const documents: { file: string; value: unknown; yaml11: boolean }[] = [
    { file: TALCONFIG, value: talconfig, yaml11: true },
  ];
  for (const [group, files] of Object.entries(patches)) {
    for (const [name, patch] of Object.entries(files)) {
      documents.push({ file: `talos/patches/${group}/${name}`, value: patch, yaml11: false });
    }
  }

  const issues: TalosFilesIssue[] = [...validateTalconfig(talconfig, TALCONFIG)];
  for (const doc of documents.slice(1)) issues.push(...validateTalosPatch(doc.value, doc.file));
  if (issues.length > 0) return { ok: false, errors: sortIssues(issues) };

  const files = new Map<string, string>();
  const keep = [TALOS_VERSION_PLACEHOLDER, KUBERNETES_VERSION_PLACEHOLDER];
  for (const doc of documents) {
    const escaped = escapeForTalhelper(doc.value, keep);
    const text = toYaml(escaped, { header: HEADER });
    issues.push(...checkYamlFidelity(doc.file, text, escaped, doc.yaml11));
    files.set(doc.file, text);
  }
  const talenvText = renderTalenv();
  issues.push(...checkYamlFidelity("talos/talenv.yaml", talenvText, buildTalenv(), false));
  files.set("talos/talenv.yaml", talenvText);
  files.set("talos/patches/README.md", PATCHES_README);
  if (issues.length > 0) return { ok: false, errors: sortIssues(issues) };

  return { ok: true, files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}
