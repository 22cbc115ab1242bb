import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildFluxTree, ociRepository, serializeFluxApp, type FluxContribution } from "../src/index.js";
import { fakeSecrets, fullConfig, minimalConfig } from "./fixtures/configs.js";

const proxy: FluxContribution = {
  name: "@talos-cluster/mcp-oauth-proxy-config",
  namespaces: [{ name: "mcp", labels: { "pod-security.kubernetes.io/enforce": "baseline" } }],
  apps: [
    {
      namespace: "mcp",
      name: "oauth-proxy",
      kustomization: { substituteFromClusterSecrets: true, dependsOn: [{ name: "envoy-gateway", namespace: "network" }] },
      files: [
        {
          path: "helmrelease.yaml",
          documents: [
            {
              apiVersion: "helm.toolkit.fluxcd.io/v2",
              kind: "HelmRelease",
              metadata: { name: "oauth-proxy" },
              spec: { chartRef: { kind: "OCIRepository", name: "oauth-proxy" }, interval: "1h", values: {} },
            },
          ],
        },
        { path: "ocirepository.yaml", documents: [ociRepository("oauth-proxy", "app-template")] },
        {
          path: "secret.sops.yaml",
          documents: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "oauth-proxy" }, stringData: { "client-secret": "proxy-client-secret-0123" } }],
        },
      ],
    },
  ],
  helmValues: [{ namespace: "network", name: "envoy-gateway", values: { config: { envoyGateway: { extensionApis: { enableBackend: true } } } } }],
  tunnelIngress: [{ hostname: "mcp-auth.example.com", service: "https://oauth-proxy.mcp.svc.cluster.local:443", originRequest: { http2Origin: true } }],
  tunnelDnsHostnames: ["mcp-auth.example.com"],
  keycloakRealm: {
    clients: [{ clientId: "mcp-proxy", secret: "proxy-client-secret-0123" }],
    clientScopes: [{ name: "mcp:tools", protocol: "openid-connect" }],
    defaultDefaultClientScopes: ["mcp:tools"],
  },
  secretValues: ["proxy-client-secret-0123"],
};

