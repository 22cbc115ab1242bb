import { describe, expect, it } from "vitest";
import { decryptYaml, encryptYaml } from "../src/index.js";
import { IDENTITY, OTHER_IDENTITY, OTHER_RECIPIENT, RECIPIENT } from "./helpers.js";

const plain = `apiVersion: v1
kind: Secret
metadata:
  name: app
stringData:
  # the database
  user: admin
  password: first-password
  token: unchanged-token
`;
const rules = { encryptedRegex: "^(data|stringData)$" };
const t0 = new Date("2026-01-01T00:00:00Z");
const t1 = new Date("2026-02-01T00:00:00Z");

async function encrypt(text: string, extra: Partial<Parameters<typeof encryptYaml>[1]> = {}) {
  const r = await encryptYaml(text, { recipients: [RECIPIENT], ...rules, now: t0, ...extra });
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r;
}

function changedLines(a: string, b: string): string[] {
  const al = a.split("\n");
  const bl = b.split("\n");
  return bl.filter((line, i) => line !== al[i]).map((l) => l.trim().split(":")[0] as string);
}

describe("stable ciphertext", () => {
  it("returns the previous file byte-for-byte when the plaintext is unchanged", async () => {
    const first = await encrypt(plain);
    const second = await encrypt(plain, { previous: first.text, identities: [IDENTITY], now: t1 });
    expect(second.reuse).toBe("unchanged");
    expect(second.text).toBe(first.text);
  });

  it("treats a re-formatted but equal plaintext as unchanged", async () => {
    const first = await encrypt(plain);
    const reformatted = plain.replace("password: first-password", "password: 'first-password'");
    const second = await encrypt(reformatted, { previous: first.text, identities: [IDENTITY], now: t1 });
    expect(second.text).toBe(first.text);
  });

  it("re-encrypts only the changed value, keeping the data key and every other ciphertext", async () => {
    const first = await encrypt(plain);
    const edited = plain.replace("first-password", "second-password");
    const second = await encrypt(edited, { previous: first.text, identities: [IDENTITY], now: t1 });
    expect(second.reuse).toBe("data-key");
    expect(changedLines(first.text, second.text)).toEqual(["password", "lastmodified", "mac"]);
    const dec = await decryptYaml(second.text, { identities: [IDENTITY] });
    expect(dec.ok && dec.documents[0]).toMatchObject({ stringData: { password: "second-password", token: "unchanged-token" } });
  });

  it("uses a new data key when the recipients change", async () => {
    const first = await encrypt(plain);
    const second = await encrypt(plain, {
      previous: first.text,
      identities: [IDENTITY],
      recipients: [RECIPIENT, OTHER_RECIPIENT],
    });
    expect(second.reuse).toBe("none");
    expect(changedLines(first.text, second.text)).toContain("user");
    for (const id of [IDENTITY, OTHER_IDENTITY]) {
      const dec = await decryptYaml(second.text, { identities: [id] });
      expect(dec.ok).toBe(true);
    }
  });

  it("re-encrypts from scratch, with a warning, when the previous file cannot be opened", async () => {
    const first = await encrypt(plain);
    const second = await encryptYaml(plain, { recipients: [RECIPIENT], ...rules, previous: first.text, identities: [] });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.reuse).toBe("none");
    expect(second.text).not.toBe(first.text);
    expect(second.warnings.join("\n")).toMatch(/previous file could not be opened/);
    expect(second.warnings.join("\n")).not.toContain("AGE-SECRET-KEY");
  });

  it("re-encrypts when the encryption rule changes", async () => {
    const first = await encrypt(plain);
    const second = await encrypt(plain, { previous: first.text, identities: [IDENTITY], encryptedRegex: undefined });
    expect(second.reuse).toBe("data-key");
    expect(second.text).toMatch(/^kind: ENC\[/m);
  });
});
