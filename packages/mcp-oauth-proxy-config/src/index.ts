export type {
  CertificateInput,
  ClientRegistration,
  CloudflaredRule,
  CorsInput,
  DcrRegistration,
  Duration,
  McpOAuthProxyInput,
  McpServerInput,
  McpTransport,
  PreregisteredClient,
  PreregisteredRegistration,
  RateLimitInput,
} from "./input.js";
export { type BuildOptions, type BuildResult, buildMcpOAuthProxy, CONFIG_APP_NAME } from "./build.js";
export {
  DEFAULT_AUDIENCE_SCOPE,
  DEFAULT_NAMESPACE,
  DEFAULT_REALM,
  type McpInputOverrides,
  mcpInputFromConfig,
  referenceTunnelRules,
} from "./from-config.js";
export { type AgentgatewayRelease, DEFAULT_RELEASE, RELEASES, type ReleaseInfo } from "./releases.js";
export { formatIssue, formatIssues, type McpIssue } from "./issues.js";
export { cloudflaredMatchesHost, planTunnelIngress, type TunnelPlan, type TunnelRuleProblem, validateTunnelRules } from "./cloudflared.js";
export { resourceUrl } from "./validate-input.js";
export { type CompiledValidator } from "./compiled-validators.js";
export { mcpContributionSchemas, mcpContributionValidators } from "./schema-validate.js";
export { ANNOTATION_AUTH, ANNOTATION_REGISTRATION, ANNOTATION_RESOURCE, discoveryPaths } from "./render-servers.js";
export {
  authorizationServerMetadataUrls,
  checkAuthorizationServerMetadata,
  type CheckOptions,
  checkProtectedResourceMetadata,
  checkUnauthenticatedChallenge,
  type MetadataCheck,
  protectedResourceMetadataUrl,
} from "./discovery.js";
