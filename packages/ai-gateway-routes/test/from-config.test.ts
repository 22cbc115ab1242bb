import { describe, expect, it } from "vitest";
import { aiGatewayInputFromConfig, buildAiGatewayFromConfig, formatAiGatewayIssues } from "../src/index.js";
import { CLIENT_SECRET, EAST_KEY, entraConfig, resolvedConfig } from "./fixtures.js";

function errorsOf(result: ReturnType<typeof aiGatewayInputFromConfig>): string {
  if (result.ok) throw new Error("expected errors");
  return formatAiGatewayIssues(result.errors, "cluster.yaml");
}

describe("aiGatewayInputFromConfig", () => {
  it("contributes nothing when the AI gateway is disabled", () => {
    const config = resolvedConfig({ envoy_ai_gateway_enabled: false });
    expect(aiGatewayInputFromConfig(config)).toEqual({ ok: true, input: undefined });
    expect(buildAiGatewayFromConfig(config)).toEqual({ ok: true, contribution: {}, warnings: [], release: "v1.1.0" });
  });

  it("builds the reference's gateway: envoy-ai at llms.<primary_domain>, both regions, 18 models", () => {
    const result = aiGatewayInputFromConfig(resolvedConfig());
    if (!result.ok || !result.input) throw new Error("expected input");
    const { gateway, providers, models } = result.input;
    expect(gateway).toEqual({
      address: "10.10.0.30",
      hostname: "llms.example.com",
      certificateSecrets: ["example-com-production-tls", "example-org-production-tls"],
    });
    expect(providers.map((p) => [p.name, p.resourceName, p.auth.type])).toEqual([
      ["azure-openai-us-east", "contoso-east", "AzureAPIKey"],
      ["azure-openai-us-east2", "contoso-east2", "AzureAPIKey"],
    ]);
    expect(models).toHaveLength(18);
    expect(models.filter((m) => m.provider === "azure-openai-us-east")).toHaveLength(7);
  });

  it("serves only the regions whose key is set", () => {
    const result = aiGatewayInputFromConfig(
      resolvedConfig({ azure_openai_us_east2_api_key: "", azure_openai_us_east2_resource_name: "" }),
    );
    if (!result.ok || !result.input) throw new Error("expected input");
    expect(result.input.providers.map((p) => p.name)).toEqual(["azure-openai-us-east"]);
    expect(result.input.models.map((m) => m.name)).toEqual([
      "gpt-4.1", "gpt-4.1-nano", "gpt-4o-mini", "o3", "o4-mini", "text-embedding-3-small", "text-embedding-ada-002",
    ]);
  });

  it("uses Entra ID for every region when tenant, client id and client secret are set", () => {
    const result = aiGatewayInputFromConfig(entraConfig());
    if (!result.ok || !result.input) throw new Error("expected input");
    expect(result.input.providers.map((p) => p.auth)).toEqual([
      { type: "AzureCredentials", tenantId: "11111111-2222-3333-4444-555555555555", clientId: "66666666-7777-8888-9999-000000000000", clientSecret: CLIENT_SECRET },
      { type: "AzureCredentials", tenantId: "11111111-2222-3333-4444-555555555555", clientId: "66666666-7777-8888-9999-000000000000", clientSecret: CLIENT_SECRET },
    ]);
  });

  it("rejects Entra ID ids without a client secret (the reference's dangling Secret reference)", () => {
    const config = resolvedConfig({ azure_tenant_id: "t", azure_client_id: "c" });
    expect(errorsOf(aiGatewayInputFromConfig(config))).toMatchInlineSnapshot(
      `"cluster.yaml  azure_client_secret  Entra ID authentication needs azure_tenant_id, azure_client_id and azure_client_secret; azure_client_secret is not set. Set it, or remove the others to authenticate with the regions' API keys. [AGR-CONFIG]"`,
    );
  });

  it("rejects an enabled gateway without an address or a region", () => {
    const config = resolvedConfig({
      envoy_ai_gateway_addr: undefined,
      azure_openai_us_east_api_key: "",
      azure_openai_us_east2_api_key: "",
    });
    expect(errorsOf(aiGatewayInputFromConfig(config))).toMatchInlineSnapshot(
      `"cluster.yaml  envoy_ai_gateway_addr  envoy_ai_gateway_enabled is true but the gateway has no load-balancer address. Set envoy_ai_gateway_addr to a free IP in node_cidr. [AGR-CONFIG]"`,
    );
    expect(errorsOf(aiGatewayInputFromConfig(resolvedConfig({ azure_openai_us_east_api_key: "", azure_openai_us_east2_api_key: "" })))).toContain(
      "no Azure OpenAI region is configured",
    );
  });

  it("rejects a region key without its resource name, without printing the key", () => {
    const text = errorsOf(aiGatewayInputFromConfig(resolvedConfig({ azure_openai_us_east_resource_name: "" })));
    expect(text).toContain("cluster.yaml  azure_openai_us_east_resource_name  azure_openai_us_east_api_key is set but the Azure OpenAI resource name is not.");
    expect(text).not.toContain(EAST_KEY);
  });
});
