import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runBuiltBin } from "./built-bin.js";

function cli(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = runBuiltBin(BIN, args, cwd, { PATH: process.env.PATH ?? "", HOME: join(cwd, "home"), ...env });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

describe.skipIf(!existsSync(BIN))("talos-cluster bin: init and sops (skipped when dist/talos-cluster.js is not built)", () => {
  it("init, encrypt in place, status, decrypt — end to end", () => {
    const dir = mkdtempSync(join(tmpdir(), "e2e-sops-"));
    const first = cli(dir, ["init"]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^created {2}age\.key \(public key age1\w{58}\)\n/);
    expect(statSync(join(dir, "age.key")).mode & 0o777).toBe(0o600);
    const recipient = /# public key: (age1\w+)/.exec(readFileSync(join(dir, "age.key"), "utf8"))?.[1] as string;
    writeFileSync(join(dir, ".sops.yaml"), `creation_rules:\n  - path_regex: \\.sops\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: ${recipient}\n`);
    const plain = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  token: e2e-secret-token-value\n";
    writeFileSync(join(dir, "x.sops.yaml"), plain);
    expect(cli(dir, ["sops", "status", "x.sops.yaml"]).code).toBe(1);
    const enc = cli(dir, ["sops", "encrypt", "x.sops.yaml", "--in-place"]);
    expect(enc.code).toBe(0);
    expect(readFileSync(join(dir, "x.sops.yaml"), "utf8")).not.toContain("e2e-secret-token-value");
    expect(cli(dir, ["sops", "status", "x.sops.yaml"])).toEqual({ code: 0, out: `x.sops.yaml: encrypted (${recipient})\n`, err: "" });
    expect(cli(dir, ["sops", "decrypt", "x.sops.yaml"])).toEqual({ code: 0, out: plain, err: "" });
    const again = cli(dir, ["init"]);
    expect(again.out).toContain("kept     age.key (already present)");
  });

  it("fails with one line and exit 1 when no identity matches", () => {
    const dir = mkdtempSync(join(tmpdir(), "e2e-sops-"));
    cli(dir, ["init"]);
    const recipient = /# public key: (age1\w+)/.exec(readFileSync(join(dir, "age.key"), "utf8"))?.[1] as string;
    writeFileSync(join(dir, "s.yaml"), "a: secret-value-123\n");
    const enc = cli(dir, ["sops", "encrypt", "s.yaml", "--age-recipient", recipient]);
    expect(enc.code).toBe(0);
    const other = mkdtempSync(join(tmpdir(), "e2e-sops-"));
    writeFileSync(join(other, "s.enc.yaml"), enc.out);
    const dec = cli(other, ["sops", "decrypt", "s.enc.yaml"]);
    expect(dec.code).toBe(1);
    expect(dec.out).toBe("");
    expect(dec.err.trim().split("\n"), dec.err).toHaveLength(1);
    expect(dec.err).toContain(recipient);
    expect(cli(other, ["sops", "decrypt"]).code).toBe(2);
  });
});
