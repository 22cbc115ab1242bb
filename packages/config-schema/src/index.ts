export type {
  ResolvedConfig,
  ResolvedNode,
  ResolvedMcpServer,
  ResolvedMcpClientRegistration,
  ResolvedMcpPreregisteredClient,
} from "./resolved.js";
export { toYaml, toYamlDocuments, type ToYamlOptions } from "./to-yaml.js";
export {
  ClusterConfigSchema,
  NodesConfigSchema,
  NodeSchema,
  type ClusterConfig,
  type ClusterConfigInput,
  type NodesConfig,
  type NodesConfigInput,
  type NodeConfig,
} from "./schema.js";
export { type ConfigIssue, formatIssue, sortIssues } from "./issues.js";
export {
  parseClusterConfig,
  type ConfigFile,
  type ParseClusterConfigInput,
  type ParseClusterConfigResult,
} from "./parse.js";
export { loadClusterConfig, type LoadClusterConfigOptions } from "./load.js";
export { clusterJsonSchema, nodesJsonSchema } from "./json-schema.js";
export { fallbackDns } from "./resolve.js";
export { isPrivateIpv4, nthHost } from "./ipv4.js";
export { REDACTED, SECRET_KEYS, redactSecrets } from "./secrets.js";
