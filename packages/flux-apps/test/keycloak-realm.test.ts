import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildFluxTree, formatIssue, validateTree, type FluxContribution } from "../src/index.js";
import { parseTree } from "../src/validate/tree-model.js";
import { fakeSecrets, fullConfig } from "./fixtures/configs.js";
import { smallTree } from "./fixtures/small-tree.js";

const REALM_FILE = "kubernetes/apps/keycloak/keycloak/app/realm-config.sops.yaml";

interface Client {
  clientId: string;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
}

async function build(contributions: FluxContribution[] = []) {
  const result = await buildFluxTree(fullConfig, { secrets: fakeSecrets, contributions });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file} ${e.path ?? ""} ${e.message}`).join("\n"));
  return result.files;
}

function clients(files: Map<string, string>): Client[] {
  const secret = parse(files.get(REALM_FILE)!) as { stringData: Record<string, string> };
  return (JSON.parse(secret.stringData["k8s-cluster-realm.json"]!) as { clients: Client[] }).clients;
}

const client = (files: Map<string, string>, id: string): Client => clients(files).find((c) => c.clientId === id)!;

describe("Keycloak realm redirect URIs and web origins", () => {
  it("contain no wildcard in any client of the all-features realm", async () => {
    const all = clients(await build());
    expect(all.map((c) => c.clientId)).toEqual(["account", "account-console", "envoy-gateway"]);
    for (const c of all) {
      const values = [...(c.redirectUris ?? []), ...(c.webOrigins ?? []), ...(c.attributes?.["post.logout.redirect.uris"]?.split("##") ?? [])];
      expect(values.length).toBeGreaterThan(0);
      expect(values.filter((v) => v.includes("*"))).toEqual([]);
    }
    expect(client(await build(), "account-console")).toMatchObject({
      redirectUris: ["https://auth.example.com/realms/k8s-cluster/account/"],
      webOrigins: ["+"],
    });
  });

  it("let the envoy-gateway client log users in exactly on the web UIs the tree routes through Envoy Gateway", async () => {
    const files = await build();
    // Every hostname the tree routes (HTTPRoutes and app-template routes in HelmRelease values).
    const routed = new Set<string>();
    for (const o of parseTree(files).objects) {
      const spec = o.value.spec as Record<string, unknown> | undefined;
      const lists =
        o.kind === "HTTPRoute"
          ? [spec?.hostnames]
          : o.kind === "HelmRelease"
            ? Object.values(((spec?.values as Record<string, unknown> | undefined)?.route ?? {}) as Record<string, { hostnames?: unknown }>).map((r) => r.hostnames)
            : [];
      for (const h of lists.flatMap((l) => (Array.isArray(l) ? (l as string[]) : []))) {
        routed.add(h.replace("{{ .Release.Name }}", o.name).replace("${SECRET_DOMAIN}", fullConfig.primary_domain));
      }
    }
    // Not Keycloak itself, nor GitHub's webhook receiver (a machine cannot log in).
    const expected = [...routed].filter((h) => !/^(auth|flux-webhook)\./.test(h)).sort();
    expect(expected.length).toBeGreaterThan(3);
    const eg = client(files, "envoy-gateway");
    expect(eg.redirectUris).toEqual(expected.map((h) => `https://${h}/oauth2/callback`));
    expect(eg.attributes?.["post.logout.redirect.uris"]).toBe(expected.map((h) => `https://${h}/`).join("##"));
    expect(eg.webOrigins).toEqual(["+"]);
  });

  it("add the host of a contributed SecurityPolicy that uses the envoy-gateway client", async () => {
    const mcp: FluxContribution = {
      name: "@talos-cluster/example",
      apps: [
        {
          namespace: "network",
          name: "mcp-oidc",
          kustomization: { substituteFromClusterSecrets: true },
          files: [
            {
              path: "securitypolicy.yaml",
              documents: [
                {
                  apiVersion: "gateway.envoyproxy.io/v1alpha1",
                  kind: "SecurityPolicy",
                  metadata: { name: "mcp-oidc" },
                  spec: {
                    targetRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "envoy-external" }],
                    oidc: {
                      provider: { issuer: "https://auth.${SECRET_DOMAIN}/realms/k8s-cluster" },
                      clientID: "envoy-gateway",
                      clientSecret: { name: "envoy-gateway-oidc" },
                      redirectURL: "https://mcp.${SECRET_DOMAIN}/oauth2/callback",
                    },
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    expect(client(await build([mcp]), "envoy-gateway").redirectUris).toContain("https://mcp.example.com/oauth2/callback");
  });

  it("reject a contributed client with a wildcard, naming the client and the field", async () => {
    const loose: FluxContribution = {
      name: "@talos-cluster/example",
      keycloakRealm: {
        clients: [{ clientId: "loose", redirectUris: ["https://app.example.com/cb", "http://localhost:*"], webOrigins: ["*"], attributes: { "post.logout.redirect.uris": "https://app.example.com/##https://*.example.com/*" } }],
      },
    };
    const result = await buildFluxTree(fullConfig, { secrets: fakeSecrets, contributions: [loose] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { file: REALM_FILE, path: '[0].stringData["k8s-cluster-realm.json"]', rule: "keycloak-realm", message: 'Keycloak client "loose" (clients[3]) attributes."post.logout.redirect.uris" "https://*.example.com/*" contains a wildcard. List each exact URI, joined with "##", or "+" for the redirect URIs.' },
      { file: REALM_FILE, path: '[0].stringData["k8s-cluster-realm.json"]', rule: "keycloak-realm", message: 'Keycloak client "loose" (clients[3]) redirectUris[1] "http://localhost:*" contains a wildcard. List each exact redirect URI (https://host/path) instead; wildcards allow open redirects.' },
      { file: REALM_FILE, path: '[0].stringData["k8s-cluster-realm.json"]', rule: "keycloak-realm", message: 'Keycloak client "loose" (clients[3]) webOrigins[0] "*" contains a wildcard. List exact origins (https://host) or "+" (the origins of the redirect URIs).' },
    ]);
  });

  it("are checked by validateTree in any realm export, also one in a ConfigMap", () => {
    const files = new Map(smallTree());
    const realm = JSON.stringify({ realm: "r", clients: [{ clientId: "account", redirectUris: ["/realms/r/account/*"], webOrigins: ["+"] }] });
    files.set("kubernetes/apps/default/echo/app/realm.yaml", `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: realm\ndata:\n  realm.json: ${JSON.stringify(realm)}\n`);
    const k = files.get("kubernetes/apps/default/echo/app/kustomization.yaml")!;
    files.set("kubernetes/apps/default/echo/app/kustomization.yaml", k.replace("resources:", "resources:\n  - ./realm.yaml"));
    expect(validateTree(files).map(formatIssue)).toEqual([
      'kubernetes/apps/default/echo/app/realm.yaml#0 data["realm.json"]  Keycloak client "account" (clients[0]) redirectUris[0] "/realms/r/account/*" contains a wildcard. List each exact redirect URI (https://host/path) instead; wildcards allow open redirects. (keycloak-realm)',
    ]);
  });
});
