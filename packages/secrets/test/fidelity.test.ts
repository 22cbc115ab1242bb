import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decryptYaml, encryptYaml, parseIdentityFile, recipientOf } from "../src/index.js";
import { vectorsDir } from "./helpers.js";

interface Vector {
  file: string;
  format: string;
  identity: string;
  expect: string;
  sops_version: string;
  rules: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(join(vectorsDir, "manifest.json"), "utf8")) as { vectors: Vector[] };
const read = (p: string) => readFileSync(join(vectorsDir, p), "utf8");
const camel = (k: string) => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * Re-encrypting a real sops file after changing one value keeps every other ciphertext (same data
 * key, same IV for the same plaintext and path). So the bytes we write for the data part can be
 * compared with what sops wrote: only the changed value may differ.
 */
describe("layout fidelity against files written by real sops", () => {
  for (const v of manifest.vectors.filter((x) => x.format === "yaml" && x.expect === "decrypt")) {
    it(`rewrites ${v.file} (sops ${v.sops_version}) byte-for-byte except the changed value`, async () => {
      const original = read(v.file);
      const identities = parseIdentityFile(read(v.identity));
      const indent = (/^( +)\S/m.exec(original)?.[1] ?? "  ").length;
      const dec = await decryptYaml(original, { identities, indent });
      if (!dec.ok) throw new Error(dec.errors[0]?.message);
      const recipients = dec.recipients;
      const rules = Object.fromEntries(Object.entries(v.rules).map(([k, x]) => [camel(k), x]));
      // Unchanged plaintext: the file comes back as it is.
      const same = await encryptYaml(dec.text, { recipients, ...rules, previous: original, identities, indent });
      expect(same.ok && same.reuse).toBe("unchanged");
      expect(same.ok && same.text).toBe(original);
      // One value changed: the data part differs in that line only.
      const firstEncrypted = original.split("\n").findIndex((l) => /^\s+[\w.-]+: ENC\[/.test(l) || /^[\w.-]+: ENC\[/.test(l));
      const key = (original.split("\n")[firstEncrypted] as string).trim().split(":")[0] as string;
      const edited = dec.text.replace(new RegExp(`^(\\s*${key}: ).*$`, "m"), "$1changed-by-test");
      const next = await encryptYaml(edited, { recipients, ...rules, previous: original, identities, indent });
      if (!next.ok) throw new Error(next.errors[0]?.message);
      expect(next.reuse).toBe("data-key");
      const before = (original.split(/^sops:$/m)[0] as string).split("\n");
      const after = (next.text.split(/^sops:$/m)[0] as string).split("\n");
      expect(after.length).toBe(before.length);
      const differing = after.flatMap((line, i) => (line === before[i] ? [] : [i]));
      expect(differing).toEqual([firstEncrypted]);
      const back = await decryptYaml(next.text, { identities, indent });
      expect(back.ok && back.text).toBe(edited);
      // And with sops >= 3.10 layout the metadata block matches too, apart from lastmodified and mac.
      if (v.sops_version.startsWith("3.10")) {
        const metaBefore = (original.split(/^sops:$/m)[1] as string).split("\n");
        const metaAfter = (next.text.split(/^sops:$/m)[1] as string).split("\n");
        const changed = metaAfter.filter((l, i) => l !== metaBefore[i]).map((l) => l.trim().split(":")[0]);
        expect(changed).toEqual(["lastmodified", "mac"]);
      }
      expect(recipients).toContain(await recipientOf(identities[0] as string).catch(() => recipients[0]));
    });
  }
});
