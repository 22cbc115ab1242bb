import { parse } from "yaml";
import { talconfigValidator, talosConfigValidator, type GeneratedValidator, type SchemaError } from "./schema-validators.js";
import { didYouMean } from "./did-you-mean.js";
import { sortIssues, type TalosFilesIssue } from "./issues.js";
import { formatYamlPath, pointerSegments } from "./yaml-path.js";

/** The Talos release line of the vendored machine-config schema (schemas/talos-config_v1.11.json). */
export const TALOS_SCHEMA_VERSION = "v1.11";

const TALOS_SCHEMA_NAME = `the Talos ${TALOS_SCHEMA_VERSION} machine-config schema`;
const TALHELPER_SCHEMA_NAME = "talhelper's talconfig.yaml schema (v3)";

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return typeof value;
}

/**
 * Tolerance: a strategic-merge `$patch: delete` directive. Talos' patcher removes the node that carries
 * it (e.g. `cluster.apiServer.admissionControl`) from the base configuration, so its value never reaches
 * the machine config and need not match the field's type — but the schema, describing finished configs,
 * knows nothing of directives. Errors at or below such a node are dropped; its *key* is still checked
 * against its parent, so a misspelt field with `$patch: delete` is still reported.
 */
function patchDeletePointers(data: unknown, pointer = "", out: string[] = []): string[] {
  if (Array.isArray(data)) {
    data.forEach((item, i) => patchDeletePointers(item, `${pointer}/${i}`, out));
  } else if (data !== null && typeof data === "object") {
    const record = data as Record<string, unknown>;
    if (record.$patch === "delete") out.push(pointer);
    for (const [key, value] of Object.entries(record)) {
      patchDeletePointers(value, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`, out);
    }
  }
  return out;
}

function isUnder(pointer: string, roots: readonly string[]): boolean {
  return roots.some((root) => pointer === root || pointer.startsWith(`${root}/`));
}

function toIssue(
  error: SchemaError,
  data: unknown,
  file: string,
  schemaName: string,
  prefix: string,
): TalosFilesIssue | undefined {
  const segments = pointerSegments(error.instancePath, data);
  const inner = (extra: (string | number)[] = []) => formatYamlPath([...segments, ...extra]);
  const at = (extra: (string | number)[] = []) => (prefix ? `${prefix} > ${inner(extra)}` : inner(extra));
  const params = error.params;
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const hint = didYouMean(key, allowed);
      return {
        file,
        path: at([key]),
        message: `Unknown key "${key}": ${schemaName} has no such field here.${
          hint ? ` Did you mean "${hint}"?` : ""
        } Remove it or fix its spelling.`,
      };
    }
    case "type": {
      const expected = String(params.type);
      const actual = describeType(error.data);
      const quote =
        expected === "string" && (typeof error.data === "boolean" || typeof error.data === "number")
          ? ` Write it as a quoted string ("${String(error.data)}").`
          : "";
      return { file, path: at(), message: `Is ${actual}, but ${schemaName} requires ${expected}.${quote}` };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ");
      return { file, path: at(), message: `Is ${JSON.stringify(error.data)}, must be one of ${allowed} (${schemaName}).` };
    }
    case "required":
      return {
        file,
        path: at([String(params.missingProperty)]),
        message: `Missing required key "${String(params.missingProperty)}" (${schemaName}). Add it.`,
      };
    case "oneOf":
      return undefined; // reported through its branches, see collapseOneOf
    default:
      return { file, path: at(), message: `${error.message ?? "is invalid"} (${schemaName}).` };
  }
}

/**
 * `oneOf` failures arrive as one error per branch plus the `oneOf` itself. talhelper's only `oneOf` (a
 * node needs `installDisk` or `installDiskSelector`) reads best as one sentence naming the choices.
 */
function collapseOneOf(errors: readonly SchemaError[]): SchemaError[] {
  const oneOfPaths = errors.filter((e) => e.keyword === "oneOf");
  if (oneOfPaths.length === 0) return [...errors];
  const out: SchemaError[] = [];
  for (const e of errors) {
    const parent = oneOfPaths.find((o) => e !== o && e.instancePath === o.instancePath && e.schemaPath.startsWith(`${o.schemaPath}/`));
    if (!parent) out.push(e);
  }
  for (const o of oneOfPaths) {
    const choices = errors
      .filter((e) => e.keyword === "required" && e.instancePath === o.instancePath && e.schemaPath.startsWith(`${o.schemaPath}/`))
      .map((e) => `"${String(e.params.missingProperty)}"`);
    const passing = (o.params.passingSchemas as number[] | null) ?? null;
    const message =
      choices.length > 0 && passing === null
        ? `must set one of ${choices.join(" or ")}`
        : `must set exactly one of the alternatives, not several`;
    out.push({ ...o, keyword: "oneOfChoice", message });
  }
  return out;
}

function run(
  validator: GeneratedValidator,
  data: unknown,
  file: string,
  schemaName: string,
  prefix: string,
  tolerated: readonly string[],
): TalosFilesIssue[] {
  if (validator(data)) return [];
  const errors = collapseOneOf(validator.errors ?? []).filter((e) => !isUnder(e.instancePath, tolerated));
  return errors.flatMap((e) => toIssue(e, data, file, schemaName, prefix) ?? []);
}

/**
 * Validates one strategic-merge patch of the Talos v1alpha1 machine configuration against the vendored
 * schema, with the tolerances Talos needs (see tools/schema-tolerances.mjs and `$patch: delete` above).
 * `at` is the YAML path of an inline patch inside its file, if any.
 */
export function validateTalosPatch(patch: unknown, file: string, at = ""): TalosFilesIssue[] {
  return sortIssues(run(talosConfigValidator(), patch, file, TALOS_SCHEMA_NAME, at, patchDeletePointers(patch)));
}

/**
 * Validates a talconfig.yaml object against talhelper's schema, and every inline node patch (a YAML string
 * in `nodes[].patches` that is not an `@file` reference) against the Talos machine-config schema.
 */
export function validateTalconfig(talconfig: unknown, file = "talos/talconfig.yaml"): TalosFilesIssue[] {
  const issues = run(talconfigValidator(), talconfig, file, TALHELPER_SCHEMA_NAME, "", []);
  const nodes = (talconfig as { nodes?: unknown } | null)?.nodes;
  (Array.isArray(nodes) ? nodes : []).forEach((node, n) => {
    const patches = (node as { patches?: unknown } | null)?.patches;
    if (!Array.isArray(patches)) return;
    patches.forEach((patch, p) => {
      if (typeof patch !== "string" || patch.trimStart().startsWith("@")) return;
      const at = formatYamlPath(["nodes", n, "patches", p]);
      let parsed: unknown;
      try {
        parsed = parse(patch);
      } catch (error) {
        issues.push({ file, path: at, message: `Inline patch is not valid YAML: ${(error as Error).message.split("\n")[0]}` });
        return;
      }
      issues.push(...validateTalosPatch(parsed, file, at));
    });
  });
  return sortIssues(issues);
}
