import { generateKeyPairSync, randomBytes } from "node:crypto";
import { open } from "node:fs/promises";
import { generateX25519Identity, identityToRecipient } from "age-encryption";

export interface AgeIdentityFile {
  /** The file as age-keygen writes it: created and public-key comments, then the secret key. */
  text: string;
  identity: string;
  recipient: string;
}

/** A new age X25519 identity in age-keygen's file format. */
export async function generateAgeIdentity(now: Date): Promise<AgeIdentityFile> {
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const created = `${now.toISOString().slice(0, 19)}Z`;
  return { text: `# created: ${created}\n# public key: ${recipient}\n${identity}\n`, identity, recipient };
}

export interface DeployKey {
  /** OpenSSH private key (openssh-key-v1, unencrypted), as `ssh-keygen -t ed25519 -P ""` writes it. */
  privateKey: string;
  /** `ssh-ed25519 AAAA… comment` plus a newline, as in the `.pub` file. */
  publicKey: string;
}

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** A new ed25519 SSH key pair in OpenSSH format (`ssh-keygen` compatible). */
export function generateDeployKey(comment: string): DeployKey {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const pub = Buffer.from(publicKey.export({ format: "jwk" }).x as string, "base64url");
  const seed = Buffer.from(privateKey.export({ format: "jwk" }).d as string, "base64url");
  const pubBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]);
  const check = randomBytes(4).readUInt32BE();
  let secret = Buffer.concat([
    uint32(check),
    uint32(check),
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const padding: number[] = [];
  for (let i = 1; (secret.length + padding.length) % 8 !== 0; i++) padding.push(i);
  secret = Buffer.concat([secret, Buffer.from(padding)]);
  const blob = Buffer.concat([
    Buffer.from("openssh-key-v1\0", "latin1"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    uint32(1),
    sshString(pubBlob),
    sshString(secret),
  ]);
  const b64 = blob.toString("base64").match(/.{1,70}/g) ?? [];
  return {
    privateKey: `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64.join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKey: `ssh-ed25519 ${pubBlob.toString("base64")} ${comment}\n`,
  };
}

/** A random token of 32 hex characters and a newline (like `secrets.token_hex(16)`). */
export function generatePushToken(): string {
  return `${randomBytes(16).toString("hex")}\n`;
}

/**
 * Writes a secret file with mode 0600 unless it already exists (never overwrites, even in a
 * race: the file is created with O_EXCL). Returns whether it was written.
 */
export async function writeSecretFileIfAbsent(path: string, contents: string): Promise<"created" | "kept"> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return "kept";
    throw error;
  }
  try {
    await handle.writeFile(contents, "utf8");
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
  return "created";
}
