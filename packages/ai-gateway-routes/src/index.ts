export type {
  AiGatewayInput,
  AiGatewaySettings,
  AzureApiKeyAuth,
  AzureCredentialsAuth,
  AzureOpenAIProvider,
  BodyMutation,
  ChartPin,
  Duration,
  FamilyPolicy,
  ModelEntry,
  ModelFamily,
  ProviderAuth,
  RetryPolicy,
} from "./types.js";
export { MODEL_FAMILIES } from "./types.js";
export { type AiGatewayIssue, type AiGatewayIssueCode, formatAiGatewayIssues } from "./issues.js";
export {
  AI_GATEWAY_RELEASES,
  type AiGatewayRelease,
  type AiGatewayReleaseInfo,
  DEFAULT_AI_GATEWAY_RELEASE,
  floatingTagReason,
  isAiGatewayRelease,
} from "./releases.js";
export { DEFAULT_FAMILY_POLICIES, resolveFamilyPolicies } from "./families.js";
export { defaultModelCatalog, US_EAST2_MODELS, US_EAST_MODELS } from "./default-catalog.js";
export {
  type AiGatewayConfigKeys,
  type AiGatewayInputResult,
  aiGatewayInputFromConfig,
  productionTlsSecretName,
} from "./from-config.js";
export { type BuildAiGatewayOptions, type BuildAiGatewayResult, buildAiGateway } from "./build.js";
export { buildAiGatewayFromConfig } from "./build-from-config.js";
export { CONTROLLER_NAMESPACE, envoyGatewayValues } from "./emit-controller.js";
export { MODEL_HEADER } from "./emit-provider.js";
export { DURATION_PATTERN, formatDuration, parseDuration } from "./duration.js";
export { buildSmokeRequests, type SmokeRequest } from "./smoke-requests.js";
export { type CompiledValidator } from "./compiled-validators.js";
export { contributionSchemas, contributionValidators, validateObject } from "./schema-store.js";
