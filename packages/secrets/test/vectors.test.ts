import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decryptYaml, parseIdentityFile } from "../src/index.js";

const dir = join(import.meta.dirname, "fixtures/sops-vectors");
interface Vector {
  file: string;
  format: string;
  identity: string;
  expect: "decrypt" | "reject";
  expected?: string;
  reject_reason?: string;
  comments?: Array<{ plaintext: string; additional_data: string }>;
}
const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { vectors: Vector[] };
const yamlVectors = manifest.vectors.filter((v) => v.format === "yaml");
const read = (p: string) => readFileSync(join(dir, p), "utf8");

describe("real-sops vectors", () => {
  it("has every YAML vector of the manifest", () => {
    expect(yamlVectors.length).toBeGreaterThanOrEqual(7);
  });

  for (const v of yamlVectors.filter((x) => x.expect === "decrypt")) {
    it(`decrypts ${v.file} with its MAC verified to exactly the expected data`, async () => {
      const result = await decryptYaml(read(v.file), { identities: parseIdentityFile(read(v.identity)) });
      if (!result.ok) throw new Error(result.errors[0]?.message);
      const expected = JSON.parse(read(v.expected as string));
      const docs = Array.isArray(expected) ? expected : [expected];
      expect(result.documents).toEqual(docs);
      // key order kept
      expect(JSON.stringify(result.documents[0])).toBe(JSON.stringify(docs[0]));
      expect(result.text).not.toContain("sops:");
      expect(result.text).not.toContain("ENC[");
      for (const c of v.comments ?? []) expect(result.text).toContain(`#${c.plaintext}\n`);
    });
  }

  for (const v of yamlVectors.filter((x) => x.expect === "reject")) {
    it(`rejects ${v.file} (${v.reject_reason}) without printing plaintext`, async () => {
      const result = await decryptYaml(read(v.file), { identities: parseIdentityFile(read(v.identity)) });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors[0]?.code).toBe("mac-mismatch");
      expect(result.errors[0]?.message).toMatch(/^MAC mismatch/);
      expect(result.errors[0]?.message).not.toContain("\n");
    });
  }
});
