import { createHash, randomBytes } from "node:crypto";
import { checkRecipient, decryptDataKey, encryptDataKey, recipientOf } from "./age-keys.js";
import { decryptValue, type EncType, encryptValue, parseEncValue } from "./aes-gcm.js";
import { type CryptRules, normalizeRules } from "./crypt-rules.js";
import { emitYamlDocuments } from "./emit-yaml.js";
import { macText, parseGoBool, parseGoFloat, type ScalarValue } from "./go-yaml-scalars.js";
import { asResult, fail, type SopsResult } from "./issues.js";
import {
  type AgeStanza,
  formatLastModified,
  lastModifiedAad,
  metadataNode,
  readMetadata,
  SOPS_FORMAT_VERSION,
  type SopsMetadata,
} from "./metadata.js";
import { parseYamlTree } from "./parse-yaml.js";
import { type CommentItem, type MapNode, type TreeDocuments, toPlainData, treesEqual } from "./tree.js";
import { aadOf, containerPaths, walkDocuments } from "./walk.js";

/** sops seeds a mac_only_encrypted MAC with SHA-256("sops"), so the two kinds of MAC never collide. */
const MAC_ONLY_ENCRYPTED_SEED = createHash("sha256").update("sops").digest();

export interface EncryptOptions extends CryptRules {
  /** age recipients (`age1…`); the data key is encrypted to each. Required. */
  recipients: string[];
  /** The file as it is now (encrypted). Unchanged plaintext returns it byte-for-byte. */
  previous?: string;
  /** age identities (`AGE-SECRET-KEY-1…`) that open `previous`. */
  identities?: string[];
  /** The time written into `sops.lastmodified` (default: now). */
  now?: Date;
  /** Spaces per indentation level (sops's `stores.yaml.indent`; default 2). */
  indent?: number;
}

/**
 * How much of `previous` was kept:
 * - `unchanged`: the plaintext, rules and recipients are the same; `previous` is returned as is.
 * - `data-key`: values changed; the data key, the age stanzas and the ciphertext of every unchanged
 *   value are kept (as `sops edit` does), `lastmodified` and the MAC are new.
 * - `none`: a new data key (no previous file, it could not be opened, or the recipients changed).
 */
export type ReuseLevel = "unchanged" | "data-key" | "none";

export interface EncryptOutput {
  text: string;
  reuse: ReuseLevel;
}

export interface DecryptOptions {
  /** age identities (`AGE-SECRET-KEY-1…`), e.g. from `parseIdentityFile`. */
  identities: string[];
  /** Spaces per indentation level of the decrypted YAML (default 2). */
  indent?: number;
}

export interface DecryptOutput {
  /** The decrypted YAML stream, `sops` block removed. */
  text: string;
  /** The decrypted documents as plain data (comments dropped). */
  documents: unknown[];
  recipients: string[];
  lastmodified: string;
  version: string;
}

interface Opened {
  docs: TreeDocuments;
  meta: SopsMetadata;
  dataKey: Uint8Array;
  /** The IV of every decrypted value, keyed by type, path and plaintext. */
  stash: Map<string, Buffer>;
}

function stashKey(type: string, aad: string, plaintext: string): string {
  return `${type}\u0000${aad}\u0000${plaintext}`;
}

/** Splits parsed documents into data and the `sops` block (taken from the first document that has one). */
function splitMetadata(docs: TreeDocuments): { data: TreeDocuments; sops?: MapNode["items"][number] } {
  let sops: MapNode["items"][number] | undefined;
  const data = docs.map((doc) => {
    const items = doc.items.filter((item) => {
      if (item.kind === "entry" && item.key === "sops") {
        sops ??= item;
        return false;
      }
      return true;
    });
    return { kind: "map", items } as MapNode;
  });
  return sops ? { data, sops } : { data };
}

