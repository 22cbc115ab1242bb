import { bench, describe } from "vitest";
import { decryptYaml, encryptYaml } from "../src/index.js";
import { corpus, IDENTITY, RECIPIENT } from "./helpers.js";

// A 50-file tree: the corpus Secrets repeated with distinct values, as `configure` would encrypt them.
const files = Array.from({ length: 50 }, (_, i) => {
  const base = corpus[i % corpus.length]?.text as string;
  return base.replaceAll("admin", `admin-${i}`);
});
const rules = { recipients: [RECIPIENT], encryptedRegex: "^(data|stringData)$", macOnlyEncrypted: true };
let encrypted: string[] = [];

describe("50-file tree, one process", () => {
  bench(
    "encrypt 50 files",
    async () => {
      encrypted = [];
      for (const text of files) {
        const r = await encryptYaml(text, rules);
        if (!r.ok) throw new Error(r.errors[0]?.message);
        encrypted.push(r.text);
      }
    },
    { iterations: 10 },
  );

  bench(
    "re-encrypt 50 unchanged files (stable ciphertext check)",
    async () => {
      if (encrypted.length === 0) {
        for (const text of files) {
          const r = await encryptYaml(text, rules);
          if (r.ok) encrypted.push(r.text);
        }
      }
      for (const [i, text] of files.entries()) {
        const r = await encryptYaml(text, { ...rules, previous: encrypted[i], identities: [IDENTITY] });
        if (!r.ok || r.reuse !== "unchanged") throw new Error("not stable");
      }
    },
    { iterations: 10 },
  );

  bench(
    "decrypt 50 files",
    async () => {
      for (const text of encrypted) {
        const r = await decryptYaml(text, { identities: [IDENTITY] });
        if (!r.ok) throw new Error(r.errors[0]?.message);
      }
    },
    { iterations: 10 },
  );
});

// Comment placement must stay linear: one comment line and one trailing comment per entry.
const commented = Array.from({ length: 4000 }, (_, i) => `# comment ${i}\nkey${i}: value ${i} # trailing\n`).join("");

describe("one file with 4000 commented entries", () => {
  bench(
    "encrypt",
    async () => {
      const r = await encryptYaml(commented, { recipients: [RECIPIENT] });
      if (!r.ok) throw new Error(r.errors[0]?.message);
    },
    { iterations: 3 },
  );
});
