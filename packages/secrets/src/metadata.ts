import type { CryptRules } from "./crypt-rules.js";
import { normalizeRules, snake, TEXT_RULE_KEYS } from "./crypt-rules.js";
import { fail } from "./issues.js";
import type { MapEntry, MapNode, TreeNode } from "./tree.js";

/** The sops version written into `sops.version`; its metadata layout is the one we write. */
export const SOPS_FORMAT_VERSION = "3.10.2";

export interface AgeStanza {
  recipient: string;
  /** The data key encrypted to `recipient`: an armored age file. */
  enc: string;
}

export interface SopsMetadata {
  age: AgeStanza[];
  lastmodified: string;
  mac: string;
  rules: CryptRules;
  version: string;
  /** Key sources other than age that the file also names (kms, pgp, …): kept for messages only. */
  otherKeySources: string[];
}

function get(map: MapNode, key: string): TreeNode | undefined {
  for (const item of map.items) if (item.kind === "entry" && item.key === key) return item.value;
  return undefined;
}

function text(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === "str" || node.kind === "time") return node.value;
  if (node.kind === "int") return node.value.toString();
  return undefined;
}

function ageList(node: TreeNode | undefined): AgeStanza[] {
  if (!node || node.kind !== "seq") return [];
  const out: AgeStanza[] = [];
  for (const item of node.items) {
    if (item.kind !== "map") continue;
    const recipient = text(get(item, "recipient"));
    const enc = text(get(item, "enc"));
    if (recipient && enc) out.push({ recipient, enc });
  }
  return out;
}

/** Reads the `sops` map of an encrypted document. */
export function readMetadata(sops: TreeNode): SopsMetadata {
  if (sops.kind !== "map") fail("metadata", "The sops metadata block is not a map; the file is damaged.");
  let age = ageList(get(sops, "age"));
  const groups = get(sops, "key_groups");
  if (age.length === 0 && groups?.kind === "seq") {
    const maps = groups.items.filter((i): i is MapNode => i.kind === "map");
    if (maps.length > 1) {
      fail("metadata", "The file uses several key groups (Shamir secret sharing), which this implementation does not read. Use sops.");
    }
    if (maps[0]) age = ageList(get(maps[0], "age"));
  }
  const otherKeySources = ["kms", "gcp_kms", "azure_kv", "hc_vault", "pgp"].filter((k) => {
    const v = get(sops, k);
    return v?.kind === "seq" && v.items.some((i) => i.kind !== "comment");
  });
  const lastmodified = text(get(sops, "lastmodified"));
  const mac = text(get(sops, "mac"));
  const version = text(get(sops, "version"));
  if (!lastmodified) fail("metadata", "sops.lastmodified is missing; the file is damaged or not written by sops.");
  if (!mac) fail("metadata", "sops.mac is missing; the file is damaged or not written by sops.");
  if (!version) fail("metadata", "sops.version is missing; the file is damaged or not written by sops.");
  const rules: CryptRules = {};
  for (const k of TEXT_RULE_KEYS) {
    const v = text(get(sops, snake(k)));
    if (v) rules[k] = v;
  }
  const macOnly = get(sops, "mac_only_encrypted");
  if (macOnly?.kind === "bool" && macOnly.value) rules.macOnlyEncrypted = true;
  return { age, lastmodified, mac, rules: normalizeRules(rules), version, otherKeySources };
}

/** The `sops` map as sops >= 3.10 writes it for age-only files (empty key-source lists omitted). */
export function metadataNode(meta: SopsMetadata): MapNode {
  const items: MapEntry[] = [];
  const entry = (key: string, value: TreeNode) => items.push({ kind: "entry", key, value });
  entry("age", {
    kind: "seq",
    items: meta.age.map((a) => ({
      kind: "map",
      items: [
        { kind: "entry", key: "recipient", value: { kind: "str", value: a.recipient } },
        { kind: "entry", key: "enc", value: { kind: "str", value: a.enc } },
      ],
    })),
  });
  entry("lastmodified", { kind: "str", value: meta.lastmodified });
  entry("mac", { kind: "str", value: meta.mac });
  for (const k of TEXT_RULE_KEYS) {
    const v = meta.rules[k];
    if (v) entry(snake(k), { kind: "str", value: v });
  }
  if (meta.rules.macOnlyEncrypted) entry("mac_only_encrypted", { kind: "bool", value: true });
  entry("version", { kind: "str", value: meta.version });
  return { kind: "map", items };
}

/** `lastmodified` as Go re-formats it with time.RFC3339: the MAC's additional data. */
export function lastModifiedAad(lastmodified: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(lastmodified);
  if (!m) fail("metadata", `sops.lastmodified "${lastmodified}" is not an RFC 3339 time; the file is damaged.`);
  const zone = m[4] === "z" || m[4] === "Z" || m[4] === "+00:00" || m[4] === "-00:00" ? "Z" : (m[4] as string);
  return `${m[1]}T${m[2]}${zone}`;
}

/** A Date as sops writes `lastmodified` (UTC, whole seconds). */
export function formatLastModified(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