async function openEncrypted(text: string, identities: string[], warnings: string[]): Promise<Opened> {
  const { data, sops } = splitMetadata(parseYamlTree(text));
  if (!sops || sops.kind !== "entry") {
    fail("not-encrypted", "The file has no sops metadata: it is not encrypted. Encrypt it with `talos-cluster sops encrypt`.");
  }
  const meta = readMetadata(sops.value);
  if (meta.age.length === 0) {
    const others = meta.otherKeySources.length > 0 ? ` (it uses ${meta.otherKeySources.join(", ")})` : "";
    fail("metadata", `The file has no age recipient${others}; only age-encrypted files can be decrypted here.`);
  }
  if (identities.length === 0) {
    fail(
      "no-identity",
      `No age identity to decrypt with. The file is encrypted to ${meta.age.map((a) => a.recipient).join(", ")}. ` +
        "Set SOPS_AGE_KEY_FILE, pass --identity FILE, or put age.key in the repository.",
    );
  }
  let dataKey: Uint8Array | undefined;
  for (const stanza of meta.age) {
    dataKey = await decryptDataKey(stanza.enc, identities);
    if (dataKey) break;
  }
  if (!dataKey) {
    const have = await Promise.all(identities.map((i) => recipientOf(i).catch(() => "an unreadable identity")));
    fail(
      "no-matching-identity",
      `None of the age identities (${have.join(", ")}) can open this file: it is encrypted to ` +
        `${meta.age.map((a) => a.recipient).join(", ")}. Use the matching key (SOPS_AGE_KEY_FILE or --identity).`,
    );
  }
  if (dataKey.length !== 32) fail("metadata", "The data key in the file is not 32 bytes; the file is damaged.");
  const key = dataKey;

  const stash = new Map<string, Buffer>();
  const macOnly = meta.rules.macOnlyEncrypted === true;
  // Two MACs: sops < 3.10 hashes a clear-text timestamp as written, sops >= 3.10 as RFC 3339.
  const hashes = [createHash("sha512"), createHash("sha512")];
  if (macOnly) for (const h of hashes) h.update(MAC_ONLY_ENCRYPTED_SEED);
  const candidates = containerPaths(data);
  let undecryptableComments = 0;

  const docs = walkDocuments(data, meta.rules, (leaf, path, encrypted) => {
    const aad = aadOf(path);
    if (leaf.kind === "comment") {
      if (!encrypted) return leaf;
      const enc = parseEncValue(leaf.text);
      if (!enc) return leaf;
      // go-yaml may attach a comment to a neighbouring map; the GCM tag proves which path is right.
      for (const candidate of [aad, ...candidates.filter((c) => c !== aad)]) {
        const plain = decryptValue(enc, key, candidate);
        if (plain !== undefined) {
          if (candidate === aad) stash.set(stashKey("comment", aad, plain), enc.iv);
          return { kind: "comment", text: plain } satisfies CommentItem;
        }
      }
      undecryptableComments++;
      return leaf;
    }
    let value: ScalarValue = leaf;
    let decryptedTime = false;
    if (encrypted) {
      if (leaf.kind !== "str") {
        fail("bad-value", `The value at ${aad} should be encrypted but is a clear-text ${leaf.kind}. Re-encrypt the file.`);
      }
      if (leaf.value !== "") {
        const enc = parseEncValue(leaf.value);
        if (!enc) fail("bad-value", `The value at ${aad} should be encrypted but is clear text. Re-encrypt the file.`);
        const plain = decryptValue(enc, key, aad);
        if (plain === undefined) {
          fail("mac-mismatch", `The value at ${aad} does not decrypt with the file's data key: the file was tampered with or damaged.`);
        }
        stash.set(stashKey(enc.type, aad, plain), enc.iv);
        value = typedValue(plain, enc.type, aad);
        decryptedTime = value.kind === "time";
      }
    }
    if (!macOnly || encrypted) {
      const asWritten = macText(value, decryptedTime);
      const asRfc3339 = macText(value, true);
      if (asWritten !== undefined) (hashes[0] as ReturnType<typeof createHash>).update(asWritten, "utf8");
      if (asRfc3339 !== undefined) (hashes[1] as ReturnType<typeof createHash>).update(asRfc3339, "utf8");
    }
    return value;
  });

  const macEnc = parseEncValue(meta.mac);
  const storedMac = macEnc ? decryptValue(macEnc, key, lastModifiedAad(meta.lastmodified)) : undefined;
  const computed = hashes.map((h) => h.digest("hex").toUpperCase());
  if (storedMac === undefined || !computed.includes(storedMac)) {
    fail(
      "mac-mismatch",
      "MAC mismatch: the file's values do not match its MAC (it was edited without sops, or tampered with). Restore it from Git or re-encrypt it from plaintext.",
    );
  }
  if (undecryptableComments > 0) {
    warnings.push(`${undecryptableComments} encrypted comment(s) could not be decrypted and are kept as they are.`);
  }
  return { docs, meta, dataKey: key, stash };
}

function typedValue(plain: string, type: string, aad: string): ScalarValue {
  switch (type) {
    case "str":
    case "bytes":
      return { kind: "str", value: plain };
    case "int":
      if (!/^[-+]?\d+$/.test(plain)) fail("bad-value", `The int at ${aad} decrypts to a non-integer.`);
      return { kind: "int", value: BigInt(plain) };
    case "float": {
      const f = parseGoFloat(plain);
      if (f === undefined) fail("bad-value", `The float at ${aad} decrypts to a non-number.`);
      return { kind: "float", value: f };
    }
    case "bool": {
      const b = parseGoBool(plain);
      if (b === undefined) fail("bad-value", `The bool at ${aad} decrypts to a non-boolean.`);
      return { kind: "bool", value: b };
    }
    case "time":
      return { kind: "time", value: plain };
    default:
      fail("bad-value", `The value at ${aad} has unknown type "${type}".`);
  }
}

/** Decrypts a sops-encrypted YAML file, verifying its MAC. */
export function decryptYaml(text: string, options: DecryptOptions): Promise<SopsResult<DecryptOutput>> {
  return asResult(async (warnings) => {
    const opened = await openEncrypted(text, options.identities, warnings);
    return {
      text: emitYamlDocuments(opened.docs, options.indent ?? 2),
      documents: opened.docs.map((d) => toPlainData(d)),
      recipients: opened.meta.age.map((a) => a.recipient),
      lastmodified: opened.meta.lastmodified,
      version: opened.meta.version,
    };
  });
}

