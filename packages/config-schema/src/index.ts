export type { ResolvedConfig, ResolvedNode } from "./resolved.js";
export { toYaml, toYamlDocuments, type ToYamlOptions } from "./to-yaml.js";
