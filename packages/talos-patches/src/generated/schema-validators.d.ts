// Types for the generated standalone ajv validators (schema-validators.js; see tools/generate-validators.mjs).

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

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** Talos v1alpha1.Config (the machine configuration document a strategic-merge patch targets). */
export declare const validateTalosConfig: GeneratedValidator;
/** talhelper's talconfig.yaml. */
export declare const validateTalconfig: GeneratedValidator;
