import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildFluxTree, CHARTS, type CompiledValidator as FluxCompiledValidator } from "@talos-cluster/flux-apps";
import { describe, expect, it } from "vitest";
import {
  type AiGatewayRelease,
  buildAiGatewayFromConfig,
  contributionSchemas,
  contributionValidators,
  validateObject,
} from "../src/index.js";
import { resolvedConfig } from "./fixtures.js";

const releases: AiGatewayRelease[] = ["v1.1.0", "v0.5.0"];

describe("validators compiled at build time (dist/validators)", () => {
  it("are current: the generator finds nothing to regenerate", () => {
    const generator = fileURLToPath(new URL("../tools/generate-validators.mjs", import.meta.url));
    // Exits 1 (and execFileSync throws) when a schema, the generator or ajv changed since the build.
    expect(() => execFileSync(process.execPath, [generator, "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("keep schema messages: formats, length in code points, enum, additional properties", () => {
    const backend = (name: string) => ({
      apiVersion: "aigateway.envoyproxy.io/v1beta1",
      kind: "AIServiceBackend",
      metadata: { name: "b", namespace: "ai-system" },
      spec: { schema: { name: "AzureOpenAI" }, backendRef: { name, kind: "Backend", group: "gateway.envoyproxy.io" } },
    });
    // maxLength counts code points: 253 emoji are 253 characters (506 UTF-16 units).
    expect(validateObject("v1.1.0", backend("😀".repeat(253)))).toEqual([]);
    expect(validateObject("v1.1.0", backend("😀".repeat(254)))).toMatchInlineSnapshot(`
      [
        "/spec/backendRef/name must NOT have more than 253 characters",
      ]
    `);
    const secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "a", namespace: "ai-system", generation: 2 ** 63, labels: { a: 1 } },
      data: { k: "not base64!" },
    };
    expect(validateObject("v1.1.0", secret)).toMatchInlineSnapshot(`
      [
        "/data/k must match format "byte"",
        "/metadata/generation must match format "int64"",
        "/metadata/labels/a must be string,null",
      ]
    `);
    // A CRD kind leaves metadata to ObjectMeta: the same problems, once each.
    expect(validateObject("v1.1.0", { ...backend("b"), metadata: secret.metadata })).toEqual([
      "/metadata/generation must match format \"int64\"",
      "/metadata/labels/a must be string,null",
    ]);
    const route = {
      apiVersion: "aigateway.envoyproxy.io/v1beta1",
      kind: "AIGatewayRoute",
      metadata: { name: "r", namespace: "ai-system" },
      spec: { rules: [{ backendRefs: [{ name: "b", kindd: "x" }] }], llmRequestCosts: [{ metadataKey: "k", type: "Tokenz" }] },
    };
    expect(validateObject("v1.1.0", route)).toMatchInlineSnapshot(`
      [
        "/spec/llmRequestCosts/0/type must be equal to one of the allowed values (["OutputToken","InputToken","CachedInputToken","CacheCreationInputToken","TotalToken","ReasoningToken","CEL"])",
        "/spec/rules/0/backendRefs/0 must NOT have additional properties (kindd)",
      ]
    `);
  });
});

describe.each(releases)("contributionValidators(%s)", (release) => {
  it("cover the same kinds as contributionSchemas and accept every emitted object", () => {
    const validators = contributionValidators(release);
    expect(Object.keys(validators).sort()).toEqual(Object.keys(contributionSchemas(release)).sort());
    const result = buildAiGatewayFromConfig(resolvedConfig(), { release });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const docs = (result.contribution.apps ?? []).flatMap((a) => a.files.flatMap((f) => f.documents));
    for (const doc of docs) {
      const validate = validators[`${String(doc.apiVersion)} ${String(doc.kind)}`];
      expect(validate, `${String(doc.kind)} has a validator`).toBeTypeOf("function");
      expect(validate?.(JSON.parse(JSON.stringify(doc))), String(doc.kind)).toBe(true);
    }
  });

  it("report ajv errors (instancePath, keyword, params, message) for a misspelled field", () => {
    const backendApi = release === "v1.1.0" ? "aigateway.envoyproxy.io/v1beta1" : "aigateway.envoyproxy.io/v1alpha1";
    const validate = contributionValidators(release)[`${backendApi} AIServiceBackend`];
    if (!validate) throw new Error("no AIServiceBackend validator");
    const backend = { apiVersion: backendApi, kind: "AIServiceBackend", metadata: { name: "b" }, spec: { schemaa: {} } };
    expect(validate(backend)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: "/spec",
        keyword: "additionalProperties",
        params: { additionalProperty: "schemaa" },
        message: "must NOT have additional properties",
      }),
    );
  });
});

describe("contributionValidators in flux-apps' buildFluxTree({ extraValidators })", () => {
  /** Placeholder secret files, in the formats flux-apps parses (never real keys). */
  const secrets = {
    ageKey:
      "# created: 2026-01-01T00:00:00Z\n# public key: age1a6vaxeffux27rpgc4pdhgteuap85gn47320dhevgnmcxh3qkc5jqazwwqq\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n",
    githubPushToken: "0123456789abcdef0123456789abcdef",
    cloudflareTunnel: '{"AccountTag":"account-tag-0123","TunnelSecret":"tunnel-secret-0123456789","TunnelID":"11111111-2222-3333-4444-555555555555"}',
  };

  it("validate the AI Gateway kinds of the whole tree, and report a broken one", async () => {
    const ai = buildAiGatewayFromConfig(resolvedConfig(), { envoyGatewayVersion: CHARTS["envoy-gateway"].version });
    if (!ai.ok) throw new Error(JSON.stringify(ai.errors));
    const extraValidators: Record<string, FluxCompiledValidator> = contributionValidators(ai.release);
    const ok = await buildFluxTree(resolvedConfig(), { secrets, contributions: [ai.contribution], extraValidators });
    if (!ok.ok) throw new Error(ok.errors.map((e) => `${e.file} ${e.path ?? ""} ${e.message}`).join("\n"));

    const broken = structuredClone(ai.contribution);
    const route = broken.apps?.flatMap((a) => a.files.flatMap((f) => f.documents)).find((d) => d.kind === "AIGatewayRoute");
    if (!route) throw new Error("no AIGatewayRoute emitted");
    (route.spec as Record<string, unknown>).rulez = [];
    const result = await buildFluxTree(resolvedConfig(), { secrets, contributions: [broken], extraValidators });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => `${e.path ?? ""} ${e.message}`).join("\n")).toContain("rulez");
  });
});
