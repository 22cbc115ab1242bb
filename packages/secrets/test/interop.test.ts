import { execFileSync, spawnSync } from "node:child_process";
import { createDecipheriv, createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decryptSops } from "sops-age";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { decryptYaml, encryptYaml } from "../src/index.js";
import { corpus, fixtures, IDENTITY, RECIPIENT, yamlData } from "./helpers.js";

const found = (bin: string) => spawnSync(bin, ["--version"], { stdio: "ignore" }).error === undefined;
const hasSops = found("sops");
const hasAge = found("age");
const keyFile = join(fixtures, "sops-vectors/keys/fluxcd-kustomize-controller-age.txt");

describe("independent implementations", () => {
  for (const file of corpus) {
    it(`sops-age (an independent JavaScript SOPS decryptor) reads our ${file.name}`, async () => {
      const first = file.text.split(/^---$/m).find((d) => d.trim() !== "") as string;
      const enc = await encryptYaml(first, { recipients: [RECIPIENT], encryptedRegex: "^(data|stringData|cluster|secrets|trustdinfo|certs)$" });
      if (!enc.ok) throw new Error(enc.errors[0]?.message);
      const theirs = await decryptSops(enc.text, { secretKey: IDENTITY, fileType: "yaml" });
      const ours = yamlData(first)[0] as Record<string, unknown>;
      expect(JSON.parse(JSON.stringify(theirs, (_k, v) => (typeof v === "bigint" ? Number(v) : v)))).toEqual(
        JSON.parse(JSON.stringify(ours, (_k, v) => (typeof v === "bigint" ? Number(v) : v))),
      );
    });
  }

  it.skipIf(!hasAge)(
    "the real age CLI opens our data key, and the MAC recomputed outside this package matches (skipped: age not on PATH)",
    async () => {
      const plain = "kind: Secret\nstringData:\n  user: admin\n  password: pässwörd\n  list:\n    - one\n    - two\n";
      const enc = await encryptYaml(plain, { recipients: [RECIPIENT], encryptedRegex: "^stringData$" });
      if (!enc.ok) throw new Error("encrypt failed");
      const sops = parse(enc.text).sops as { age: Array<{ enc: string }>; mac: string; lastmodified: string };
      const dir = mkdtempSync(join(tmpdir(), "agecli-"));
      writeFileSync(join(dir, "key.age"), sops.age[0]?.enc as string);
      const dataKey = execFileSync("age", ["-d", "-i", keyFile, join(dir, "key.age")]);
      expect(dataKey.length).toBe(32);
      const m = /data:(.+),iv:(.+),tag:(.+),type:str\]/.exec(sops.mac) as RegExpExecArray;
      const d = createDecipheriv("aes-256-gcm", dataKey, Buffer.from(m[2] as string, "base64"));
      d.setAAD(Buffer.from(sops.lastmodified));
      d.setAuthTag(Buffer.from(m[3] as string, "base64"));
      const mac = Buffer.concat([d.update(Buffer.from(m[1] as string, "base64")), d.final()]).toString();
      const expected = createHash("sha512")
        .update("Secret")
        .update("admin")
        .update("pässwörd")
        .update("one")
        .update("two")
        .digest("hex")
        .toUpperCase();
      expect(mac).toBe(expected);
    },
  );

  it.skipIf(!hasSops)("the real sops decrypts our file (skipped: sops not on PATH)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sops-"));
    for (const file of corpus) {
      const enc = await encryptYaml(file.text, { recipients: [RECIPIENT], encryptedRegex: "^(data|stringData)$" });
      if (!enc.ok) throw new Error("encrypt failed");
      const path = join(dir, file.name);
      writeFileSync(path, enc.text);
      const out = execFileSync("sops", ["decrypt", path], { env: { ...process.env, SOPS_AGE_KEY_FILE: keyFile }, encoding: "utf8" });
      expect(yamlData(out)).toEqual(yamlData(file.text));
    }
  });

  it.skipIf(!hasSops)("we decrypt what the real sops writes (skipped: sops not on PATH)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sops-"));
    for (const file of corpus) {
      const path = join(dir, file.name);
      writeFileSync(path, file.text);
      const out = execFileSync("sops", ["encrypt", "--age", RECIPIENT, "--encrypted-regex", "^(data|stringData)$", path], { encoding: "utf8" });
      const dec = await decryptYaml(out, { identities: [IDENTITY] });
      if (!dec.ok) throw new Error(dec.errors[0]?.message);
      expect(dec.documents).toEqual(yamlData(readFileSync(path, "utf8")));
    }
  });
});
