export { createEnvironment, JINJA2_DEFAULT_DELIMITERS, MAKEJINJA_REFERENCE_DELIMITERS } from "./environment.js";
export { formatTemplateError } from "./errors.js";
export { loadDataFiles } from "./data-files.js";
export { resolvePlainScalar, loadYamlDocuments } from "./yaml-pyyaml.js";
export { pathMatch } from "./path-match.js";
export { renderTree } from "./render-tree.js";
export { writeTree } from "./write-tree.js";
export { loadMakejinjaConfig, type MakejinjaConfig } from "./config.js";
export type * from "./types.js";
