import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildFluxTree, type CompiledValidator as FluxCompiledValidator } from "@talos-cluster/flux-apps";
import { describe, expect, it } from "vitest";
import {
  type AgentgatewayRelease,
  RELEASES,
  buildMcpOAuthProxy,
  mcpContributionSchemas,
  mcpContributionValidators,
} from "../src/index.js";
import { schemaProblems } from "../src/schema-validate.js";
import { clusterConfig, multiServerInput, referenceInput } from "./fixtures.js";
import { secrets } from "./flux-tree-cases.js";
import { expectOk } from "./helpers.js";

const releases = Object.keys(RELEASES) as AgentgatewayRelease[];

describe("validators compiled at build time (dist/validators)", () => {
  it("are current: the generator finds nothing to regenerate", () => {
    const generator = fileURLToPath(new URL("../tools/generate-validators.mjs", import.meta.url));
    // Exits 1 (and execFileSync throws) when a schema, the generator or ajv changed since the build.
    expect(() => execFileSync(process.execPath, [generator, "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("keep schema messages: length in code points, type, additional properties", () => {
    const gatewayClass = (spec: Record<string, unknown>) => ({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "GatewayClass",
      metadata: { name: "agentgateway" },
      spec: { controllerName: "agentgateway.dev/agentgateway", ...spec },
    });
    // maxLength counts code points: 64 emoji are 64 characters (128 UTF-16 units).
    expect(schemaProblems(gatewayClass({ description: "😀".repeat(64) }), RELEASES["v1.4.1"])).toEqual([]);
    expect(schemaProblems(gatewayClass({ description: "😀".repeat(65), descriptio: "x" }), RELEASES["v1.4.1"])).toMatchInlineSnapshot(`
      [
        "/spec: must NOT have additional properties ("descriptio")",
        "/spec/description: must NOT have more than 64 characters",
      ]
    `);
    const policy = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "p", namespace: "mcp" },
      spec: { podSelector: {}, policyTypes: ["Ingres"], ingress: [{ ports: [{ port: 80, protocol: 6 }] }] },
    };
    expect(schemaProblems(policy, RELEASES["v1.4.1"])).toMatchInlineSnapshot(`
      [
        "/spec/ingress/0/ports/0/protocol: must be string,null",
      ]
    `);
  });
});

describe.each(releases)("mcpContributionValidators(%s)", (release) => {
  it("cover the same kinds as mcpContributionSchemas and accept every emitted object of those kinds", () => {
    const validators = mcpContributionValidators(release);
    expect(Object.keys(validators).sort()).toEqual(Object.keys(mcpContributionSchemas(release)).sort());
    const docs = [referenceInput(), multiServerInput()].flatMap((input) =>
      (expectOk(buildMcpOAuthProxy(input, { release })).apps ?? []).flatMap((app) => app.files.flatMap((f) => f.documents)),
    );
    const agentgateway = docs.filter((d) => d.apiVersion === "agentgateway.dev/v1alpha1");
    expect(new Set(agentgateway.map((d) => d.kind)).size).toBe(3);
    for (const doc of agentgateway) {
      const validate = validators[`${String(doc.apiVersion)} ${String(doc.kind)}`];
      expect(validate, `${String(doc.kind)} has a validator`).toBeTypeOf("function");
      expect(validate?.(JSON.parse(JSON.stringify(doc))), String(doc.kind)).toBe(true);
    }
  });

  it("report ajv errors (instancePath, keyword, params, message) for a misspelled field", () => {
    const validate = mcpContributionValidators(release)["agentgateway.dev/v1alpha1 AgentgatewayPolicy"];
    if (!validate) throw new Error("no AgentgatewayPolicy validator");
    const bad = { apiVersion: "agentgateway.dev/v1alpha1", kind: "AgentgatewayPolicy", metadata: { name: "x" }, spec: { targetRefs: [], trafic: {} } };
    expect(validate(bad)).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: "/spec",
        keyword: "additionalProperties",
        params: { additionalProperty: "trafic" },
        message: "must NOT have additional properties",
      }),
    );
  });
});

describe("mcpContributionValidators in flux-apps' buildFluxTree({ extraValidators })", () => {
  it.each(releases)("validate the agentgateway kinds of the whole tree (%s)", async (release) => {
    const extraValidators: Record<string, FluxCompiledValidator> = mcpContributionValidators(release);
    const contribution = expectOk(buildMcpOAuthProxy(referenceInput(), { release }));
    const ok = await buildFluxTree(clusterConfig(), { secrets, contributions: [contribution], extraValidators });
    if (!ok.ok) throw new Error(ok.errors.map((e) => `${e.file} ${e.path ?? ""} ${e.message}`).join("\n"));

    const broken = structuredClone(contribution);
    const policy = broken.apps?.flatMap((a) => a.files.flatMap((f) => f.documents)).find((d) => d.kind === "AgentgatewayPolicy");
    if (!policy) throw new Error("no AgentgatewayPolicy emitted");
    (policy.spec as Record<string, unknown>).trafic = {};
    const result = await buildFluxTree(clusterConfig(), { secrets, contributions: [broken], extraValidators });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => `${e.path ?? ""} ${e.message}`).join("\n")).toContain("trafic");
  });
});