async function build(contributions: FluxContribution[], config = fullConfig) {
  const result = await buildFluxTree(config, { secrets: fakeSecrets, contributions });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file} ${e.path ?? ""} ${e.message}`).join("\n"));
  return result.files;
}

describe("contributions", () => {
  it("adds namespaces and apps, serialized exactly like serializeFluxApp", async () => {
    const files = await build([proxy]);
    for (const [path, text] of serializeFluxApp(proxy.apps![0]!)) expect(files.get(path)).toBe(text);
    expect(files.get("kubernetes/apps/mcp/kustomization.yaml")).toContain("./oauth-proxy/ks.yaml");
    expect(files.get("kubernetes/apps/mcp/namespace.yaml")).toContain("pod-security.kubernetes.io/enforce: baseline");
  });

  it("deep-merges Helm values into an existing HelmRelease", async () => {
    const files = await build([proxy]);
    const hr = parse(files.get("kubernetes/apps/network/envoy-gateway/app/helmrelease.yaml")!);
    expect(hr.spec.values.config.envoyGateway.extensionApis).toEqual({ enableBackend: true });
    expect(hr.spec.values.config.envoyGateway.admin.address).toEqual({ host: "0.0.0.0", port: 19000 });
  });

  it("puts contributed tunnel hostnames before the wildcard rules and publishes them", async () => {
    const files = await build([proxy]);
    const hr = parse(files.get("kubernetes/apps/network/cloudflare-tunnel/app/helmrelease.yaml")!);
    const ingress = parse(hr.spec.values.configMaps.config.data["config.yaml"]).ingress as { hostname?: string }[];
    expect(ingress.map((r) => r.hostname ?? "(404)")).toEqual([
      "mcp-auth.example.com",
      "*.example.com",
      "*.example.org",
      "*.example.net",
      "(404)",
    ]);
    expect(files.get("kubernetes/apps/network/cloudflare-tunnel/app/dnsendpoint.yaml")).toContain("dnsName: mcp-auth.example.com");
  });

  it("merges Keycloak realm fragments into the SOPS realm Secret", async () => {
    const files = await build([proxy]);
    const secret = parse(files.get("kubernetes/apps/keycloak/keycloak/app/realm-config.sops.yaml")!);
    const realm = JSON.parse(secret.stringData["k8s-cluster-realm.json"]);
    expect(realm.clients.map((c: { clientId: string }) => c.clientId)).toContain("mcp-proxy");
    expect(realm.defaultDefaultClientScopes).toEqual(["mcp:tools"]);
  });

  it("changes the realm-import Job name when the realm changes (Jobs are immutable)", async () => {
    const a = (await build([])).get("kubernetes/apps/keycloak/keycloak/app/realm-import.yaml")!;
    const b = (await build([proxy])).get("kubernetes/apps/keycloak/keycloak/app/realm-import.yaml")!;
    expect(/name: (keycloak-realm-import-\w+)/.exec(a)![1]).not.toBe(/name: (keycloak-realm-import-\w+)/.exec(b)![1]);
  });

  it("leak-checks contributed secret values", async () => {
    const leaky: FluxContribution = {
      ...proxy,
      helmValues: [{ namespace: "network", name: "envoy-gateway", values: { token: "proxy-client-secret-0123" } }],
    };
    const result = await buildFluxTree(fullConfig, { secrets: fakeSecrets, contributions: [leaky] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        file: "kubernetes/apps/network/envoy-gateway/app/helmrelease.yaml",
        path: "[0]",
        rule: "secret-leak",
        message: "The value of a secret of @talos-cluster/mcp-oauth-proxy-config appears in this file in plaintext. Secrets belong in *.sops.yaml files only.",
      },
    ]);
  });

  it("reports contributions that do not fit the configuration", async () => {
    const result = await buildFluxTree(minimalConfig, {
      secrets: fakeSecrets,
      contributions: [{ ...proxy, helmValues: [{ namespace: "network", name: "nope", values: {} }] }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.message)).toEqual([
      "@talos-cluster/mcp-oauth-proxy-config adds Keycloak realm clients, but keycloak_enabled is false. Enable Keycloak or turn that feature off.",
      "@talos-cluster/mcp-oauth-proxy-config sets Helm values of HelmRelease network/nope, which is not in the tree.",
    ]);
  });

  it("needs a schema for a contributed kind it does not vendor", async () => {
    const extra: FluxContribution = {
      apps: [
        {
          namespace: "default",
          name: "route",
          kustomization: {},
          files: [{ path: "route.yaml", documents: [{ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: { size: 1 } }] }],
        },
      ],
    };
    const without = await buildFluxTree(minimalConfig, { secrets: fakeSecrets, contributions: [extra] });
    expect(without.ok).toBe(false);
    const schema = {
      type: "object",
      properties: { apiVersion: { const: "example.com/v1" }, kind: { const: "Widget" }, metadata: { type: "object" }, spec: { type: "object", properties: { size: { type: "integer" } }, additionalProperties: false } },
      additionalProperties: false,
    };
    const withSchema = await buildFluxTree(minimalConfig, { secrets: fakeSecrets, contributions: [extra], extraSchemas: { "example.com/v1 Widget": schema } });
    expect(withSchema.ok).toBe(true);
  });
  it("merges Helm values into a contributed HelmRelease without changing the caller's contribution", async () => {
    const app = structuredClone(proxy.apps![0]!);
    const tuning: FluxContribution = { name: "tuning", helmValues: [{ namespace: "mcp", name: "oauth-proxy", values: { replicas: 2 } }] };
    const contributions = [{ ...proxy, apps: [app] }, tuning];
    const files = await build(contributions);
    expect(parse(files.get("kubernetes/apps/mcp/oauth-proxy/app/helmrelease.yaml")!).spec.values).toEqual({ replicas: 2 });
    expect(app).toEqual(proxy.apps![0]);
    // A second build from the same objects gives the same tree.
    expect(await build(contributions)).toEqual(files);
  });
});
