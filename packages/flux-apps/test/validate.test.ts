import { describe, expect, it } from "vitest";
import { formatIssue, validateTree } from "../src/index.js";
import { smallTree } from "./fixtures/small-tree.js";

const ECHO = "kubernetes/apps/default/echo";

function edit(files: Map<string, string>, path: string, from: string, to: string): Map<string, string> {
  const text = files.get(path);
  if (text === undefined || !text.includes(from)) throw new Error(`fixture: ${path} has no "${from}"`);
  const copy = new Map(files);
  copy.set(path, text.replace(from, to));
  return copy;
}

const messages = (files: Map<string, string>, secretValues?: string[]) =>
  validateTree(files, secretValues ? { secretValues } : {}).map(formatIssue);

describe("validateTree", () => {
  it("accepts the valid base tree", () => {
    expect(validateTree(smallTree())).toEqual([]);
  });

  it("rejects an unknown top-level field of a CRD kind (strict root)", () => {
    const files = edit(smallTree(), `${ECHO}/app/helmrelease.yaml`, "spec:", "specs: {}\nspec:");
    expect(messages(files)).toMatchInlineSnapshot(`
      [
        "kubernetes/apps/default/echo/app/helmrelease.yaml#0 specs  Unknown field "specs". Remove it or check its spelling against the schema. (schema)",
      ]
    `);
  });

  it("rejects a built-in kind with a wrong field type", () => {
    const files = new Map(smallTree());
    files.set(`${ECHO}/app/extra.sops.yaml`, "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData: [1]\n");
    files.set(`${ECHO}/app/kustomization.yaml`, files.get(`${ECHO}/app/kustomization.yaml`)!.replace("resources:", "resources:\n  - ./extra.sops.yaml"));
    expect(messages(files)).toEqual([
      "kubernetes/apps/default/echo/app/extra.sops.yaml#0 stringData  Must be of type object,null. (schema)",
    ]);
  });

  it("rejects a kind without a schema", () => {
    const files = edit(smallTree(), `${ECHO}/app/httproute.yaml`, "kind: HTTPRoute", "kind: HTTPRoutes");
    expect(messages(files)).toContain(
      "kubernetes/apps/default/echo/app/httproute.yaml#0 kind  No schema for gateway.networking.k8s.io/v1 HTTPRoutes. Check apiVersion and kind, or pass its schema in extraSchemas (or a compiled validator in extraValidators). (schema)",
    );
  });

  it("rejects a kustomization entry that does not exist", () => {
    const files = new Map(smallTree());
    files.delete(`${ECHO}/app/httproute.yaml`);
    expect(messages(files)).toEqual([
      'kubernetes/apps/default/echo/app/kustomization.yaml#0 resources[2]  "./httproute.yaml" does not exist in the generated tree (kubernetes/apps/default/echo/app/httproute.yaml). Remove the entry or add the file. (kustomization-resource)',
    ]);
  });

  it("rejects a Flux Kustomization path that does not exist", () => {
    const files = edit(smallTree(), `${ECHO}/ks.yaml`, "path: ./kubernetes/apps/default/echo/app", "path: ./kubernetes/apps/default/echo2/app");
    expect(messages(files)).toEqual([
      'kubernetes/apps/default/echo/ks.yaml#0 spec.path  Path "./kubernetes/apps/default/echo2/app" has no files in the generated tree. Point it at the app\'s directory. (flux-path)',
    ]);
  });

  it("rejects a dependsOn target missing from the namespace named", () => {
    const files = edit(smallTree(), `${ECHO}/ks.yaml`, "namespace: network", "namespace: kube-system");
    expect(messages(files)).toEqual([
      'kubernetes/apps/default/echo/ks.yaml#0 spec.dependsOn[0]  Depends on Kustomization "gateway" in namespace "kube-system", which is not in the tree. Enable that app or remove the dependency. (flux-depends-on)',
    ]);
  });

  it("rejects a dependency cycle", () => {
    const files = edit(
      smallTree(),
      "kubernetes/apps/network/gateway/ks.yaml",
      "  interval: 1h",
      "  dependsOn:\n    - name: echo\n      namespace: default\n  interval: 1h",
    );
    expect(messages(files)).toEqual([
      "kubernetes/apps/network/gateway/ks.yaml#0 spec.dependsOn[0]  dependsOn forms a cycle: default/echo → network/gateway → default/echo. Remove one of the dependencies. (flux-cycle)",
    ]);
  });

  it("rejects a HelmRelease whose chart source is missing", () => {
    const files = edit(smallTree(), `${ECHO}/app/helmrelease.yaml`, "name: echo\n  interval", "name: echo-chart\n  interval");
    expect(messages(files)).toEqual([
      'kubernetes/apps/default/echo/app/helmrelease.yaml#0 spec.chartRef  OCIRepository "echo-chart" in namespace "default" does not exist. Add the chart source to the app or fix the reference. (chart-source)',
    ]);
  });

  it("rejects substituteFrom when the namespace lacks cluster-secrets", () => {
    const files = edit(smallTree(), "kubernetes/apps/default/kustomization.yaml", "components:\n  - ../../components/sops\n", "");
    expect(messages(files)).toEqual([
      'kubernetes/apps/default/echo/ks.yaml#0 spec.postBuild.substituteFrom[0]  Secret "cluster-secrets" does not exist in namespace "default". Include the sops component in that namespace or remove substituteFrom. (substitute-from)',
    ]);
  });

  it("rejects a route whose parent Gateway or listener does not exist", () => {
    const missing = edit(smallTree(), `${ECHO}/app/httproute.yaml`, "name: envoy-external", "name: envoy-internal");
    expect(messages(missing)).toEqual([
      'kubernetes/apps/default/echo/app/httproute.yaml#0 spec.parentRefs[0]  Gateway "envoy-internal" in namespace "network" does not exist. Use envoy-external or envoy-internal in namespace network, or a Gateway the tree defines. (parent-ref)',
    ]);
    const listener = edit(smallTree(), `${ECHO}/app/httproute.yaml`, "sectionName: https", "sectionName: http");
    expect(messages(listener)).toEqual([
      'kubernetes/apps/default/echo/app/httproute.yaml#0 spec.parentRefs[0].sectionName  Gateway "network/envoy-external" has no listener "http" (it has: https). (parent-ref)',
    ]);
    const cls = edit(smallTree(), "kubernetes/apps/network/gateway/app/gateway.yaml", "gatewayClassName: envoy", "gatewayClassName: cilium");
    expect(messages(cls)).toEqual([
      'kubernetes/apps/network/gateway/app/gateway.yaml#1 spec.gatewayClassName  GatewayClass "cilium" does not exist in the tree. Use a class the tree defines. (parent-ref)',
    ]);
  });

  it("rejects a Secret outside a *.sops.yaml file", () => {
    const files = new Map(smallTree());
    const text = files.get("kubernetes/components/sops/cluster-secrets.sops.yaml")!;
    files.delete("kubernetes/components/sops/cluster-secrets.sops.yaml");
    files.set("kubernetes/components/sops/cluster-secrets.yaml", text);
    files.set(
      "kubernetes/components/sops/kustomization.yaml",
      files.get("kubernetes/components/sops/kustomization.yaml")!.replace("cluster-secrets.sops.yaml", "cluster-secrets.yaml"),
    );
    expect(messages(files)).toEqual([
      'kubernetes/components/sops/cluster-secrets.yaml#0 kind  Secret "cluster-secrets" is outside a *.sops.yaml file, so it would be committed unencrypted. Move it into a file named *.sops.yaml. (secret-location)',
    ]);
  });

  it("rejects a configured secret value outside *.sops.yaml, without printing it", () => {
    const files = edit(smallTree(), `${ECHO}/app/helmrelease.yaml`, "values: {}", "values:\n    password: hunter2-very-secret");
    // "echo" is too short to search for (it would match ordinary words); the SOPS file may hold any value.
    const issues = validateTree(files, {
      secretValues: [{ name: "keycloak_admin_password", value: "hunter2-very-secret" }, "echo", "example.com"],
    });
    expect(issues.map(formatIssue)).toEqual([
      "kubernetes/apps/default/echo/app/helmrelease.yaml#0  The value of keycloak_admin_password appears in this file in plaintext. Secrets belong in *.sops.yaml files only. (secret-leak)",
    ]);
    expect(JSON.stringify(issues)).not.toContain("hunter2-very-secret");
  });

  describe("Gateway API v1.5.1 (the bundle of the Envoy Gateway chart the tree deploys)", () => {
    const withEchoFile = (name: string, yaml: string): Map<string, string> => {
      const files = new Map(smallTree());
      files.set(`${ECHO}/app/${name}`, yaml);
      return edit(files, `${ECHO}/app/kustomization.yaml`, "resources:", `resources:\n  - ./${name}`);
    };
    const backendTlsPolicy = (apiVersion: string): string =>
      [
        "---",
        `apiVersion: ${apiVersion}`,
        "kind: BackendTLSPolicy",
        "metadata:",
        "  name: echo",
        "spec:",
        "  targetRefs:",
        "    - group: \"\"",
        "      kind: Service",
        "      name: echo",
        "  validation:",
        "    hostname: echo.example.com",
        "    wellKnownCACertificates: System",
        "",
      ].join("\n");

    it("accepts BackendTLSPolicy v1 and rejects the deprecated v1alpha3", () => {
      expect(messages(withEchoFile("tls.yaml", backendTlsPolicy("gateway.networking.k8s.io/v1")))).toEqual([]);
      expect(messages(withEchoFile("tls.yaml", backendTlsPolicy("gateway.networking.k8s.io/v1alpha3")))).toEqual([
        "kubernetes/apps/default/echo/app/tls.yaml#0 kind  No schema for gateway.networking.k8s.io/v1alpha3 BackendTLSPolicy. Check apiVersion and kind, or pass its schema in extraSchemas (or a compiled validator in extraValidators). (schema)",
      ]);
    });

    it("rejects a CORS origin with a scheme other than http or https", () => {
      const cors = (origin: string) =>
        edit(smallTree(), `${ECHO}/app/httproute.yaml`, "  - backendRefs:", `  - filters:\n        - type: CORS\n          cors:\n            allowOrigins: ["${origin}"]\n      backendRefs:`);
      expect(messages(cors("https://*.example.com"))).toEqual([]);
      expect(messages(cors("ftp://example.com"))).toEqual([
        expect.stringMatching(/^kubernetes\/apps\/default\/echo\/app\/httproute\.yaml#0 spec\.rules\[0\]\.filters\[0\]\.cors\.allowOrigins\[0\]  must match pattern .* \(schema\)$/),
      ]);
    });
  });

  it("reports invalid YAML with its file", () => {
    const files = new Map(smallTree());
    files.set(`${ECHO}/app/httproute.yaml`, "spec: [unclosed\n");
    expect(messages(files)[0]).toMatch(/^kubernetes\/apps\/default\/echo\/app\/httproute\.yaml#0  Invalid YAML: .* \(yaml\)$/);
  });
});
