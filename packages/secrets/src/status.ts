import { isMap, isScalar, parseAllDocuments } from "yaml";

export interface SopsStatus {
  encrypted: boolean;
  /** Why the file counts as not encrypted, when it does not. */
  reason?: string;
  /** age recipients named in the metadata. */
  recipients: string[];
}

/**
 * Whether a YAML file carries sops metadata (a top-level `sops` map with `mac` and `version`),
 * as `sops filestatus` decides it. It does not decrypt anything.
 */
export function sopsStatus(text: string): SopsStatus {
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { schema: "failsafe" });
  } catch {
    return { encrypted: false, reason: "not YAML", recipients: [] };
  }
  const list = Array.isArray(docs) ? docs : [];
  if (list.some((d) => d.errors.length > 0)) return { encrypted: false, reason: "not valid YAML", recipients: [] };
  const first = list.find((d) => d.contents !== null);
  const root = first?.contents;
  if (!isMap(root)) return { encrypted: false, reason: "no sops metadata", recipients: [] };
  const sops = root.get("sops", true);
  if (!isMap(sops)) return { encrypted: false, reason: "no sops metadata", recipients: [] };
  const mac = sops.get("mac", true);
  const version = sops.get("version", true);
  if (!isScalar(mac) || !String(mac.value).startsWith("ENC[") || !isScalar(version)) {
    return { encrypted: false, reason: "incomplete sops metadata (no mac or version)", recipients: [] };
  }
  const age = sops.toJSON().age as Array<{ recipient?: string }> | undefined;
  const recipients = Array.isArray(age) ? age.map((a) => a.recipient ?? "").filter(Boolean) : [];
  return { encrypted: true, recipients };
}

/** Shorthand for `sopsStatus(text).encrypted`. */
export function isSopsEncrypted(text: string): boolean {
  return sopsStatus(text).encrypted;
}

/** True for file names sops conventions mark as encrypted (`*.sops.yaml`, `x.sops.json`, …). */
export function isSopsFileName(path: string): boolean {
  const base = path.replaceAll("\\", "/").split("/").pop() ?? "";
  // `.sops.yaml` itself is sops's configuration, not an encrypted file: a name is needed before `.sops`.
  return /^.+\.sops(\.|$)/.test(base);
}
