export { toYaml, toYamlDocuments, type ToYamlOptions } from "./to-yaml.js";
