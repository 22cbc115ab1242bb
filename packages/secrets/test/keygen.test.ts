import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  decryptYaml,
  encryptYaml,
  generateAgeIdentity,
  generateDeployKey,
  generatePushToken,
  parseIdentityFile,
  recipientOf,
  writeSecretFileIfAbsent,
} from "../src/index.js";

const has = (bin: string) => spawnSync(bin, ["--help"], { stdio: "ignore" }).error === undefined;
const hasSshKeygen = spawnSync("ssh-keygen", ["-?"], { stdio: "ignore" }).error === undefined;
const hasAgeKeygen = has("age-keygen");

describe("age identity", () => {
  it("is written in age-keygen's format and works for sops", async () => {
    const key = await generateAgeIdentity(new Date("2026-03-04T05:06:07.890Z"));
    const lines = key.text.split("\n");
    expect(lines[0]).toBe("# created: 2026-03-04T05:06:07Z");
    expect(lines[1]).toMatch(/^# public key: age1[02-9ac-hj-np-z]{58}$/);
    expect(lines[2]).toMatch(/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/);
    expect(key.text.endsWith("\n")).toBe(true);
    expect(lines[1]).toBe(`# public key: ${await recipientOf(key.identity)}`);
    const enc = await encryptYaml("a: secret-value\n", { recipients: [key.recipient] });
    if (!enc.ok) throw new Error("encrypt failed");
    const dec = await decryptYaml(enc.text, { identities: parseIdentityFile(key.text) });
    expect(dec.ok && dec.documents).toEqual([{ a: "secret-value" }]);
  });

  it.skipIf(!hasAgeKeygen)("is read by the real age-keygen (skipped: age-keygen not on PATH)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "agekey-"));
    const key = await generateAgeIdentity(new Date());
    writeFileSync(join(dir, "age.key"), key.text, { mode: 0o600 });
    const out = execFileSync("age-keygen", ["-y", join(dir, "age.key")], { encoding: "utf8" });
    expect(out.trim()).toBe(key.recipient);
  });
});

describe("deploy key", () => {
  it("is an OpenSSH ed25519 key pair with the comment", () => {
    const key = generateDeployKey("deploy-key");
    expect(key.privateKey).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=]{1,70}\n)+-----END OPENSSH PRIVATE KEY-----\n$/);
    expect(key.publicKey).toMatch(/^ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI[A-Za-z0-9+/]{43} deploy-key\n$/);
    const blob = Buffer.from(key.privateKey.split("\n").slice(1, -2).join(""), "base64");
    expect(blob.subarray(0, 15).toString("latin1")).toBe("openssh-key-v1\0");
    expect(generateDeployKey("x").publicKey).not.toBe(generateDeployKey("x").publicKey);
  });

  it.skipIf(!hasSshKeygen)("is accepted by the real ssh-keygen (skipped: ssh-keygen not on PATH)", () => {
    const dir = mkdtempSync(join(tmpdir(), "deploykey-"));
    const key = generateDeployKey("deploy-key");
    const file = join(dir, "github-deploy.key");
    writeFileSync(file, key.privateKey, { mode: 0o600 });
    const pub = execFileSync("ssh-keygen", ["-y", "-f", file], { encoding: "utf8" });
    expect(pub.trim()).toBe(key.publicKey.trim());
    // ssh-keygen can also rewrite it (it parses the private section, checkints and padding included).
    execFileSync("ssh-keygen", ["-p", "-N", "", "-P", "", "-f", file], { stdio: "ignore" });
  });
});

describe("push token and secret files", () => {
  it("makes a 32-hex-character token", () => {
    const t = generatePushToken();
    expect(t).toMatch(/^[0-9a-f]{32}\n$/);
    expect(generatePushToken()).not.toBe(t);
  });

  it("writes mode 0600 and never overwrites", async () => {
    const dir = mkdtempSync(join(tmpdir(), "secretfile-"));
    const path = join(dir, "token.txt");
    expect(await writeSecretFileIfAbsent(path, "first\n")).toBe("created");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await writeSecretFileIfAbsent(path, "second\n")).toBe("kept");
    expect(readFileSync(path, "utf8")).toBe("first\n");
  });
});
