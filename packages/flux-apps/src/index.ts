export type {
  BootstrapRelease,
  FluxApp,
  FluxAppFile,
  FluxDependency,
  FluxHealthCheck,
  FluxKustomizationSettings,
  FluxContribution,
  FluxNamespace,
} from "./app-model.js";
export {
  buildFluxTree,
  configuredSecretValues,
  type BuildFluxTreeOptions,
  type BuildFluxTreeResult,
  type FluxTreeError,
} from "./build-tree.js";
export { appDir, fluxKustomizationOf, serializeFluxApp, serializeNamespace } from "./serialize.js";
export { ociRepository, helmRepository } from "./catalog/sources.js";
export { CHARTS, IMAGES, ARTIFACTS, allPins, imageRef, type ChartPin, type ImagePin, type ChartKey, type ImageKey } from "./catalog/versions.js";
export { CATALOG_APPS, CATALOG_NAMESPACES, type CatalogApp } from "./catalog/apps.js";
export { parseSecrets, type FluxTreeSecrets, type ParsedSecrets, type SecretInputError } from "./secrets-input.js";
export { validateTree, type ValidateTreeOptions } from "./validate/validate-tree.js";
export { formatIssue, type TreeIssue, type TreeRule } from "./validate/issue.js";
export type { SecretValue } from "./validate/rules.js";
export type { CompiledValidator } from "./validate/schemas.js";
export { packageTemplatesDir } from "./package-paths.js";
