import { describe, expect, it } from "vitest";
import {
  type AiGatewayInput,
  type AiGatewayRelease,
  buildAiGateway,
  formatAiGatewayIssues,
  type ModelEntry,
} from "../src/index.js";
import { smallInput } from "./fixtures.js";

function errorsOf(input: AiGatewayInput, release?: AiGatewayRelease): string {
  const result = buildAiGateway(input, release ? { release } : {});
  if (result.ok) throw new Error("expected the catalog to be rejected");
  return formatAiGatewayIssues(result.errors);
}

const chat = (name: string, extra: Partial<ModelEntry> = {}): ModelEntry => ({
  name,
  provider: "west",
  family: "chat",
  apiVersion: "2025-01-01-preview",
  ...extra,
});

describe("the small catalog", () => {
  it("builds on both releases", () => {
    for (const release of ["v1.1.0", "v0.5.0"] as const) {
      const result = buildAiGateway(smallInput(), { release });
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
  });
});

describe("AGR-UNIQ: model names are unique per Gateway", () => {
  it("rejects one model served by two providers", () => {
    const input = smallInput();
    input.providers.push({ name: "east", resourceName: "acme-east", auth: { type: "AzureAPIKey", apiKey: "k2" } });
    input.models.push(chat("gpt-4o", { provider: "east" }));
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"models[3].name  model "gpt-4o" defined for providers "west" and "east": x-ai-eg-model header matches must be unique per Gateway (Gateway API would silently pick the oldest route). Rename one (and set deployment to the Azure name). [AGR-UNIQ]"`,
    );
  });

  it("rejects a model listed twice for the same provider", () => {
    const input = smallInput();
    input.models.push(chat("gpt-4o", { timeout: "200s" }));
    expect(errorsOf(input)).toContain('model "gpt-4o" is defined twice for provider "west" (models[0] and models[3])');
  });
});

describe("AGR-REF: every reference resolves", () => {
  it("rejects a model whose provider does not exist", () => {
    const input = smallInput();
    input.models.push(chat("gpt-4.1", { provider: "westus" }));
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"models[3].provider  model "gpt-4.1" names provider "westus", which is not defined. Use one of: west. [AGR-REF]"`,
    );
  });

  it("rejects Entra ID auth without a client secret instead of emitting a dangling Secret reference", () => {
    const input = smallInput();
    input.providers[0] = {
      name: "west",
      resourceName: "acme-west",
      auth: { type: "AzureCredentials", tenantId: "t", clientId: "c", clientSecret: "" },
    };
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"providers[0].auth.clientSecret  provider "west" authenticates with Entra ID but clientSecret is empty; the Secret "west-credentials" the BackendSecurityPolicy references would never be created. Set it. [AGR-REF]"`,
    );
  });

  it("rejects a gateway without a certificate Secret", () => {
    const input = smallInput();
    input.gateway.certificateSecrets = [];
    expect(errorsOf(input)).toContain("gateway.certificateSecrets  the HTTPS listener needs at least one TLS certificate Secret");
  });
});

describe("AGR-BSP: one security policy per backend", () => {
  it("rejects an AIServiceBackend name shared by two providers", () => {
    const input = smallInput();
    input.providers.push({ name: "east", resourceName: "acme-east", auth: { type: "AzureAPIKey", apiKey: "k2" } });
    input.models[0] = chat("gpt-4o", { backend: "shared-chat" });
    input.models.push(chat("gpt-4.1", { provider: "east", backend: "shared-chat" }));
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"models[3].backend  AIServiceBackend "shared-chat" would be targeted by the security policies of providers "west" (model "gpt-4o") and "east" (model "gpt-4.1"): attaching multiple BackendSecurityPolicies to the same AIServiceBackend is invalid. Give each provider's models their own backend name. [AGR-BSP]"`,
    );
  });

  it("emits exactly one BackendSecurityPolicy per AIServiceBackend", () => {
    const result = buildAiGateway(smallInput());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const docs = (result.contribution.apps ?? []).flatMap((a) => a.files.flatMap((f) => f.documents)) as Array<{
      kind: string;
      metadata: { name: string };
      spec: { targetRefs?: Array<{ name: string }> };
    }>;
    const backends = docs.filter((d) => d.kind === "AIServiceBackend").map((d) => d.metadata.name);
    const targets = docs.filter((d) => d.kind === "BackendSecurityPolicy").flatMap((d) => d.spec.targetRefs?.map((t) => t.name));
    expect(targets.sort()).toEqual(backends.sort());
  });
});

