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
import { parseTree } from "./tree-model.js";

export interface ValidateTreeOptions {
  /** Values that must not appear outside `*.sops.yaml` (plain strings are reported as "a secret value"). */
  secretValues?: ReadonlyArray<string | SecretValue>;
  /** JSON schemas for kinds this package does not vendor, keyed `"<apiVersion> <kind>"`. */
  extraSchemas?: Record<string, object>;
}

/**
 * Validates a generated tree (paths relative to the repository root) offline and in-process.
 * Returns every problem found, sorted by file, document and path; an empty array means valid.
 */
export function validateTree(files: ReadonlyMap<string, string>, options: ValidateTreeOptions = {}): TreeIssue[] {
  const tree = parseTree(files);
  const secrets = (options.secretValues ?? []).map((s) => (typeof s === "string" ? { name: "a secret value", value: s } : s));
  return sortIssues([
    ...tree.issues,
    ...checkSchemas(tree, options.extraSchemas),
    ...checkKustomizationEntries(tree),
    ...checkFluxKustomizations(tree),
    ...checkChartSources(tree),
    ...checkParentRefs(tree),
    ...checkSecretLocation(tree),
    ...checkSecretLeaks(tree, secrets),
  ]);
}
