import { toYaml, toYamlDocuments } from "@talos-cluster/config-schema";
import type { FluxContribution } from "@talos-cluster/flux-apps";
import { type BuildResult, formatIssues } from "../src/index.js";

export function expectOk(result: BuildResult): FluxContribution {
  if (!result.ok) throw new Error(`expected a valid build, got:\n${formatIssues(result.errors)}`);
  return result.contribution;
}

export function expectErrors(result: BuildResult): string {
  if (result.ok) throw new Error("expected errors, the build succeeded");
  return formatIssues(result.errors);
}

/**
 * The files an app becomes in the tree (a minimal stand-in for flux-apps' serializer): each app file, plus an
 * `app/kustomization.yaml` listing them.
 */
export function appFiles(contribution: FluxContribution): Map<string, string> {
  const files = new Map<string, string>();
  for (const app of contribution.apps ?? []) {
    const dir = `kubernetes/apps/${app.namespace}/${app.name}/app`;
    for (const file of app.files) files.set(`${dir}/${file.path}`, toYamlDocuments(file.documents));
    files.set(
      `${dir}/kustomization.yaml`,
      toYaml({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: app.files.map((f) => `./${f.path}`) }),
    );
  }
  return files;
}

/** Everything the contribution carries, as one readable text (golden files). */
export function goldenText(contribution: FluxContribution): string {
  const parts: string[] = [];
  for (const [path, text] of appFiles(contribution)) parts.push(`# ==> ${path}\n${text}`);
  const rest = { ...contribution };
  delete rest.apps;
  parts.push(`# ==> contribution (namespaces, Flux settings, tunnel, DNS, Keycloak realm)\n${toYaml({
    namespaces: rest.namespaces,
    kustomizations: (contribution.apps ?? []).map((a) => ({ namespace: a.namespace, name: a.name, ...a.kustomization })),
    tunnelIngress: rest.tunnelIngress,
    tunnelDnsHostnames: rest.tunnelDnsHostnames,
    keycloakRealm: rest.keycloakRealm,
    secretValues: rest.secretValues?.map(() => "<redacted>"),
  })}`);
  return parts.join("\n");
}
