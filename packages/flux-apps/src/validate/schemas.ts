import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv, ValidateFunction } from "ajv";
import { packageSchemasDir as schemasDir, packageValidatorsDir } from "../package-paths.js";

const require = createRequire(import.meta.url);

/**
 * The validator generated at build time (dist/validators/index.cjs, written by tools/generate-validators.mjs)
 * for a vendored schema file, or undefined when the build has not generated one (then the schema is
 * compiled on first use).
 */
function loadPrecompiled(file: string): ValidateFunction | undefined {
  try {
    const built = require(`${packageValidatorsDir()}index.cjs`) as { validator(file: string): ValidateFunction | undefined };
    return built.validator(file);
  } catch {
    return undefined; // no dist/validators, or a build regenerating it: compile from the schema instead
  }
}

function compileFile(file: string): ValidateFunction {
  const pre = loadPrecompiled(file);
  if (pre) return pre;
  const schema = JSON.parse(readFileSync(`${schemasDir()}${file}`, "utf8")) as Record<string, unknown>;
  delete schema.$id;
  return getAjv().compile(schema);
}

interface IndexEntry {
  file: string;
  apiVersion: string | null;
  kind: string | null;
}

let index: Map<string, string> | undefined;
let ajv: Ajv | undefined;
let objectMetaValidator: ValidateFunction | undefined;
/** Vendored schemas, keyed `apiVersion kind`, compiled (or loaded precompiled) on first use. */
const vendored = new Map<string, SchemaLookup>();

/** Key of a schema: `apiVersion kind`; the helmfile schema is keyed `helmfile`. */
export function schemaKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

function loadIndex(): Map<string, string> {
  if (index) return index;
  const raw = JSON.parse(readFileSync(`${schemasDir()}index.json`, "utf8")) as { files: IndexEntry[] };
  index = new Map();
  for (const e of raw.files) {
    if (e.file === "helmfile/helmfile.json") index.set("helmfile", e.file);
    else if (e.file === "core/objectmeta_v1.json") index.set("objectmeta", e.file);
    else if (e.file === "kustomize.config.k8s.io/kustomization_v1beta1.json")
      index.set(schemaKey("kustomize.config.k8s.io/v1beta1", "Kustomization"), e.file);
    else if (e.file === "kustomize.config.k8s.io/component_v1alpha1.json")
      index.set(schemaKey("kustomize.config.k8s.io/v1alpha1", "Component"), e.file);
    else if (e.apiVersion && e.kind) index.set(schemaKey(e.apiVersion, e.kind), e.file);
  }
  return index;
}

function getAjv(): Ajv {
  // Loaded on first use (~50 ms): only caller schemas, or a build without dist/validators, compile at run time.
  ajv ??= new (require("ajv") as typeof import("ajv")).Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: true });
  return ajv;
}

/** True for kinds whose schema came from a CRD (their `metadata` is validated separately). */
function isCrdFile(file: string): boolean {
  return !/^(core|apps|batch|networking\.k8s\.io|rbac\.authorization\.k8s\.io|storage\.k8s\.io|kustomize\.config\.k8s\.io|helmfile)\//.test(file);
}

/**
 * A compiled validation function for one kind: exactly the shape of an ajv validate function,
 * including one generated at build time with ajv's standalone code (`ajv/dist/standalone`).
 */
export type CompiledValidator = {
  (data: unknown): boolean;
  errors?: null | Array<{ instancePath: string; message?: string; keyword: string; params: Record<string, unknown> }>;
};

export interface SchemaLookup {
  validate: CompiledValidator;
  /** Also validate `metadata` against ObjectMeta (CRD schemas leave it open). */
  metadata?: CompiledValidator;
}

/** Caller schemas, compiled once per schema object: two calls with different schemas for one kind never share a validator. */
const compiledExtra = new WeakMap<object, ValidateFunction>();

function objectMeta(): ValidateFunction {
  objectMetaValidator ??= compileFile(loadIndex().get("objectmeta")!);
  return objectMetaValidator;
}

/**
 * The validator for a kind (keyed `apiVersion kind`). In order: a caller's compiled validator
 * (`validators`, nothing compiled), a caller's JSON schema (`extra`, compiled on first use and
 * cached per schema object), then the vendored schema (precompiled at build time, cached per key).
 */
export function lookupSchema(
  key: string,
  extra?: Readonly<Record<string, object>>,
  validators?: Readonly<Record<string, CompiledValidator>>,
): SchemaLookup | undefined {
  const own = validators?.[key];
  if (own) return { validate: own, metadata: objectMeta() };
  const extraSchema = extra?.[key];
  if (extraSchema) {
    let v = compiledExtra.get(extraSchema);
    if (!v) {
      v = getAjv().compile(extraSchema);
      // Forget it in ajv (the compiled function stays valid): another call may bring a different
      // schema with the same `$id`, which ajv would otherwise refuse, and ajv would keep every one.
      getAjv().removeSchema(extraSchema);
      compiledExtra.set(extraSchema, v);
    }
    return { validate: v, metadata: objectMeta() };
  }
  let found = vendored.get(key);
  if (!found) {
    const file = loadIndex().get(key);
    if (!file) return undefined;
    found = { validate: compileFile(file), metadata: isCrdFile(file) ? objectMeta() : undefined };
    vendored.set(key, found);
  }
  return found;
}

/** `/spec/values/0/x` → `spec.values[0].x` */
export function toYamlPath(pointer: string, prefix = ""): string {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let out = prefix;
  for (const p of parts) {
    if (/^\d+$/.test(p)) out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

type ValidationError = NonNullable<CompiledValidator["errors"]>[number];

/** One readable message per ajv error (without the offending value: it may be a secret). */
export function describeError(e: ValidationError): { path: string; message: string } {
  const path = toYamlPath(e.instancePath);
  switch (e.keyword) {
    case "additionalProperties": {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      return { path: path ? `${path}.${field}` : field, message: `Unknown field "${field}". Remove it or check its spelling against the schema.` };
    }
    case "required":
      return { path, message: `Missing required field "${String((e.params as { missingProperty: string }).missingProperty)}".` };
    case "enum":
      return { path, message: `Must be one of: ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(", ")}.` };
    case "type":
      return { path, message: `Must be of type ${String((e.params as { type: string | string[] }).type)}.` };
    default:
      return { path, message: `${e.message ?? "is invalid"}.` };
  }
}
