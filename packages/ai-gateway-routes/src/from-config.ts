import type { ResolvedConfig } from "@talos-cluster/config-schema";
import { defaultModelCatalog } from "./default-catalog.js";
import type { AiGatewayIssue } from "./issues.js";
import type { AiGatewayInput, AzureOpenAIProvider, ProviderAuth } from "./types.js";

/** The cluster.yaml keys this package reads. */
export type AiGatewayConfigKeys = Pick<
  ResolvedConfig,
  | "envoy_ai_gateway_enabled"
  | "envoy_ai_gateway_addr"
  | "azure_openai_us_east_api_key"
  | "azure_openai_us_east_resource_name"
  | "azure_openai_us_east2_api_key"
  | "azure_openai_us_east2_resource_name"
  | "azure_tenant_id"
  | "azure_client_id"
  | "azure_client_secret"
  | "primary_domain"
  | "cloudflare_domains"
>;

export type AiGatewayInputResult =
  | { ok: true; /** undefined when `envoy_ai_gateway_enabled` is false. */ input: AiGatewayInput | undefined }
  | { ok: false; errors: AiGatewayIssue[] };

const REGIONS = [
  { key: "us_east", provider: "azure-openai-us-east", catalog: "usEast" },
  { key: "us_east2", provider: "azure-openai-us-east2", catalog: "usEast2" },
] as const;

/** `example.com` → `example-com-production-tls`, the certificate Secret flux-apps' envoy-gateway app creates. */
export function productionTlsSecretName(domain: string): string {
  return `${domain.replaceAll(".", "-")}-production-tls`;
}

/**
 * The generator input the reference derives from cluster.yaml: gateway `envoy-ai` on
 * `envoy_ai_gateway_addr` at `llms.<primary_domain>`, one provider per Azure region whose key or
 * Entra ID credentials are set, and the built-in 18-model catalog for those regions.
 * Entra ID (`AzureCredentials`) is used when tenant, client id AND client secret are set.
 */
export function aiGatewayInputFromConfig(config: AiGatewayConfigKeys): AiGatewayInputResult {
  if (!config.envoy_ai_gateway_enabled) return { ok: true, input: undefined };
  const errors: AiGatewayIssue[] = [];
  const issue = (path: string, message: string): void => {
    errors.push({ code: "AGR-CONFIG", path, message });
  };

  if (!config.envoy_ai_gateway_addr) {
    issue(
      "envoy_ai_gateway_addr",
      "envoy_ai_gateway_enabled is true but the gateway has no load-balancer address. Set envoy_ai_gateway_addr to a free IP in node_cidr.",
    );
  }

  const tenant = config.azure_tenant_id ?? "";
  const client = config.azure_client_id ?? "";
  const secret = config.azure_client_secret ?? "";
  const entraKeys = [tenant, client, secret].filter((v) => v !== "").length;
  const entra = entraKeys === 3;
  if (entraKeys > 0 && !entra) {
    const missing = [
      ["azure_tenant_id", tenant],
      ["azure_client_id", client],
      ["azure_client_secret", secret],
    ]
      .filter(([, v]) => v === "")
      .map(([k]) => k as string);
    issue(
      missing[0] as string,
      `Entra ID authentication needs azure_tenant_id, azure_client_id and azure_client_secret; ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set. Set ${missing.length > 1 ? "them" : "it"}, or remove the others to authenticate with the regions' API keys.`,
    );
  }

  const providers: AzureOpenAIProvider[] = [];
  const catalogProviders: { usEast?: string; usEast2?: string } = {};
  for (const region of REGIONS) {
    const apiKey = config[`azure_openai_${region.key}_api_key`] ?? "";
    const resource = config[`azure_openai_${region.key}_resource_name`] ?? "";
    const enabled = apiKey !== "" || (entra && resource !== "");
    if (!enabled) continue;
    if (resource === "") {
      issue(
        `azure_openai_${region.key}_resource_name`,
        `azure_openai_${region.key}_api_key is set but the Azure OpenAI resource name is not. Set azure_openai_${region.key}_resource_name to the resource name (the "<name>" of <name>.openai.azure.com).`,
      );
      continue;
    }
    const auth: ProviderAuth = entra
      ? { type: "AzureCredentials", tenantId: tenant, clientId: client, clientSecret: secret }
      : { type: "AzureAPIKey", apiKey };
    providers.push({ name: region.provider, resourceName: resource, auth });
    catalogProviders[region.catalog] = region.provider;
  }
  if (providers.length === 0 && errors.length === 0) {
    issue(
      "azure_openai_us_east_api_key",
      "envoy_ai_gateway_enabled is true but no Azure OpenAI region is configured. Set azure_openai_us_east_api_key and azure_openai_us_east_resource_name (and/or the us_east2 pair), or set envoy_ai_gateway_enabled to false.",
    );
  }
  if (errors.length > 0) return { ok: false, errors };

  return {
    ok: true,
    input: {
      gateway: {
        address: config.envoy_ai_gateway_addr as string,
        hostname: `llms.${config.primary_domain}`,
        certificateSecrets: config.cloudflare_domains.map(productionTlsSecretName),
      },
      providers,
      models: defaultModelCatalog(catalogProviders),
    },
  };
}
