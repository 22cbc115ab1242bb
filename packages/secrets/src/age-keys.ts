import { armor, Decrypter, Encrypter, identityToRecipient } from "age-encryption";
import { fail } from "./issues.js";

const RECIPIENT_RE = /^age1[02-9ac-hj-np-z]{58}$/;

/** The `AGE-SECRET-KEY-1…` lines of an identity file (age-keygen format; comments and blanks skipped). */
export function parseIdentityFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith("AGE-SECRET-KEY-1"));
}

/** The public key (`age1…`) of an identity. */
export async function recipientOf(identity: string): Promise<string> {
  return identityToRecipient(identity);
}

export function checkRecipient(recipient: string): void {
  if (!RECIPIENT_RE.test(recipient)) {
    fail(
      "bad-recipient",
      `"${recipient}" is not an age recipient (expected age1 followed by 58 characters, as age-keygen prints).`,
    );
  }
}

/** Encrypts the data key to one recipient: an armored age file, as sops stores it in `sops.age[].enc`. */
export async function encryptDataKey(dataKey: Uint8Array, recipient: string): Promise<string> {
  const e = new Encrypter();
  e.addRecipient(recipient);
  return armor.encode(await e.encrypt(dataKey));
}

/** Opens an armored age file with any of the identities; undefined when none matches. */
export async function decryptDataKey(armored: string, identities: string[]): Promise<Uint8Array | undefined> {
  let binary: Uint8Array;
  try {
    binary = armor.decode(armored);
  } catch {
    return undefined;
  }
  for (const identity of identities) {
    const d = new Decrypter();
    d.addIdentity(identity);
    try {
      return await d.decrypt(binary);
    } catch {
      // not this identity
    }
  }
  return undefined;
}
