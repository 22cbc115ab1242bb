#!/usr/bin/env node
// Build step (runs before tsup): the vendored Talos machine-config and talhelper schemas (schemas/*.json)
// become standalone ajv validators in dist/validators/ (see ../../../tools/standalone-validators.mjs;
// `--check` exits 1 when the set is missing or stale). src/schema-validators.ts loads them through
// dist/validators/index.cjs. Compiling both schemas with ajv at run time cost ~0.5 s per process; loading the
// generated modules costs a few ms (`pnpm --filter @talos-cluster/talos-patches bench`).
import { runValidatorGenerator } from "../../../tools/standalone-validators.mjs";
import { schemaTolerances } from "./schema-tolerances.mjs";

/** Keywords that only annotate; dropping them keeps the generated modules small. */
const ANNOTATIONS = new Set(["title", "description", "markdownDescription", "x-intellij-html-description", "examples"]);
/** Keywords whose value maps names to sub-schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keywords whose value is data, never a schema. */
const DATA = new Set(["enum", "const", "default", "required"]);

function stripAnnotations(node) {
  if (Array.isArray(node)) return node.map(stripAnnotations);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key)) continue;
    if (DATA.has(key)) out[key] = value;
    else if (SCHEMA_MAPS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, stripAnnotations(sub)]));
    } else out[key] = stripAnnotations(value);
  }
  return out;
}

/** The fields Talos accepts but its published schema omits (tools/schema-tolerances.mjs). */
function applyTolerances(schema) {
  for (const t of schemaTolerances) {
    const def = schema.$defs?.[t.definition];
    if (!def?.properties) throw new Error(`tolerance: $defs.${t.definition} is missing from the Talos schema`);
    if (t.property in def.properties) {
      throw new Error(`tolerance ${t.definition}.${t.property} is obsolete: the schema defines it; remove the tolerance`);
    }
    def.properties[t.property] = t.schema;
  }
  return schema;
}

const TALOS_SCHEMA = "talos-config_v1.11.json";

runValidatorGenerator({
  scriptUrl: import.meta.url,
  packageName: "@talos-cluster/talos-patches",
  schemas: [TALOS_SCHEMA, "talconfig_v3.json"],
  inputs: [new URL("./schema-tolerances.mjs", import.meta.url)],
  newAjv({ Ajv2020 }) {
    const ajv = new Ajv2020({
      allErrors: true,
      // Errors carry the failing sub-schema, so messages can list the allowed keys (did-you-mean).
      verbose: true,
      strict: true,
      // Upstream schemas put `required` inside oneOf branches and omit `type` next to `properties` in places;
      // both are valid JSON Schema that ajv's strict mode only warns about.
      strictTypes: false,
      strictRequired: false,
      code: { source: true },
    });
    // Talos uses `format: uri` (endpoints, URLs). A regular expression (not a function) keeps the generated
    // module free of run-time imports.
    ajv.addFormat("uri", /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/);
    return ajv;
  },
  // The schemas are small next to the CRDs and errors carry their sub-schemas (verbose): compiled as they are.
  shareMinChars: false,
  prepareSchema: (schema, file) => (file === TALOS_SCHEMA ? applyTolerances(stripAnnotations(schema)) : stripAnnotations(schema)),
  // A strategic-merge patch is a v1alpha1.Config document.
  validatorRef: (file) => (file === TALOS_SCHEMA ? "#/$defs/v1alpha1.Config" : undefined),
});
