/**
 * Typed input of the generator: Azure OpenAI providers, a model catalog and per-family policies.
 * Everything here is plain data; `buildAiGateway` checks it (see `check-input.ts`) before emitting.
 */

/** What a model does; decides the default timeout, body mutation and the smoke-test request shape. */
export type ModelFamily = "chat" | "reasoning" | "codex" | "embedding" | "audio";

export const MODEL_FAMILIES: readonly ModelFamily[] = ["chat", "reasoning", "codex", "embedding", "audio"];

/** A Gateway API duration: `^([0-9]{1,5}(h|m|s|ms)){1,4}$`, e.g. "120s", "1m30s". */
export type Duration = string;

/**
 * Request-body mutation applied by the gateway before the request reaches Azure
 * (`backendRefs[].bodyMutation`). Only top-level JSON fields; `value` is JSON text
 * (`"1"` is the number 1, `"\"low\""` is the string "low").
 */
export interface BodyMutation {
  set?: Array<{ path: string; value: string }>;
  remove?: string[];
}

/** Azure OpenAI API key, sent as the `api-key` header (BackendSecurityPolicy type `AzureAPIKey`). */
export interface AzureApiKeyAuth {
  type: "AzureAPIKey";
  apiKey: string;
  /** Name of the credentials Secret; default `<provider>-credentials`. */
  secretName?: string;
}

/** Entra ID service principal (BackendSecurityPolicy type `AzureCredentials`). */
export interface AzureCredentialsAuth {
  type: "AzureCredentials";
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Name of the credentials Secret; default `<provider>-credentials`. */
  secretName?: string;
}

export type ProviderAuth = AzureApiKeyAuth | AzureCredentialsAuth;

/** One Azure OpenAI resource. */
export interface AzureOpenAIProvider {
  /** DNS-1123 label, prefix of every object of this provider, e.g. "azure-openai-us-east". */
  name: string;
  /** The Azure OpenAI resource name; the endpoint is `<resourceName>.openai.azure.com`. */
  resourceName: string;
  /** Endpoint FQDN override (e.g. a custom subdomain); default `<resourceName>.openai.azure.com`. */
  hostname?: string;
  tls?: {
    /** SNI and certificate name; default (and normally) the endpoint FQDN. */
    hostname?: string;
    /** Names the backend certificate is known to carry; the TLS hostname may be one of them. */
    subjectAltNames?: string[];
  };
  auth: ProviderAuth;
}

/** One model the gateway serves. */
export interface ModelEntry {
  /** Public model id: the request body `model`, and so the `x-ai-eg-model` header value. */
  name: string;
  /** `AzureOpenAIProvider.name` serving this model. */
  provider: string;
  /** Azure deployment name when it differs from `name` (emitted as `modelNameOverride`). */
  deployment?: string;
  family: ModelFamily;
  /** Azure OpenAI `api-version`, e.g. "2025-01-01-preview" (becomes the AIServiceBackend `schema.version`). */
  apiVersion: string;
  /** Route timeout; default the family's `defaultTimeout`; never below the family's `minTimeout`. */
  timeout?: Duration;
  /** Replaces the family's body mutation for this model (`{}` = none). */
  bodyMutation?: BodyMutation;
  /** AIServiceBackend name override (e.g. to keep the names of an existing deployment). */
  backend?: string;
  /** Stream idle timeout of the route rule (Envoy AI Gateway v1.1.0 and later). */
  streamIdleTimeout?: Duration;
}

export interface FamilyPolicy {
  defaultTimeout: Duration;
  minTimeout: Duration;
  bodyMutation?: BodyMutation;
}

export interface RetryPolicy {
  /** Attempts after the first; default 2. */
  numRetries?: number;
  /**
   * Envoy `per_try_timeout`: caps EVERY attempt, the first included. Leave unset unless you know
   * why; when set it must be at least the longest route timeout.
   */
  perTryTimeout?: Duration;
}

/** The Gateway that serves the OpenAI-compatible endpoint. */
export interface AiGatewaySettings {
  /** Default "envoy-ai". */
  name?: string;
  /** Default "network". */
  namespace?: string;
  /** Default "envoy". */
  className?: string;
  /** Load-balancer IP (Cilium LB IPAM `lbipam.cilium.io/ips`). */
  address: string;
  /** Public hostname, e.g. "llms.example.com". */
  hostname: string;
  /** TLS Secrets (in the Gateway's namespace) for the HTTPS listener. */
  certificateSecrets: string[];
  /** AIGatewayRoute `spec.hostnames` (Envoy AI Gateway v1.1.0 and later). */
  routeHostnames?: string[];
  /** Default "50Mi" (client and backend buffers). */
  bufferLimit?: string;
  /** Gateway-wide retry; default 2 retries on connect failure and 502/503/504, no per-try timeout. */
  retry?: RetryPolicy;
}

/** An OCI Helm chart reference; only exact release tags are accepted. */
export interface ChartPin {
  url?: string;
  version?: string;
}

export interface AiGatewayInput {
  /** Namespace of the Backends, AIServiceBackends, policies, routes and Secrets; default "ai-system". */
  namespace?: string;
  gateway: AiGatewaySettings;
  providers: AzureOpenAIProvider[];
  models: ModelEntry[];
  /** Overrides of the built-in family policies (merged per field). */
  families?: Partial<Record<ModelFamily, Partial<FamilyPolicy>>>;
  /** Chart overrides; default the selected release's charts. */
  charts?: { crds?: ChartPin; controller?: ChartPin };
}
