import { describe, expect, it } from "vitest";
import { findCreationRule, loadSopsConfig } from "../src/index.js";

const reference = `---
creation_rules:
  - path_regex: talos/.*\\.sops\\.ya?ml
    mac_only_encrypted: true
    age: "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29"
  - path_regex: (bootstrap|kubernetes)/.*\\.sops\\.ya?ml
    encrypted_regex: "^(data|stringData)$"
    mac_only_encrypted: true
    age:
      - age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29
      - age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph
stores:
  yaml:
    indent: 2
`;

describe(".sops.yaml", () => {
  it("reads the reference's creation rules and store indent", () => {
    const r = loadSopsConfig(reference);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    expect(r.config.yamlIndent).toBe(2);
    expect(r.config.creationRules).toEqual([
      { pathRegex: "talos/.*\\.sops\\.ya?ml", macOnlyEncrypted: true, age: ["age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29"] },
      {
        pathRegex: "(bootstrap|kubernetes)/.*\\.sops\\.ya?ml",
        encryptedRegex: "^(data|stringData)$",
        macOnlyEncrypted: true,
        age: [
          "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29",
          "age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph",
        ],
      },
    ]);
  });

  it("chooses the first rule whose path_regex matches the path relative to .sops.yaml", () => {
    const r = loadSopsConfig(reference);
    if (!r.ok) throw new Error("load failed");
    expect(findCreationRule(r.config, "talos/talsecret.sops.yaml")?.encryptedRegex).toBeUndefined();
    expect(findCreationRule(r.config, "/repo/kubernetes/apps/x/secret.sops.yaml", "/repo")?.encryptedRegex).toBe("^(data|stringData)$");
    expect(findCreationRule(r.config, "README.md")).toBeUndefined();
  });

  it("splits a comma-separated age list", () => {
    const r = loadSopsConfig("creation_rules:\n  - age: 'age1a, age1b'\n");
    expect(r.ok && r.config.creationRules[0]?.age).toEqual(["age1a", "age1b"]);
  });

  it("reports unknown fields, two key rules and bad regexes with the file name", () => {
    const r = loadSopsConfig(
      "creation_rules:\n  - path_regex: '('\n    agee: x\n  - encrypted_regex: a\n    unencrypted_suffix: b\n",
      "repo/.sops.yaml",
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = r.errors.map((e) => e.message).join("\n");
    expect(messages).toContain("repo/.sops.yaml: creation_rules[0].agee is not a sops creation rule field.");
    expect(messages).toMatch(/creation_rules\[0\]: path_regex "\(" is not a valid regular expression/);
    expect(messages).toMatch(/creation_rules\[1\]: Only one of/);
  });

  it("requires creation_rules", () => {
    const r = loadSopsConfig("stores: {}\n");
    expect(!r.ok && r.errors[0]?.message).toMatch(/no creation_rules/);
  });
});
