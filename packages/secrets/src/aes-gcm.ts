import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** The value types sops writes into `ENC[…,type:…]`. */
export type EncType = "str" | "int" | "float" | "bool" | "time" | "comment" | "bytes";

const ENC_RE = /^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]/;
/** sops uses a 32-byte GCM nonce. */
const IV_BYTES = 32;

export interface EncValue {
  data: Buffer;
  iv: Buffer;
  tag: Buffer;
  type: string;
}

export function parseEncValue(text: string): EncValue | undefined {
  const m = ENC_RE.exec(text);
  if (!m) return undefined;
  return {
    data: Buffer.from(m[1] as string, "base64"),
    iv: Buffer.from(m[2] as string, "base64"),
    tag: Buffer.from(m[3] as string, "base64"),
    type: m[4] as string,
  };
}

/**
 * Encrypts one value the way sops does: AES-256-GCM, the value's path as additional data.
 * `iv` may be passed to reproduce an existing ciphertext for the same plaintext and path.
 */
export function encryptValue(plaintext: string, type: EncType, key: Uint8Array, aad: string, iv?: Buffer): string {
  const nonce = iv ?? randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const data = Buffer.concat([cipher.update(Buffer.from(plaintext, "utf8")), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `ENC[AES256_GCM,data:${data.toString("base64")},iv:${nonce.toString("base64")},tag:${tag.toString("base64")},type:${type}]`;
}

/** Decrypts one value; undefined when the key, path or value does not authenticate. */
export function decryptValue(value: EncValue, key: Uint8Array, aad: string): string | undefined {
  if (value.tag.length !== 16 || value.iv.length === 0) return undefined;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, value.iv);
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(value.tag);
    return Buffer.concat([decipher.update(value.data), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
