import { createRequire } from "node:module";

/** One ajv error as produced with `allErrors: true`. */
export interface SchemaError {
  /** JSON Pointer to the offending value, e.g. `/cluster/apiServer/extraArgs/enable-aggregator-routing`. */
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  /** The schema object containing the failing keyword (ajv `verbose: true`). */
  parentSchema?: Record<string, unknown>;
  /** The failing value (ajv `verbose: true`). */
  data?: unknown;
}

/** A validator compiled at build time (ajv standalone code): `errors` holds ajv's errors after a failed call. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

// The build writes dist/validators/index.cjs (tools/generate-validators.mjs); the URL resolves there both
// from dist/index.js and from src/ (tests). Loaded on the first validation, not when the package is imported.
type BuiltValidators = { requireValidator(file: string): GeneratedValidator };
let built: BuiltValidators | undefined;
function load(file: string): GeneratedValidator {
  built ??= createRequire(new URL("../dist/validators/", import.meta.url))("./index.cjs") as BuiltValidators;
  return built.requireValidator(file);
}

/** Talos v1alpha1.Config (the machine configuration document a strategic-merge patch targets). */
export const talosConfigValidator = (): GeneratedValidator => load("talos-config_v1.11.json");
/** talhelper's talconfig.yaml. */
export const talconfigValidator = (): GeneratedValidator => load("talconfig_v3.json");
