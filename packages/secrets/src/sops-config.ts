import { isAbsolute, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { type CryptRules, compileGoRegex, normalizeRules, snake, TEXT_RULE_KEYS } from "./crypt-rules.js";
import type { SopsIssue } from "./issues.js";
import { SopsFailure } from "./issues.js";

/** One `creation_rules` entry of `.sops.yaml`. */
export interface SopsCreationRule extends CryptRules {
  /** Go regular expression matched (unanchored) against the file path relative to `.sops.yaml`. */
  pathRegex?: string;
  /** age recipients (`age: "a,b"` or `age: [a, b]`, or the single key group's `age`). */
  age: string[];
}

export interface SopsConfig {
  creationRules: SopsCreationRule[];
  /** `stores.yaml.indent` (sops writes 4 by default; our default when unset is 2). */
  yamlIndent?: number;
}

export type LoadSopsConfigResult = { ok: true; config: SopsConfig } | { ok: false; errors: SopsIssue[] };

/** `.sops.yaml` spelling (`encrypted_regex`) → CryptRules field (`encryptedRegex`). */
const RULE_FIELDS: Record<string, keyof CryptRules> = Object.fromEntries(TEXT_RULE_KEYS.map((field) => [snake(field), field]));
const KNOWN = new Set([
  "path_regex",
  "filename_regex",
  "age",
  "key_groups",
  "mac_only_encrypted",
  "shamir_threshold",
  "kms",
  "pgp",
  "gcp_kms",
  "azure_keyvault",
  "hc_vault_transit_uri",
  "aws_profile",
  ...Object.keys(RULE_FIELDS),
]);

function ageList(value: unknown): string[] {
  if (typeof value === "string") return value.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.flatMap((v) => ageList(v));
  return [];
}

/** Parses `.sops.yaml` text. `fileName` is only used in messages. */
export function loadSopsConfig(text: string, fileName = ".sops.yaml"): LoadSopsConfigResult {
  const errors: SopsIssue[] = [];
  const issue = (message: string) => errors.push({ code: "config", message: `${fileName}: ${message}` });
  const docs = parseAllDocuments(text);
  const doc = Array.isArray(docs) ? docs.find((d) => d.contents !== null) : undefined;
  if (doc?.errors[0]) {
    issue(`YAML syntax error: ${doc.errors[0].message.split("\n")[0]}`);
    return { ok: false, errors };
  }
  const data = (doc?.toJS() ?? {}) as Record<string, unknown>;
  const rulesIn = data.creation_rules;
  if (!Array.isArray(rulesIn)) {
    issue("has no creation_rules list. Add one with path_regex and age.");
    return { ok: false, errors };
  }
  const creationRules: SopsCreationRule[] = [];
  rulesIn.forEach((raw, i) => {
    if (!raw || typeof raw !== "object") {
      issue(`creation_rules[${i}] is not a map.`);
      return;
    }
    const r = raw as Record<string, unknown>;
    for (const k of Object.keys(r)) if (!KNOWN.has(k)) issue(`creation_rules[${i}].${k} is not a sops creation rule field.`);
    const rule: SopsCreationRule = { age: ageList(r.age) };
    const pathRegex = r.path_regex ?? r.filename_regex;
    if (typeof pathRegex === "string") rule.pathRegex = pathRegex;
    if (Array.isArray(r.key_groups)) {
      if (r.key_groups.length > 1) issue(`creation_rules[${i}].key_groups has several groups (Shamir); use one.`);
      const group = r.key_groups[0] as Record<string, unknown> | undefined;
      rule.age.push(...ageList(group?.age));
    }
    for (const [yamlKey, field] of Object.entries(RULE_FIELDS)) {
      const v = r[yamlKey];
      if (typeof v === "string" && v !== "") (rule as unknown as Record<string, unknown>)[field] = v;
    }
    if (r.mac_only_encrypted === true) rule.macOnlyEncrypted = true;
    try {
      normalizeRules(rule);
      if (rule.pathRegex) compileGoRegex(rule.pathRegex, "path_regex");
    } catch (error) {
      if (error instanceof SopsFailure) issue(`creation_rules[${i}]: ${error.issue.message}`);
      else throw error;
    }
    creationRules.push(rule);
  });
  if (errors.length > 0) return { ok: false, errors };
  const stores = data.stores as Record<string, Record<string, unknown>> | undefined;
  const indent = stores?.yaml?.indent;
  return { ok: true, config: { creationRules, ...(typeof indent === "number" ? { yamlIndent: indent } : {}) } };
}

/**
 * The first creation rule whose path_regex matches the file, as sops chooses it: the path is taken
 * relative to the directory of `.sops.yaml` (`configDir`), with `/` separators.
 */
export function findCreationRule(config: SopsConfig, filePath: string, configDir?: string): SopsCreationRule | undefined {
  let path = filePath;
  if (configDir && isAbsolute(filePath)) {
    const rel = relative(configDir, filePath);
    if (!rel.startsWith("..")) path = rel;
  }
  path = path.replaceAll("\\", "/");
  return config.creationRules.find((rule) => !rule.pathRegex || compileGoRegex(rule.pathRegex).test(path));
}
