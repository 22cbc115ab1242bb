import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateAgeIdentity } from "@talos-cluster/secrets";
import { beforeAll, describe, expect, it } from "vitest";
import { runTalosCluster } from "../src/index.js";
import { captureContext } from "./helpers.js";

const plaintext = `apiVersion: v1
kind: Secret
metadata:
  name: cloudflare
stringData:
  api-token: super-secret-cloudflare-token
`;

let dir: string;
let key: Awaited<ReturnType<typeof generateAgeIdentity>>;
let other: Awaited<ReturnType<typeof generateAgeIdentity>>;

beforeAll(async () => {
  key = await generateAgeIdentity(new Date("2026-01-01T00:00:00Z"));
  other = await generateAgeIdentity(new Date("2026-01-01T00:00:00Z"));
});

function repo(): string {
  dir = mkdtempSync(join(tmpdir(), "sops-cli-"));
  writeFileSync(join(dir, "age.key"), key.text, { mode: 0o600 });
  writeFileSync(
    join(dir, ".sops.yaml"),
    `creation_rules:\n  - path_regex: kubernetes/.*\\.sops\\.ya?ml\n    encrypted_regex: "^(data|stringData)$"\n    mac_only_encrypted: true\n    age: "${key.recipient}"\n`,
  );
  writeFileSync(join(dir, "secret.sops.yaml"), plaintext);
  return dir;
}

async function run(args: string[], env: Record<string, string> = {}) {
  const ctx = captureContext({ cwd: dir, env: { HOME: join(dir, "home"), ...env } });
  const code = await runTalosCluster(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

describe("talos-cluster sops", () => {
  it("encrypts with the matching .sops.yaml rule and decrypts with ./age.key", async () => {
    repo();
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "kubernetes"));
    writeFileSync(join(dir, "kubernetes/cf.sops.yaml"), plaintext);
    const enc = await run(["sops", "encrypt", "kubernetes/cf.sops.yaml", "--in-place"]);
    expect(enc).toMatchObject({ code: 0, out: "" });
    expect(enc.err).toBe(`Encrypted kubernetes/cf.sops.yaml for ${key.recipient}.\n`);
    const text = readFileSync(join(dir, "kubernetes/cf.sops.yaml"), "utf8");
    expect(text).toContain("kind: Secret\n");
    expect(text).toMatch(/api-token: ENC\[AES256_GCM/);
    expect(text).toContain("mac_only_encrypted: true");
    expect(text).not.toContain("super-secret");
    const dec = await run(["sops", "decrypt", "kubernetes/cf.sops.yaml"]);
    expect(dec).toEqual({ code: 0, out: plaintext, err: "" });
  });

  it("prints to stdout without --in-place and honours --age-recipient", async () => {
    repo();
    const enc = await run(["sops", "encrypt", "secret.sops.yaml", "--age-recipient", other.recipient]);
    expect(enc.code).toBe(0);
    expect(enc.out).toContain(`recipient: ${other.recipient}`);
    expect(readFileSync(join(dir, "secret.sops.yaml"), "utf8")).toBe(plaintext);
  });

  it("refuses a file no creation rule matches", async () => {
    repo();
    const enc = await run(["sops", "encrypt", "secret.sops.yaml"]);
    expect(enc.code).toBe(1);
    expect(enc.err).toBe("secret.sops.yaml: no creation rule in .sops.yaml matches this file. Add a path_regex for it or pass --age-recipient.\n");
  });

  it("fails with the recipients named, and no key printed, when no identity matches", async () => {
    repo();
    writeFileSync(join(dir, "enc.yaml"), (await run(["sops", "encrypt", "secret.sops.yaml", "--age-recipient", other.recipient])).out);
    const dec = await run(["sops", "decrypt", "enc.yaml"]);
    expect(dec.code).toBe(1);
    expect(dec.out).toBe("");
    expect(dec.err).toContain(`it is encrypted to ${other.recipient}`);
    expect(dec.err).toContain("identities tried: ./age.key");
    expect(dec.err).not.toContain("AGE-SECRET-KEY");
    expect(dec.err.trim().split("\n")).toHaveLength(1);
    writeFileSync(join(dir, "other.key"), other.text);
    const ok = await run(["sops", "decrypt", "enc.yaml", "--identity", "other.key"]);
    expect(ok).toEqual({ code: 0, out: plaintext, err: "" });
  });

  it("uses SOPS_AGE_KEY_FILE and warns about a different ~/.config/sops/age/keys.txt", async () => {
    repo();
    writeFileSync(join(dir, "enc.yaml"), (await run(["sops", "encrypt", "secret.sops.yaml", "--age-recipient", key.recipient])).out);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(dir, "home/.config/sops/age"), { recursive: true });
    writeFileSync(join(dir, "home/.config/sops/age/keys.txt"), other.text);
    const dec = await run(["sops", "decrypt", "enc.yaml"]);
    expect(dec.code).toBe(0);
    expect(dec.err).toContain("keys.txt holds a different age key");
    expect(dec.err).toContain(other.recipient);
  });

  it("reports status per file and exits 1 when one is not encrypted", async () => {
    repo();
    writeFileSync(join(dir, "enc.yaml"), (await run(["sops", "encrypt", "secret.sops.yaml", "--age-recipient", key.recipient])).out);
    const all = await run(["sops", "status", "enc.yaml"]);
    expect(all).toEqual({ code: 0, out: `enc.yaml: encrypted (${key.recipient})\n`, err: "" });
    const mixed = await run(["sops", "status", "enc.yaml", "secret.sops.yaml", "missing.yaml"]);
    expect(mixed.code).toBe(1);
    expect(mixed.out).toBe(
      `enc.yaml: encrypted (${key.recipient})\nsecret.sops.yaml: NOT encrypted (no sops metadata)\nmissing.yaml: file not found\n`,
    );
    expect(mixed.err).toBe("2 of 3 file(s) not encrypted.\n");
  });

  it("exits 2 on usage errors", async () => {
    repo();
    const first = async (args: string[]) => {
      const out = await run(args);
      expect(out.code).toBe(2);
      return out.err.split("\n")[0];
    };
    expect(await first(["sops", "decrypt"])).toBe("talos-cluster sops decrypt: FILE is missing.");
    expect(await first(["sops", "encrypt", "a.yaml", "b.yaml"])).toBe("talos-cluster sops encrypt: expected one FILE, got 2.");
    expect(await first(["sops", "status"])).toBe("talos-cluster sops status: FILE is missing.");
    const bad = await run(["sops", "encrypt", "a.yaml", "--frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("unknown option --frobnicate");
  });

  it("rejects a tampered file with a MAC mismatch and prints no plaintext", async () => {
    repo();
    const enc = (await run(["sops", "encrypt", "secret.sops.yaml", "--age-recipient", key.recipient])).out;
    const tampered = enc.replace(/^(kind: ENC\[AES256_GCM,data:)([^,]+)/m, "$1AAAA");
    writeFileSync(join(dir, "enc.yaml"), tampered);
    const dec = await run(["sops", "decrypt", "enc.yaml"]);
    expect(dec.code).toBe(1);
    expect(dec.out).toBe("");
    expect(dec.err).not.toContain("super-secret");
  });
});