describe("AGR-TLS: the TLS hostname is the backend FQDN or one of its SANs", () => {
  it("rejects the reference's cognitiveservices/openai mismatch", () => {
    const input = smallInput();
    input.providers[0] = { ...input.providers[0]!, tls: { hostname: "acme-west.cognitiveservices.azure.com" } };
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"providers[0].tls.hostname  provider "west": TLS hostname "acme-west.cognitiveservices.azure.com" ≠ backend FQDN "acme-west.openai.azure.com" (SNI/cert validation will use the TLS hostname). Remove tls.hostname, or list it in tls.subjectAltNames if the backend certificate carries it. [AGR-TLS]"`,
    );
  });

  it("accepts a TLS hostname listed among the subject alternative names", () => {
    const input = smallInput();
    const host = "acme-west.cognitiveservices.azure.com";
    input.providers[0] = { ...input.providers[0]!, tls: { hostname: host, subjectAltNames: [host] } };
    expect(buildAiGateway(input).ok).toBe(true);
  });
});

describe("AGR-TMO: timeouts", () => {
  it("rejects a malformed timeout", () => {
    const input = smallInput();
    input.models[0] = chat("gpt-4o", { timeout: "2 minutes" });
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"models[0].timeout  timeout "2 minutes" is not a Gateway API duration. Write one to four number+unit pairs (h, m, s, ms) such as "300s" or "2m30s". [AGR-TMO]"`,
    );
  });

  it("rejects a timeout below the family minimum", () => {
    const input = smallInput();
    input.models[1] = { ...input.models[1]!, timeout: "120s" };
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"models[1].timeout  model "o3-mini": timeout 120s is below the reasoning minimum 300s; requests would be cut off. Use at least 300s, or lower families.reasoning.minTimeout. [AGR-TMO]"`,
    );
  });

  it("rejects the reference's 30s per-try timeout that cuts off 300s reasoning calls", () => {
    const input = smallInput();
    input.gateway.retry = { numRetries: 2, perTryTimeout: "30s" };
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"gateway.retry.perTryTimeout  perTryTimeout 30s would abort reasoning requests (timeout 300s) on every attempt. Remove perTryTimeout or raise it to at least 300s. [AGR-TMO]"`,
    );
  });

  it("accepts a per-try timeout at least as long as every route timeout, and emits it", () => {
    const input = smallInput();
    input.gateway.retry = { perTryTimeout: "5m" };
    const result = buildAiGateway(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(JSON.stringify(result.contribution)).toContain('"timeout":"5m"');
  });

  it("lets a family policy lower the minimum", () => {
    const input = smallInput({ families: { reasoning: { minTimeout: "60s" } } });
    input.models[1] = { ...input.models[1]!, timeout: "120s" };
    expect(buildAiGateway(input).ok).toBe(true);
  });
});

describe("AGR-VER: version-gated fields only on releases that have them", () => {
  it("rejects streamIdleTimeout on v0.5.0 and accepts it on v1.1.0", () => {
    const input = smallInput();
    input.models[0] = chat("gpt-4o", { streamIdleTimeout: "30s" });
    expect(errorsOf(input, "v0.5.0")).toMatchInlineSnapshot(
      `"models[0].streamIdleTimeout  rules[].streamIdleTimeout exists from Envoy AI Gateway v1.1.0; release v0.5.0 rejects it. Remove it or select release v1.1.0. [AGR-VER]"`,
    );
    expect(buildAiGateway(input, { release: "v1.1.0" }).ok).toBe(true);
  });

  it("rejects route hostnames on v0.5.0", () => {
    const input = smallInput();
    input.gateway.routeHostnames = ["llms.lab.test"];
    expect(errorsOf(input, "v0.5.0")).toContain("gateway.routeHostnames  AIGatewayRoute spec.hostnames exists from Envoy AI Gateway v0.7.0");
  });

  it("rejects body mutations that are not top-level JSON", () => {
    const input = smallInput();
    input.models[0] = chat("gpt-4o", { bodyMutation: { set: [{ path: "reasoning.effort", value: "low" }] } });
    expect(errorsOf(input)).toMatchInlineSnapshot(`
      "models[0].bodyMutation.set[0].path  body mutation path "reasoning.effort" is not a top-level field; Envoy AI Gateway only sets top-level JSON fields. Use a field name such as "temperature". [AGR-VER]
      models[0].bodyMutation.set[0].value  body mutation value for "reasoning.effort" is not JSON text; the gateway inserts it verbatim. Write numbers as "1" and strings quoted, e.g. "\\"low\\"". [AGR-VER]"
    `);
  });

  it("rejects an unsupported release", () => {
    expect(errorsOf(smallInput(), "v0.4.0" as AiGatewayRelease)).toContain(
      'Envoy AI Gateway release "v0.4.0" is not supported. Use one of: v1.1.0, v0.5.0.',
    );
  });
});

