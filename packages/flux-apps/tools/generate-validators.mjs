#!/usr/bin/env node
// Build step (runs before tsup): every vendored schema listed in schemas/index.json becomes a standalone ajv
// validator in dist/validators/, so validateTree never compiles a vendored schema at run time (see
// ../../../tools/standalone-validators.mjs; `--check` exits 1 when the set is missing or stale).
// src/validate/schemas.ts loads one through dist/validators/index.cjs the first time its kind is validated.
import { readFileSync } from "node:fs";
import { runValidatorGenerator } from "../../../tools/standalone-validators.mjs";

const index = JSON.parse(readFileSync(new URL("../schemas/index.json", import.meta.url), "utf8"));

runValidatorGenerator({
  scriptUrl: import.meta.url,
  packageName: "@talos-cluster/flux-apps",
  schemas: index.files.map((entry) => entry.file),
  // As src/validate/schemas.ts compiles caller schemas at run time. inlineRefs: false keeps a referenced
  // schema (the Kubernetes definitions, the shared sub-schemas) one function instead of a copy per use.
  newAjv: ({ Ajv }) => new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: true, inlineRefs: false, code: { source: true } }),
  // Sub-schemas this small are cheaper inline than as a function call.
  shareMinChars: 150,
  prepareSchema(schema) {
    delete schema.$id;
    return schema;
  },
});
