import { describe, expect, it } from "vitest";
import type { ResolvedConfig } from "@talos-cluster/config-schema";
import { buildAiGatewayFromConfig } from "../src/index.js";
import { CLIENT_SECRET, EAST2_KEY, EAST_KEY, entraConfig, resolvedConfig } from "./fixtures.js";
import { contributionFiles, renderContribution } from "./render.js";

const variants: Array<[string, () => ResolvedConfig]> = [
  ["api-key", () => resolvedConfig()],
  ["entra-id", () => entraConfig()],
];

describe.each(["v1.1.0", "v0.5.0"] as const)("default catalog at Envoy AI Gateway %s", (release) => {
  it.each(variants)("%s variant matches its golden file and renders byte-identically twice", async (variant, config) => {
    const first = buildAiGatewayFromConfig(config(), { release });
    const second = buildAiGatewayFromConfig(config(), { release });
    if (!first.ok || !second.ok) throw new Error(JSON.stringify(first));
    const text = renderContribution(first.contribution);
    expect(renderContribution(second.contribution)).toBe(text);
    await expect(text).toMatchFileSnapshot(`golden/${release}/${variant}.yaml`);
  });

  it.each(variants)("%s variant keeps credentials only in *.sops.yaml files", (_variant, config) => {
    const result = buildAiGatewayFromConfig(config(), { release });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const secrets = result.contribution.secretValues ?? [];
    expect(secrets.length).toBeGreaterThan(0);
    for (const [path, text] of contributionFiles(result.contribution)) {
      for (const secret of [EAST_KEY, EAST2_KEY, CLIENT_SECRET]) {
        if (!path.endsWith(".sops.yaml")) expect(text, path).not.toContain(secret);
      }
    }
    const values = JSON.stringify(result.contribution.helmValues);
    for (const s of secrets) expect(values).not.toContain(s);
  });
});

describe("default catalog contents", () => {
  it("routes the reference's 18 models, each by exactly one exact x-ai-eg-model match", () => {
    const result = buildAiGatewayFromConfig(resolvedConfig());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const routes = (result.contribution.apps ?? [])
      .flatMap((a) => a.files.flatMap((f) => f.documents))
      .filter((d) => d.kind === "AIGatewayRoute") as Array<{ spec: { rules: Array<{ matches: Array<{ headers: Array<{ type: string; name: string; value: string }> }> }> } }>;
    const headers = routes.flatMap((r) => r.spec.rules.flatMap((rule) => rule.matches.flatMap((m) => m.headers)));
    expect(headers.every((h) => h.type === "Exact" && h.name === "x-ai-eg-model")).toBe(true);
    // AIServiceBackend references carry no group/kind: the CRD's CEL rule reserves them for InferencePool.
    const refs = routes.flatMap((r) => r.spec.rules.flatMap((rule) => (rule as unknown as { backendRefs: object[] }).backendRefs));
    expect(refs.every((ref) => !("group" in ref) && !("kind" in ref))).toBe(true);
    expect(headers.map((h) => h.value).sort()).toEqual(
      [
        "gpt-4.1", "gpt-4.1-nano", "gpt-4o-mini", "o3", "o4-mini", "text-embedding-3-small", "text-embedding-ada-002",
        "gpt-5", "gpt-5-nano", "gpt-5-chat", "gpt-5.1-chat", "gpt-5-mini", "gpt-5.1", "gpt-5.1-codex",
        "gpt-5.1-codex-mini", "gpt-audio", "gpt-audio-mini", "text-embedding-3-large",
      ].sort(),
    );
  });

  it("pins both charts to the selected release, never a floating tag", () => {
    for (const release of ["v1.1.0", "v0.5.0"] as const) {
      const result = buildAiGatewayFromConfig(resolvedConfig(), { release });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const tags = (result.contribution.apps ?? [])
        .flatMap((a) => a.files.flatMap((f) => f.documents))
        .filter((d) => d.kind === "OCIRepository")
        .map((d) => (d as { spec: { ref: { tag: string } } }).spec.ref.tag);
      expect(tags).toEqual([release, release]);
    }
  });

  it("emits the Entra ID credentials Secret that every AzureCredentials policy references", () => {
    const result = buildAiGatewayFromConfig(entraConfig());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const files = contributionFiles(result.contribution);
    const east = files.get("ai-system/azure-openai-us-east/app/secret.sops.yaml") ?? "";
    expect(east).toContain("name: azure-openai-us-east-credentials");
    expect(east).toContain(`client-secret: ${CLIENT_SECRET}`);
    expect(files.get("ai-system/azure-openai-us-east/app/backendsecuritypolicy.yaml")).toContain(
      "clientSecretRef:\n      name: azure-openai-us-east-credentials",
    );
  });

  // The exact values are in the golden files ("values merged into HelmRelease …").
  it("points the Envoy Gateway HelmRelease it is given at the emitted controller's extension server", () => {
    const result = buildAiGatewayFromConfig(resolvedConfig(), { envoyGateway: { name: "eg", namespace: "edge" } });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const [values, ...more] = result.contribution.helmValues ?? [];
    expect(more).toEqual([]);
    expect(values).toMatchObject({ namespace: "edge", name: "eg" });
    const controller = (result.contribution.apps ?? []).find((a) => a.name === "ai-gateway");
    const manager = (values?.values as { config: { envoyGateway: { extensionManager: { service: { fqdn: { hostname: string } } } } } })
      .config.envoyGateway.extensionManager;
    expect(manager.service.fqdn.hostname).toBe(`ai-gateway-controller.${controller?.namespace}.svc.cluster.local`);
  });
});
