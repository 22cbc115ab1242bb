import { describe, expect, it } from "vitest";
import { type CryptRules, decryptYaml, encryptYaml } from "../src/index.js";
import { corpus, IDENTITY, RECIPIENT, yamlData } from "./helpers.js";

const ruleSets: Array<{ name: string; rules: CryptRules; clear: RegExp[]; encrypted: RegExp[] }> = [
  {
    name: "default (unencrypted_suffix _unencrypted)",
    rules: {},
    clear: [/^ {4}- keep me$/m],
    encrypted: [/^apiVersion: ENC\[/m, /^ {2}username: ENC\[/m],
  },
  {
    name: "encrypted_regex ^(data|stringData)$",
    rules: { encryptedRegex: "^(data|stringData)$" },
    clear: [/^apiVersion: v1$/m, /^ {2}name: keycloak-admin$/m],
    encrypted: [/^ {2}username: ENC\[/m, /^ {2}password: ENC\[/m],
  },
  {
    name: "unencrypted_regex ^(apiVersion|kind|metadata)$",
    rules: { unencryptedRegex: "^(apiVersion|kind|metadata)$" },
    clear: [/^kind: Secret$/m, /^ {4}note: "clear: text with # hash"$/m],
    encrypted: [/^type: ENC\[/m, /^ {2}username: ENC\[/m],
  },
  {
    name: "encrypted_suffix (nothing matches: all clear)",
    rules: { encryptedSuffix: "_secret" },
    clear: [/^ {2}username: admin$/m],
    encrypted: [],
  },
  {
    name: "unencrypted_suffix _plain",
    rules: { unencryptedSuffix: "_plain" },
    clear: [],
    encrypted: [/^ {2}username: ENC\[/m, /^ {4}- ENC\[/m],
  },
  {
    name: "encrypted_regex with mac_only_encrypted (the reference's rule)",
    rules: { encryptedRegex: "^(data|stringData)$", macOnlyEncrypted: true },
    clear: [/^apiVersion: v1$/m],
    encrypted: [/^ {2}username: ENC\[/m],
  },
];

describe("encrypt → decrypt round trip over a corpus of Secrets", () => {
  for (const set of ruleSets) {
    for (const file of corpus) {
      it(`${file.name} with ${set.name}`, async () => {
        const enc = await encryptYaml(file.text, { recipients: [RECIPIENT], ...set.rules });
        if (!enc.ok) throw new Error(enc.errors[0]?.message);
        const plainDec = await decryptYaml(file.text.replace(/^/, ""), { identities: [IDENTITY] });
        expect(plainDec.ok).toBe(false); // plaintext is not a sops file
        const dec = await decryptYaml(enc.text, { identities: [IDENTITY] });
        if (!dec.ok) throw new Error(dec.errors[0]?.message);
        // Same data as the plaintext, key order included.
        expect(dec.documents).toEqual(yamlData(file.text));
        expect(JSON.stringify(dec.documents, (_k, v) => (typeof v === "bigint" ? String(v) : v))).toBe(
          JSON.stringify(yamlData(file.text), (_k, v) => (typeof v === "bigint" ? String(v) : v)),
        );
        // The decrypted YAML text reads back as the same data.
        expect(yamlData(dec.text)).toEqual(dec.documents);
        // Comments come back in clear text.
        for (const comment of file.text.match(/# [^\n"]+$/gm) ?? []) expect(dec.text).toContain(comment.trim());
        if (file.name === "keycloak.yaml") {
          for (const re of set.clear) expect(enc.text).toMatch(re);
          for (const re of set.encrypted) expect(enc.text).toMatch(re);
          if (set.rules.macOnlyEncrypted) expect(enc.text).toContain("  mac_only_encrypted: true\n");
        }
      });
    }
  }

  it("keeps types, unicode, multi-line strings, empty values and lists exactly", async () => {
    const file = corpus.find((c) => c.name === "keycloak.yaml")?.text as string;
    const enc = await encryptYaml(file, { recipients: [RECIPIENT] });
    if (!enc.ok) throw new Error("encrypt failed");
    const dec = await decryptYaml(enc.text, { identities: [IDENTITY] });
    if (!dec.ok) throw new Error("decrypt failed");
    const [first, second] = dec.documents as Array<Record<string, Record<string, unknown>>>;
    expect(first?.stringData).toEqual({
      username: "admin",
      password: "pässwörd-秘密-🔐 with spaces",
      multi: "line one\nline two: with colon\n  indented line",
      trailing: "ends with newlines\n\n",
      tab: "a\tb",
      hosts: ["id.example.com", "*.example.com", 8080],
      nested: { deep: { value: "s3cr3t" } },
    });
    expect(second?.stringData).toEqual({ token: "second-doc-token-value", nothing: null, list_unencrypted: ["keep me"] });
    // null stays null and an empty string stays "" (sops encrypts neither).
    expect(enc.text).toContain("  nothing: null\n");
    const cf = await encryptYaml(corpus.find((c) => c.name === "cloudflare.yaml")?.text as string, { recipients: [RECIPIENT] });
    if (!cf.ok) throw new Error("encrypt failed");
    expect(cf.text).toContain('  empty: ""\n');
    expect(cf.text).toMatch(/zone_count: ENC\[AES256_GCM,[^\]]+type:int\]/);
    expect(cf.text).toMatch(/ratio: ENC\[AES256_GCM,[^\]]+type:float\]/);
    expect(cf.text).toMatch(/enabled: ENC\[AES256_GCM,[^\]]+type:bool\]/);
    const cfDec = await decryptYaml(cf.text, { identities: [IDENTITY] });
    if (!cfDec.ok) throw new Error("decrypt failed");
    const sd = (cfDec.documents[0] as Record<string, Record<string, unknown>>).stringData;
    expect(sd).toMatchObject({ zone_count: 3, ratio: 0.75, enabled: true, "quoted-number": "0123", "yes-string": "yes", "date-like": "2024-01-01", empty: "" });
    const talos = await encryptYaml(corpus.find((c) => c.name === "talos.yaml")?.text as string, { recipients: [RECIPIENT] });
    if (!talos.ok) throw new Error("encrypt failed");
    const talosDec = await decryptYaml(talos.text, { identities: [IDENTITY] });
    if (!talosDec.ok) throw new Error("decrypt failed");
    expect((talosDec.documents[0] as Record<string, Record<string, unknown>>).certs).toEqual({
      os: { crt: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t", key_unencrypted: "not-a-real-key" },
      count: 31,
      big: 1234567890123456789n,
      float_exp: 1.5e-7,
      negative: -42,
      octal: 15,
    });
  });

  it("writes the sops block the way sops 3.10 does", async () => {
    const enc = await encryptYaml("stringData:\n  key: value\n", {
      recipients: [RECIPIENT],
      encryptedRegex: "^(data|stringData)$",
      now: new Date("2025-07-06T17:19:51.123Z"),
    });
    if (!enc.ok) throw new Error("encrypt failed");
    const layout = enc.text
      .replace(/ENC\[[^\]]+\]/g, "ENC[…]")
      .replace(/( {8})[A-Za-z0-9+/=]{10,}\n/g, "$1<armor>\n");
    expect(layout).toMatchInlineSnapshot(`
      "stringData:
        key: ENC[…]
      sops:
        age:
          - recipient: age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29
            enc: |
              -----BEGIN AGE ENCRYPTED FILE-----
              <armor>
              <armor>
              <armor>
              <armor>
              <armor>
              -----END AGE ENCRYPTED FILE-----
        lastmodified: "2025-07-06T17:19:51Z"
        mac: ENC[…]
        encrypted_regex: ^(data|stringData)$
        version: 3.10.2
      "
    `);
  });
});

describe("clear-text values that other YAML readers would mistype", () => {
  it("are quoted so they read back as the same strings", async () => {
    const text = 'a_unencrypted:\n  - "1:20"\n  - "yes"\n  - "0o17"\n  - "1_000"\n  - "2024-01-01"\n  - "~"\n  - "- x"\n  - "key: value"\n';
    const enc = await encryptYaml(text, { recipients: [RECIPIENT] });
    if (!enc.ok) throw new Error("encrypt failed");
    expect(enc.text.split("sops:")[0]).toBe(text);
  });
});
