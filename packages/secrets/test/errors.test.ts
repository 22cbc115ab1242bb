import { describe, expect, it } from "vitest";
import { decryptYaml, encryptYaml } from "../src/index.js";
import { IDENTITY, OTHER_IDENTITY, RECIPIENT } from "./helpers.js";

async function encrypted(text = "stringData:\n  password: hunter2-very-secret\n"): Promise<string> {
  const r = await encryptYaml(text, { recipients: [RECIPIENT] });
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.text;
}

describe("errors a user can act on", () => {
  it("refuses to encrypt without recipients", async () => {
    const r = await encryptYaml("a: b\n", { recipients: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.code).toBe("no-recipients");
    expect(r.errors[0]?.message).toMatch(/--age-recipient/);
  });

  it("rejects a malformed recipient", async () => {
    const r = await encryptYaml("a: b\n", { recipients: ["age1nope"] });
    expect(!r.ok && r.errors[0]?.code).toBe("bad-recipient");
  });

  it("refuses to encrypt an encrypted file twice", async () => {
    const r = await encryptYaml(await encrypted(), { recipients: [RECIPIENT] });
    expect(!r.ok && r.errors[0]?.code).toBe("already-encrypted");
  });

  it("names the recipients, never a private key, when no identity matches", async () => {
    const r = await decryptYaml(await encrypted(), { identities: [OTHER_IDENTITY] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.code).toBe("no-matching-identity");
    expect(r.errors[0]?.message).toContain(RECIPIENT);
    expect(r.errors[0]?.message).toContain("age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph");
    expect(r.errors[0]?.message).not.toContain("AGE-SECRET-KEY");
  });

  it("asks for an identity when none is given", async () => {
    const r = await decryptYaml(await encrypted(), { identities: [] });
    expect(!r.ok && r.errors[0]?.message).toMatch(/SOPS_AGE_KEY_FILE.*--identity/);
  });

  it("detects a tampered clear-text value (MAC mismatch) without printing plaintext", async () => {
    const text = await encrypted("kind: Secret\nstringData:\n  password: hunter2-very-secret\n");
    const r = await decryptYaml(text, { identities: [IDENTITY] });
    expect(r.ok).toBe(true);
    const withRule = await encryptYaml("kind: Secret\nstringData:\n  password: hunter2-very-secret\n", {
      recipients: [RECIPIENT],
      encryptedRegex: "^stringData$",
    });
    if (!withRule.ok) throw new Error("encrypt failed");
    const tampered = withRule.text.replace("kind: Secret", "kind: ConfigMap");
    const bad = await decryptYaml(tampered, { identities: [IDENTITY] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors[0]?.code).toBe("mac-mismatch");
    expect(bad.errors[0]?.message).not.toContain("hunter2");
  });

  it("detects an encrypted value moved to another key", async () => {
    const text = await encrypted("a: first-secret-value\nb: second-secret-value\n");
    const lines = text.split("\n");
    const a = lines[0]?.slice(3) as string;
    const b = lines[1]?.slice(3) as string;
    const swapped = text.replace(a, "X").replace(b, a).replace("X", b);
    const r = await decryptYaml(swapped, { identities: [IDENTITY] });
    expect(!r.ok && r.errors[0]?.code).toBe("mac-mismatch");
  });

  it("reports a YAML syntax error with its position", async () => {
    const r = await encryptYaml("a: [b\nc: d\n", { recipients: [RECIPIENT] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.code).toBe("yaml-syntax");
    expect(r.errors[0]?.line).toBeGreaterThan(0);
  });

  it("rejects a top-level list, which sops cannot encrypt", async () => {
    const r = await encryptYaml("- a\n- b\n", { recipients: [RECIPIENT] });
    expect(!r.ok && r.errors[0]?.code).toBe("unsupported-yaml");
  });

  it("rejects two key rules at once", async () => {
    const r = await encryptYaml("a: b\n", { recipients: [RECIPIENT], encryptedRegex: "^a$", unencryptedSuffix: "_x" });
    expect(!r.ok && r.errors[0]?.message).toMatch(/Only one of/);
  });

  it("says a plaintext file is not encrypted", async () => {
    const r = await decryptYaml("a: b\n", { identities: [IDENTITY] });
    expect(!r.ok && r.errors[0]?.code).toBe("not-encrypted");
  });
});
