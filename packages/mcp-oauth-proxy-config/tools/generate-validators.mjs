#!/usr/bin/env node
// Build step (runs before tsup): every vendored schema (schemas/**/*.json) becomes a standalone ajv
// validator in dist/validators/, so validation never compiles a schema at run time (see
// ../../../tools/standalone-validators.mjs; `--check` exits 1 when the set is missing or stale).
// src/compiled-validators.ts loads one through dist/validators/index.cjs the first time its kind is validated.
import { runValidatorGenerator } from "../../../tools/standalone-validators.mjs";

runValidatorGenerator({
  scriptUrl: import.meta.url,
  packageName: "@talos-cluster/mcp-oauth-proxy-config",
  // As validated at run time before: formats are not checked. inlineRefs: false keeps each shared
  // sub-schema one function instead of a copy per use.
  newAjv: ({ Ajv }) => new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false, inlineRefs: false, code: { source: true } }),
  // The vendored files carry their own $schema/$id; the generated modules are self-contained without them.
  prepareSchema(schema) {
    delete schema.$schema;
    delete schema.$id;
    return schema;
  },
});
