/**
 * `buildMcpOAuthProxy`: validates the input against the security rules, renders the Flux contribution for the
 * selected agentgateway release, validates every emitted object against the vendored schemas, and checks that
 * no secret value leaks outside `*.sops.yaml`.
 */
import type { FluxApp, FluxAppFile, FluxContribution } from "@talos-cluster/flux-apps";
import type { McpOAuthProxyInput } from "./input.js";
import { type McpIssue, IssueList } from "./issues.js";
import { checkShape } from "./check-shape.js";
import { renderChartApps } from "./render-charts.js";
import { renderAccessLog, renderGateway } from "./render-gateway.js";
import { renderKeycloakRealm } from "./render-keycloak.js";
import { renderNetworkPolicies } from "./render-network-policy.js";
import { renderJwksBackend, renderServer, upstreamSecretName } from "./render-servers.js";
import { type AgentgatewayRelease, DEFAULT_RELEASE, RELEASES, isRelease } from "./releases.js";
import { schemaProblems } from "./schema-validate.js";
import { defaultOriginService, validateInput } from "./validate-input.js";

export interface BuildOptions {
  /** agentgateway release to target. Default "v1.4.1" (current stable). */
  release?: AgentgatewayRelease;
}

export type BuildResult =
  | { ok: true; contribution: FluxContribution; warnings: McpIssue[] }
  | { ok: false; errors: McpIssue[]; warnings: McpIssue[] };

/** Name of the Flux app holding the Gateway, routes, policies and network policies. */
export const CONFIG_APP_NAME = "agentgateway-mcp";

type Doc = Record<string, unknown>;

function file(path: string, documents: Doc[]): FluxAppFile | undefined {
  return documents.length ? { path, documents } : undefined;
}

export function buildMcpOAuthProxy(input: McpOAuthProxyInput, options: BuildOptions = {}): BuildResult {
  const releaseId = options.release ?? DEFAULT_RELEASE;
  if (!isRelease(releaseId)) {
    return {
      ok: false,
      warnings: [],
      errors: [
        {
          code: "E-REL-001",
          path: "options.release",
          message: `unknown agentgateway release "${String(releaseId)}"; supported: ${Object.keys(RELEASES).map((r) => `"${r}"`).join(", ")}`,
        },
      ],
    };
  }
  const release = RELEASES[releaseId];
  const shape = checkShape(input);
  if (shape.length) return { ok: false, errors: shape, warnings: [] };
  const issues = validateInput(input);
  if (issues.errors.length) return { ok: false, errors: issues.errors, warnings: issues.warnings };

  const ns = input.namespace;
  const backends: Doc[] = [];
  const routes: Doc[] = [];
  const policies: Doc[] = [renderAccessLog(input)];
  const secrets: Doc[] = [];
  const secretValues: string[] = [];
  if (release.authStyle === "traffic" && input.servers.some((s) => !s.public)) backends.push(renderJwksBackend(input));
  for (const server of input.servers) {
    const objects = renderServer(input, server, release);
    backends.push(...objects.backends);
    routes.push(...objects.routes);
    policies.push(...objects.policies.filter((p) => Object.values((p.spec as Doc).traffic ?? { any: 1 }).some((v) => v !== undefined)));
    if (server.upstreamCredential) {
      secrets.push({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: upstreamSecretName(server) },
        type: "Opaque",
        stringData: { Authorization: server.upstreamCredential.token },
      });
      secretValues.push(server.upstreamCredential.token);
    }
  }

  const configFiles = [
    file("gateway.yaml", renderGateway(input, release)),
    file("backends.yaml", backends),
    file("httproutes.yaml", routes),
    file("policies.yaml", policies),
    file("networkpolicies.yaml", renderNetworkPolicies(input)),
    file("secret.sops.yaml", secrets),
  ].filter((f): f is FluxAppFile => f !== undefined);

  const version = input.chartVersion ?? release.chartVersion;
  const apps: FluxApp[] = [
    ...renderChartApps(ns, release, version),
    {
      namespace: ns,
      name: CONFIG_APP_NAME,
      kustomization: { dependsOn: [{ name: release.controllerChart }], wait: true, timeout: "5m" },
      files: configFiles,
    },
  ];

  const contribution: FluxContribution = {
    name: "@talos-cluster/mcp-oauth-proxy-config",
    namespaces: [{ name: ns }],
    apps,
    keycloakRealm: renderKeycloakRealm(input),
    secretValues,
  };
  if (input.cloudflare) {
    const service = input.cloudflare.originService ?? defaultOriginService(input);
    contribution.tunnelIngress = input.cloudflare.hostnames.map((hostname) => ({
      hostname,
      service,
      originRequest: { http2Origin: true, originServerName: input.publicHost },
    }));
    contribution.tunnelDnsHostnames = [...input.cloudflare.hostnames];
  }

  const after = verifyOutput(contribution, release);
  if (after.errors.length) return { ok: false, errors: after.errors, warnings: issues.warnings };
  return { ok: true, contribution, warnings: issues.warnings };
}

/** Schema validation of every object, and the secret leak check. */
function verifyOutput(contribution: FluxContribution, release: (typeof RELEASES)[AgentgatewayRelease]): IssueList {
  const issues = new IssueList();
  const secrets = contribution.secretValues ?? [];
  for (const app of contribution.apps ?? []) {
    for (const f of app.files) {
      f.documents.forEach((doc, i) => {
        const where = `${app.namespace}/${app.name}/app/${f.path}#${i + 1}`;
        for (const problem of schemaProblems(doc, release)) {
          issues.error("E-SCHEMA-001", where, `${String(doc.kind)} "${String((doc.metadata as Doc | undefined)?.name)}" does not match the ${release.id} schema: ${problem}`);
        }
        if (!f.path.endsWith(".sops.yaml")) {
          const text = JSON.stringify(doc);
          if (secrets.some((s) => s && text.includes(s))) {
            issues.error("E-SECRET-001", where, `a secret value would be written outside a *.sops.yaml file; secrets belong in secret.sops.yaml only`);
          }
        }
      });
    }
  }
  const realm = JSON.stringify(contribution.keycloakRealm ?? {});
  if (secrets.some((s) => s && realm.includes(s))) {
    issues.error("E-SECRET-001", "keycloakRealm", "a secret value would be written into the realm import ConfigMap; secrets belong in *.sops.yaml only");
  }
  return issues;
}
