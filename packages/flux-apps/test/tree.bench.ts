import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { bench, describe } from "vitest";
import { buildFluxTree, validateTree, type FluxContribution } from "../src/index.js";
import { fakeSecrets, fullConfig } from "./fixtures/configs.js";

const built = await buildFluxTree(fullConfig, { secrets: fakeSecrets });
if (!built.ok) throw new Error("fixture tree does not build");
const files = built.files;

// A contributed kind: Envoy Gateway's SecurityPolicy CRD schema (one of the largest), passed as a caller schema.
const KEY = "gateway.envoyproxy.io/v1alpha1 SecurityPolicy";
const schema = JSON.parse(readFileSync(new URL("../schemas/gateway.envoyproxy.io/securitypolicy_v1alpha1.json", import.meta.url), "utf8")) as Record<string, unknown>;
delete schema.$id;
const precompiled = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
const policy: FluxContribution = {
  apps: [
    {
      namespace: "network",
      name: "oidc",
      kustomization: {},
      files: [{ path: "policy.yaml", documents: [{ apiVersion: "gateway.envoyproxy.io/v1alpha1", kind: "SecurityPolicy", metadata: { name: "oidc" }, spec: { targetRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "envoy-external" }] } }] }],
    },
  ],
};
const withPolicy = await buildFluxTree(fullConfig, { secrets: fakeSecrets, contributions: [policy] });
if (!withPolicy.ok) throw new Error("fixture tree with a contributed kind does not build");

describe("all-features tree", () => {
  bench("validateTree (schemas loaded)", () => {
    validateTree(files);
  });
  bench("buildFluxTree (render + serialize + validate)", async () => {
    await buildFluxTree(fullConfig, { secrets: fakeSecrets });
  });
});

describe("a contributed kind (SecurityPolicy schema), as on the first call in a process", () => {
  bench("validateTree with extraSchemas (compiled at run time)", () => {
    // A fresh schema object each time: compiled, as the first call of a process would.
    validateTree(withPolicy.files, { extraSchemas: { [KEY]: structuredClone(schema) } });
  });
  bench("validateTree with extraValidators (precompiled, nothing compiled)", () => {
    validateTree(withPolicy.files, { extraValidators: { [KEY]: precompiled } });
  });
});
