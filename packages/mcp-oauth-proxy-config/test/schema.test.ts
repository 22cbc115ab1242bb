import { describe, expect, it } from "vitest";
import { type AgentgatewayRelease, RELEASES, buildMcpOAuthProxy } from "../src/index.js";
import { schemaFileFor, schemaProblems } from "../src/schema-validate.js";
import { multiServerInput, referenceInput } from "./fixtures.js";
import { expectOk } from "./helpers.js";

const releases = Object.keys(RELEASES) as AgentgatewayRelease[];

function documents(release: AgentgatewayRelease) {
  return [referenceInput(), multiServerInput()].flatMap((input) =>
    (expectOk(buildMcpOAuthProxy(input, { release })).apps ?? []).flatMap((app) => app.files.flatMap((f) => f.documents)),
  );
}

describe.each(releases)("vendored schemas, release %s", (release) => {
  it("has a schema for every emitted kind and every object validates", () => {
    const docs = documents(release);
    const kinds = new Set(docs.map((d) => `${String(d.apiVersion)} ${String(d.kind)}`));
    expect([...kinds].sort()).toEqual(
      [
        "agentgateway.dev/v1alpha1 AgentgatewayBackend",
        "agentgateway.dev/v1alpha1 AgentgatewayParameters",
        "agentgateway.dev/v1alpha1 AgentgatewayPolicy",
        "cert-manager.io/v1 Certificate",
        "gateway.networking.k8s.io/v1 Gateway",
        "gateway.networking.k8s.io/v1 GatewayClass",
        "gateway.networking.k8s.io/v1 HTTPRoute",
        "helm.toolkit.fluxcd.io/v2 HelmRelease",
        "networking.k8s.io/v1 NetworkPolicy",
        "source.toolkit.fluxcd.io/v1 OCIRepository",
        "v1 Secret",
      ].sort(),
    );
    for (const doc of docs) expect(schemaProblems(doc, RELEASES[release]), `${String(doc.kind)} ${JSON.stringify(doc.metadata)}`).toEqual([]);
  });

  it("rejects an object with a field the CRD does not have", () => {
    const bad = { apiVersion: "agentgateway.dev/v1alpha1", kind: "AgentgatewayPolicy", metadata: { name: "x" }, spec: { targetRefs: [], trafic: {} } };
    expect(schemaProblems(bad, RELEASES[release]).join("\n")).toContain('("trafic")');
  });

  it("uses the GatewayClass controllerName of the release", () => {
    const cls = documents(release).find((d) => d.kind === "GatewayClass");
    expect((cls?.spec as { controllerName: string }).controllerName).toBe(RELEASES[release].controllerName);
  });
});

it("pins the release's own CRD generation", () => {
  expect(RELEASES["v1.4.1"].controllerName).toBe("agentgateway.dev/agentgateway");
  expect(RELEASES["kgateway-v2.2.0-beta.3"].controllerName).toBe("kgateway.dev/agentgateway");
  expect(schemaFileFor("agentgateway.dev/v1alpha1", "AgentgatewayPolicy", RELEASES["kgateway-v2.2.0-beta.3"])).toBe(
    "agentgateway.dev/kgateway-main-2025-12-10/agentgatewaypolicy_v1alpha1.json",
  );
});

describe("CRD rules ajv does not evaluate (CEL), checked here", () => {
  it.each(releases)("%s: every protected route is Strict and never mixes traffic JWT with backend MCP auth in one policy", (release) => {
    const docs = documents(release);
    const policies = docs.filter((d) => d.kind === "AgentgatewayPolicy").map((d) => d.spec as Record<string, Record<string, unknown> | undefined>);
    for (const spec of policies) {
      const jwt = spec.traffic?.jwtAuthentication as { mode?: string; mcp?: unknown } | undefined;
      if (jwt) expect(jwt.mode).toBe("Strict");
      expect(Boolean(jwt) && Boolean((spec.backend?.mcp as { authentication?: unknown } | undefined)?.authentication)).toBe(false);
      const targets = spec.targetRefs as unknown as Array<{ kind: string }>;
      if (spec.traffic) expect(targets.every((t) => ["Gateway", "HTTPRoute"].includes(t.kind))).toBe(true);
      if (spec.backend) expect(targets.every((t) => t.kind !== "Service")).toBe(true);
    }
    for (const route of docs.filter((d) => d.kind === "HTTPRoute")) {
      const name = (route.metadata as { name: string }).name;
      const auth = (route.metadata as { annotations?: Record<string, string> }).annotations?.["mcp.talos-cluster.dev/auth"];
      if (auth !== "strict") continue;
      const policy = docs.find(
        (d) => d.kind === "AgentgatewayPolicy" && (d.spec as { targetRefs: Array<{ name: string }> }).targetRefs.some((t) => t.name === name),
      );
      expect((policy?.spec as { traffic: { jwtAuthentication?: { mode: string } } }).traffic.jwtAuthentication?.mode, name).toBe("Strict");
    }
  });

  it("gives every Gateway listener exactly one certificateRef (agentgateway's limit)", () => {
    for (const release of releases) {
      const gw = documents(release).find((d) => d.kind === "Gateway");
      const listeners = (gw?.spec as { listeners: Array<{ tls: { certificateRefs: unknown[] } }> }).listeners;
      expect(listeners.map((l) => l.tls.certificateRefs.length)).toEqual([1]);
    }
  });
});
