import { sortIssues, type TreeIssue } from "./issue.js";
import {
  checkChartSources,
  checkFluxKustomizations,
  checkKustomizationEntries,
  checkParentRefs,
  checkSchemas,
  checkSecretLeaks,
  checkSecretLocation,
  type SecretValue,
} from "./rules.js";
import { checkKeycloakRealms } from "./keycloak-realm-rule.js";
import type { CompiledValidator } from "./schemas.js";
import { parseTree, type Doc } from "./tree-model.js";

export interface ValidateTreeOptions {
  /** Values that must not appear outside `*.sops.yaml` (plain strings are reported as "a secret value"). */
  secretValues?: ReadonlyArray<string | SecretValue>;
  /** JSON schemas for kinds this package does not vendor, keyed `"<apiVersion> <kind>"`. */
  extraSchemas?: Record<string, object>;
  /**
   * Compiled validators for kinds this package does not vendor, keyed `"<apiVersion> <kind>"` — e.g.
   * ajv standalone functions generated at build time, so nothing is compiled at run time. For a
   * kind that has both, the validator is used and the schema ignored.
   */
  extraValidators?: Record<string, CompiledValidator>;
}

/**
 * Validates a generated tree (paths relative to the repository root) offline and in-process.
 * Returns every problem found, sorted by file, document and path; an empty array means valid.
 */
export function validateTree(files: ReadonlyMap<string, string>, options: ValidateTreeOptions = {}): TreeIssue[] {
  return validateParsedTree(files, undefined, options);
}

/**
 * {@link validateTree} for a caller that already holds some files as objects: a file in `parsed`
 * is checked as those documents (what parsing its text gives — see `plainDocuments`) instead of
 * being parsed again; every other YAML file is parsed. Same issues as `validateTree(files)`.
 */
export function validateParsedTree(
  files: ReadonlyMap<string, string>,
  parsed: ReadonlyMap<string, readonly Doc[]> | undefined,
  options: ValidateTreeOptions = {},
): TreeIssue[] {
  const tree = parseTree(files, parsed);
  const secrets = (options.secretValues ?? []).map((s) => (typeof s === "string" ? { name: "a secret value", value: s } : s));
  return sortIssues([
    ...tree.issues,
    ...checkSchemas(tree, options.extraSchemas, options.extraValidators),
    ...checkKustomizationEntries(tree),
    ...checkFluxKustomizations(tree),
    ...checkChartSources(tree),
    ...checkParentRefs(tree),
    ...checkSecretLocation(tree),
    ...checkKeycloakRealms(tree),
    ...checkSecretLeaks(tree, secrets),
  ]);
}
