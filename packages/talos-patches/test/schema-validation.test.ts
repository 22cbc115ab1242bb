import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildTalosFiles, KUBERNETES_VERSION, TALOS_VERSION } from "../src/index.js";
import { schemaTolerances } from "../tools/schema-tolerances.mjs";
import { haCluster, minimalSingleNode, referencePrivate, referencePublic } from "./fixtures/configs.js";

/**
 * An independent check: the vendored schemas compiled here with ajv directly (not the generated
 * standalone module), after the text is read back the way talhelper reads it — envsubst with talenv.yaml,
 * `$$` unescaped to `$`, YAML parsed.
 */
const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020").default;
const schema = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../schemas/${name}`, import.meta.url)), "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat("uri", true);
const talos = schema("talos-config_v1.11.json");
for (const t of schemaTolerances) talos.$defs[t.definition].properties[t.property] = t.schema;
ajv.addSchema(talos);
const validateTalos = ajv.getSchema(`${talos.$id}#/$defs/v1alpha1.Config`)!;
const validateTalhelper = ajv.compile(schema("talconfig_v3.json"));

/** What talhelper's restricted envsubst leaves of a file. */
function substituteLikeTalhelper(text: string): string {
  const env: Record<string, string> = { talosVersion: TALOS_VERSION, kubernetesVersion: KUBERNETES_VERSION };
  return text.replace(/\$\$|\$\{(\w+)\}/g, (match, name: string | undefined) => {
    if (match === "$$") return "$";
    if (!(name! in env)) throw new Error(`talhelper would fail: variable ${name} is not set`);
    return env[name!]!;
  });
}

/** The `$patch: delete` tolerance, as in src/validate.ts: such nodes are directives, not config. */
function withoutDeleteDirectives(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDeleteDirectives);
  if (node !== null && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node)
        .map(([k, v]) => [k, v !== null && typeof v === "object" && (v as any).$patch === "delete" ? undefined : withoutDeleteDirectives(v)])
        .filter(([, v]) => v !== undefined),
    );
  }
  return node;
}

describe.each([
  ["minimal single node", minimalSingleNode],
  ["HA", haCluster],
  ["reference public", referencePublic],
  ["reference private", referencePrivate],
] as const)("%s: every generated file validates against the vendored schemas", (_, fixture) => {
  const result = buildTalosFiles(fixture());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));

  it("talconfig.yaml (talhelper schema) and its inline node patches (Talos schema)", () => {
    const talconfig = parse(substituteLikeTalhelper(result.files.get("talos/talconfig.yaml")!));
    expect(talconfig.talosVersion).toBe(TALOS_VERSION);
    expect(validateTalhelper(talconfig), JSON.stringify(validateTalhelper.errors)).toBe(true);
    for (const node of talconfig.nodes) {
      for (const patch of node.patches ?? []) {
        if (patch.startsWith("@")) continue;
        expect(validateTalos(parse(patch)), JSON.stringify(validateTalos.errors)).toBe(true);
      }
    }
  });

  it("every patch file (Talos machine-config schema)", () => {
    const patches = [...result.files].filter(([file]) => file.startsWith("talos/patches/") && file.endsWith(".yaml"));
    expect(patches.length).toBe(6);
    for (const [file, text] of patches) {
      const patch = withoutDeleteDirectives(parse(substituteLikeTalhelper(text)));
      expect(validateTalos(patch), `${file}: ${JSON.stringify(validateTalos.errors)}`).toBe(true);
    }
  });

  it("talenv.yaml pins both versions as strings", () => {
    expect(parse(result.files.get("talos/talenv.yaml")!)).toEqual({
      talosVersion: TALOS_VERSION,
      kubernetesVersion: KUBERNETES_VERSION,
    });
  });
});