/** Plaintext trees as we encrypt them: unquoted timestamps become strings (see README). */
function normalizePlain(docs: TreeDocuments): TreeDocuments {
  return walkDocuments(docs, { encryptedRegex: "^$" }, (leaf) =>
    leaf.kind === "time" ? { kind: "str", value: leaf.value } : leaf,
  );
}

function sameSet(a: string[], b: string[]): boolean {
  const sa = [...new Set(a)].sort();
  const sb = [...new Set(b)].sort();
  return sa.length === sb.length && sa.every((v, i) => v === sb[i]);
}

function sameRules(a: CryptRules, b: CryptRules): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof CryptRules>;
  return [...keys].every((k) => (a[k] ?? undefined) === (b[k] ?? undefined));
}

/** Encrypts a plaintext YAML stream into sops's format for the given age recipients. */
export function encryptYaml(plaintext: string, options: EncryptOptions): Promise<SopsResult<EncryptOutput>> {
  return asResult(async (warnings) => {
    const recipients = [...new Set(options.recipients.map((r) => r.trim()).filter((r) => r !== ""))];
    if (recipients.length === 0) {
      fail("no-recipients", "No age recipient to encrypt to. Add `age:` to the creation rule in .sops.yaml or pass --age-recipient.");
    }
    for (const r of recipients) checkRecipient(r);
    const rules = normalizeRules(options);
    const parsed = parseYamlTree(plaintext);
    if (splitMetadata(parsed).sops) {
      fail("already-encrypted", "The file is already encrypted (it has a sops block). Decrypt it first or leave it as it is.");
    }
    const plainDocs = normalizePlain(parsed);

    let opened: Opened | undefined;
    if (options.previous !== undefined && options.previous.trim() !== "") {
      try {
        opened = await openEncrypted(options.previous, options.identities ?? [], []);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        warnings.push(`The previous file could not be opened, so it is re-encrypted with a new data key: ${why}`);
      }
    }
    const sameRecipients = opened !== undefined && sameSet(opened.meta.age.map((a) => a.recipient), recipients);
    if (
      opened &&
      sameRecipients &&
      sameRules(opened.meta.rules, rules) &&
      plainDocs.length === opened.docs.length &&
      plainDocs.every((d, i) => treesEqual(d, normalizePlain([opened.docs[i] as MapNode])[0] as MapNode))
    ) {
      return { text: options.previous as string, reuse: "unchanged" as const };
    }

    const kept = sameRecipients ? opened : undefined;
    const dataKey = kept ? kept.dataKey : new Uint8Array(randomBytes(32));
    const stash = kept ? kept.stash : new Map<string, Buffer>();
    let age: AgeStanza[];
    if (kept) {
      const byRecipient = new Map(kept.meta.age.map((a) => [a.recipient, a.enc]));
      age = recipients.map((recipient) => ({ recipient, enc: byRecipient.get(recipient) as string }));
    } else {
      age = await Promise.all(recipients.map(async (recipient) => ({ recipient, enc: await encryptDataKey(dataKey, recipient) })));
    }

    const hash = createHash("sha512");
    if (rules.macOnlyEncrypted) hash.update(MAC_ONLY_ENCRYPTED_SEED);
    const encryptedDocs = walkDocuments(plainDocs, rules, (leaf, path, encrypted) => {
      const aad = aadOf(path);
      if (leaf.kind === "comment") {
        if (!encrypted || leaf.text === "") return leaf;
        return { kind: "comment", text: seal(leaf.text, "comment", aad) };
      }
      const bytes = macText(leaf, false);
      if ((!rules.macOnlyEncrypted || encrypted) && bytes !== undefined) hash.update(bytes, "utf8");
      if (!encrypted || bytes === undefined || bytes === "") return leaf;
      const type: EncType = leaf.kind === "time" ? "str" : (leaf.kind as EncType);
      return { kind: "str", value: seal(bytes, type, aad) };
    });
    function seal(plain: string, type: EncType, aad: string): string {
      return encryptValue(plain, type, dataKey, aad, stash.get(stashKey(type, aad, plain)));
    }

    const lastmodified = formatLastModified(options.now ?? new Date());
    const mac = encryptValue(hash.digest("hex").toUpperCase(), "str", dataKey, lastModifiedAad(lastmodified));
    const meta: SopsMetadata = { age, lastmodified, mac, rules, version: SOPS_FORMAT_VERSION, otherKeySources: [] };
    const sopsNode = metadataNode(meta);
    const docs: TreeDocuments = encryptedDocs.map((d) => ({
      kind: "map",
      items: [...d.items, { kind: "entry", key: "sops", value: sopsNode }],
    }));
    return { text: emitYamlDocuments(docs, options.indent ?? 2), reuse: kept ? ("data-key" as const) : ("none" as const) };
  });
}