describe("AGR-LIMITS: CRD list limits from the schemas", () => {
  it("rejects more body fields than the CRD allows", () => {
    const input = smallInput();
    const remove = Array.from({ length: 17 }, (_, i) => `field_${i}`);
    input.models[0] = chat("gpt-4o", { bodyMutation: { remove } });
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"models[0].bodyMutation.remove  17 body fields to remove; the AIGatewayRoute CRD of Envoy AI Gateway v1.1.0 allows at most 16. Drop some. [AGR-LIMITS]"`,
    );
  });

  it("splits a provider's rules over several AIGatewayRoutes above v1.1.0's 15-rule limit, not on v0.5.0", () => {
    const input = smallInput();
    // 20 distinct timeouts → 20 rules.
    input.models = Array.from({ length: 20 }, (_, i) => chat(`model-${i}`, { timeout: `${121 + i}s` }));
    const routeCount = (release: AiGatewayRelease): number[] => {
      const result = buildAiGateway(input, { release });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return (result.contribution.apps ?? [])
        .flatMap((a) => a.files.flatMap((f) => f.documents))
        .filter((d) => d.kind === "AIGatewayRoute")
        .map((d) => (d as { spec: { rules: unknown[] } }).spec.rules.length);
    };
    expect(routeCount("v1.1.0")).toEqual([15, 5]);
    expect(routeCount("v0.5.0")).toEqual([20]);
  });

  it("splits more than 128 models of one backend over several rules", () => {
    const input = smallInput();
    input.models = Array.from({ length: 130 }, (_, i) => chat(`model-${i}`));
    const result = buildAiGateway(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const route = (result.contribution.apps ?? [])
      .flatMap((a) => a.files.flatMap((f) => f.documents))
      .find((d) => d.kind === "AIGatewayRoute") as { spec: { rules: Array<{ matches: unknown[] }> } };
    expect(route.spec.rules.map((r) => r.matches.length)).toEqual([128, 2]);
  });
});

describe("AGR-NAMES: DNS-1123 names", () => {
  it("rejects a provider name that is not a DNS label", () => {
    const input = smallInput();
    input.providers[0] = { ...input.providers[0]!, name: "West_US" };
    input.models = input.models.map((m) => ({ ...m, provider: "West_US" }));
    expect(errorsOf(input)).toContain(
      'providers[0].name  provider name "West_US" must be a DNS-1123 label of at most 29 characters',
    );
  });

  it("rejects a provider name whose derived object names would exceed 63 characters", () => {
    const input = smallInput();
    const name = "azure-openai-sweden-central-production";
    input.providers[0] = { ...input.providers[0]!, name };
    input.models = input.models.map((m) => ({ ...m, provider: name }));
    expect(errorsOf(input)).toContain(`provider name "${name}" must be a DNS-1123 label of at most 29 characters`);
  });

  it("rejects a backend name that is not a DNS label", () => {
    const input = smallInput();
    input.models[0] = chat("gpt-4o", { backend: "Chat.Backend" });
    expect(errorsOf(input)).toContain('models[0].backend  backend name "Chat.Backend" is not a DNS-1123 label');
  });
});

describe("AGR-API: api-versions", () => {
  it("rejects a missing api-version", () => {
    const input = smallInput();
    input.models[0] = chat("gpt-4o", { apiVersion: "" });
    expect(errorsOf(input)).toContain('models[0].apiVersion  model "gpt-4o": "" is not an Azure OpenAI api-version');
  });

  it("rejects two api-versions on one named AIServiceBackend", () => {
    const input = smallInput();
    input.models = [
      chat("a", { backend: "west-chat" }),
      chat("b", { backend: "west-chat", apiVersion: "2025-04-01-preview" }),
    ];
    expect(errorsOf(input)).toContain('AIServiceBackend "west-chat" gets api-version "2025-01-01-preview" from model "a" and "2025-04-01-preview" from model "b"');
  });

  it("gives each api-version of a family its own AIServiceBackend", () => {
    const input = smallInput();
    input.models = [chat("a"), chat("b", { apiVersion: "2025-04-01-preview" })];
    const result = buildAiGateway(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const names = (result.contribution.apps ?? [])
      .flatMap((a) => a.files.flatMap((f) => f.documents))
      .filter((d) => d.kind === "AIServiceBackend")
      .map((d) => (d as { metadata: { name: string } }).metadata.name);
    expect(names).toEqual(["west-chat-2025-01-01-preview", "west-chat-2025-04-01-preview"]);
  });
});

describe("AGR-PIN: no floating chart tags", () => {
  it.each(["v0.0.0-latest", "latest", "v2.2.0-main", ">=1.0.0"])("rejects %s", (tag) => {
    const input = smallInput({ charts: { controller: { version: tag } } });
    expect(errorsOf(input)).toContain(`charts.controller.version  chart tag "${tag}"`);
  });

  it("shows the reference's tag with the fix", () => {
    const input = smallInput({ charts: { crds: { version: "v0.0.0-latest" } } });
    expect(errorsOf(input)).toMatchInlineSnapshot(
      `"charts.crds.version  chart tag "v0.0.0-latest" floats with upstream main; pin a release such as "v1.1.0" (CRD schema drift broke the reference deployment). [AGR-PIN]"`,
    );
  });

  it("accepts an exact patch release", () => {
    expect(buildAiGateway(smallInput({ charts: { controller: { version: "v1.1.1" } } })).ok).toBe(true);
  });
});

describe("errors never contain secret values", () => {
  it("reports a broken catalog without printing the API key", () => {
    const input = smallInput();
    input.providers[0] = { ...input.providers[0]!, tls: { hostname: "x.example.com" } };
    input.models[0] = chat("gpt-4o", { timeout: "1s" });
    expect(errorsOf(input)).not.toContain("west-key-secret");
  });
});

describe("AGR-VER: the Envoy Gateway release the tree deploys", () => {
  it("rejects AI Gateway v1.1.0 on Envoy Gateway v1.6.1 and accepts v0.5.0 there", () => {
    const result = buildAiGateway(smallInput(), { release: "v1.1.0", envoyGatewayVersion: "v1.6.1" });
    if (result.ok) throw new Error("expected an error");
    expect(formatAiGatewayIssues(result.errors)).toMatchInlineSnapshot(
      `"release  Envoy AI Gateway v1.1.0 needs Envoy Gateway v1.8.1 or later (its extension hooks and CRDs are built on v1.8.1), but the tree deploys Envoy Gateway v1.6.1. Upgrade Envoy Gateway, or select an AI Gateway release that supports it (v0.5.0 runs on Envoy Gateway v1.6). [AGR-VER]"`,
    );
    expect(buildAiGateway(smallInput(), { release: "v0.5.0", envoyGatewayVersion: "v1.6.1" }).ok).toBe(true);
    expect(buildAiGateway(smallInput(), { release: "v1.1.0", envoyGatewayVersion: "v1.9.0" }).ok).toBe(true);
  });
});

describe("release selection from the Envoy Gateway release", () => {
  it("picks v0.5.0 with a warning when no release is asked for and the tree runs Envoy Gateway v1.6.1", () => {
    const result = buildAiGateway(smallInput(), { envoyGatewayVersion: "v1.6.1" });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.release).toBe("v0.5.0");
    expect(formatAiGatewayIssues(result.warnings)).toContain(
      "release  the tree deploys Envoy Gateway v1.6.1, which runs Envoy AI Gateway up to v0.5.0; emitting v0.5.0. Upgrade Envoy Gateway to v1.8.1 or later for v1.1.0. [AGR-VER]",
    );
    expect(JSON.stringify(result.contribution)).toContain("aigateway.envoyproxy.io/v1alpha1");
  });

  it("keeps the current stable release on Envoy Gateway v1.8.1", () => {
    const result = buildAiGateway(smallInput(), { envoyGatewayVersion: "v1.8.1" });
    expect(result.ok && result.release).toBe("v1.1.0");
    expect(result.warnings).toEqual([]);
  });
});

describe("a provider without models", () => {
  it("is skipped with a warning instead of emitting an app without routes", () => {
    const input = smallInput();
    input.providers.push({ name: "spare", resourceName: "acme-spare", auth: { type: "AzureAPIKey", apiKey: "k3" } });
    const result = buildAiGateway(input);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect((result.contribution.apps ?? []).map((a) => a.name)).not.toContain("spare");
    expect(formatAiGatewayIssues(result.warnings)).toBe(
      'providers[1]  provider "spare" serves no model of the catalog, so nothing is emitted for it. Add models with provider "spare" or remove the provider. [AGR-REF]',
    );
  });
});

describe("input from JavaScript", () => {
  it("reports a malformed input instead of throwing", () => {
    expect(errorsOf({ gateway: smallInput().gateway } as unknown as AiGatewayInput)).toBe(
      "providers  the input needs a gateway object, providers and models arrays of objects, and an auth object on every provider (see AiGatewayInput). [AGR-REF]",
    );
  });

  it.each([
    ["gateway", (i: AiGatewayInput) => Object.assign(i, { gateway: null })],
    ["providers[0]", (i: AiGatewayInput) => i.providers.splice(0, 1, null as never)],
    ["providers[0].auth", (i: AiGatewayInput) => Object.assign(i.providers[0]!, { auth: null })],
    ["models[2]", (i: AiGatewayInput) => i.models.splice(2, 1, null as never)],
  ])("names %s when it is null", (path, breakIt) => {
    const input = smallInput();
    breakIt(input);
    expect(errorsOf(input).split("  ")[0]).toBe(path);
  });
});
