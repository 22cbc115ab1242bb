import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type AiGatewayRelease, buildAiGatewayFromConfig, validateObject } from "../src/index.js";
import { SCHEMAS_WITH_OBJECT_META } from "../src/schema-store.js";
import { entraConfig, resolvedConfig } from "./fixtures.js";

const releases: AiGatewayRelease[] = ["v1.1.0", "v0.5.0"];

describe.each(releases)("vendored schemas of Envoy AI Gateway %s", (release) => {
  it("accept every object emitted for the default catalog (API key and Entra ID)", () => {
    for (const config of [resolvedConfig(), entraConfig()]) {
      const result = buildAiGatewayFromConfig(config, { release });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const docs = (result.contribution.apps ?? []).flatMap((a) => a.files.flatMap((f) => f.documents));
      expect(docs.length).toBeGreaterThan(20);
      for (const doc of docs) expect(validateObject(release, doc), `${String(doc.kind)}`).toEqual([]);
    }
  });

  it("reject a misspelled field in an AIGatewayRoute backendRef", () => {
    const apiVersion = release === "v1.1.0" ? "aigateway.envoyproxy.io/v1beta1" : "aigateway.envoyproxy.io/v1alpha1";
    const route = {
      apiVersion,
      kind: "AIGatewayRoute",
      metadata: { name: "r", namespace: "ai-system" },
      spec: { rules: [{ backendRefs: [{ name: "b", kindd: "AIServiceBackend" }] }] },
    };
    expect(validateObject(release, route).join("\n")).toContain("must NOT have additional properties (kindd)");
  });
});

describe("release-specific API surface", () => {
  it("knows v1beta1 only on v1.1.0 and spec.hostnames only there", () => {
    const route = (apiVersion: string) => ({
      apiVersion,
      kind: "AIGatewayRoute",
      metadata: { name: "r", namespace: "ai-system" },
      spec: { hostnames: ["llms.example.com"], rules: [{ backendRefs: [{ name: "b" }] }] },
    });
    expect(validateObject("v1.1.0", route("aigateway.envoyproxy.io/v1beta1"))).toEqual([]);
    expect(validateObject("v0.5.0", route("aigateway.envoyproxy.io/v1beta1"))).toEqual([
      "no vendored schema for aigateway.envoyproxy.io/v1beta1 AIGatewayRoute at Envoy AI Gateway v0.5.0",
    ]);
    expect(validateObject("v0.5.0", route("aigateway.envoyproxy.io/v1alpha1")).join("\n")).toContain(
      "must NOT have additional properties (hostnames)",
    );
  });
});

describe("metadata validation", () => {
  it("lists exactly the vendored schemas that describe metadata beyond a bare object", () => {
    const dir = new URL("../schemas/", import.meta.url);
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".json") && f !== "core/objectmeta_v1.json");
    const describing = files.filter((f) => {
      const metadata = JSON.parse(readFileSync(new URL(f, dir), "utf8")).properties?.metadata;
      return JSON.stringify(metadata) !== JSON.stringify({ type: "object" });
    });
    expect(describing.sort()).toEqual([...SCHEMAS_WITH_OBJECT_META].sort());
  });
});
