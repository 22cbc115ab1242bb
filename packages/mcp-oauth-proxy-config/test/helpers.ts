import { toYaml } from "@talos-cluster/config-schema";
import { type FluxContribution, serializeFluxApp } from "@talos-cluster/flux-apps";
import { type BuildResult, formatIssues } from "../src/index.js";

export function expectOk(result: BuildResult): FluxContribution {
  if (!result.ok) throw new Error(`expected a valid build, got:\n${formatIssues(result.errors)}`);
  return result.contribution;
}

export function expectErrors(result: BuildResult): string {
  if (result.ok) throw new Error("expected errors, the build succeeded");
  return formatIssues(result.errors);
}

/** The files the apps become in the cluster tree, serialized by flux-apps (ks.yaml, app/kustomization.yaml, app files). */
export function appFiles(contribution: FluxContribution): Map<string, string> {
  const files = new Map<string, string>();
  for (const app of contribution.apps ?? []) for (const [path, text] of serializeFluxApp(app)) files.set(path, text);
  return files;
}

/** Everything the contribution carries, as one readable text (golden files). */
export function goldenText(contribution: FluxContribution): string {
  const parts: string[] = [];
  for (const [path, text] of appFiles(contribution)) parts.push(`# ==> ${path}\n${text}`);
  const rest = { ...contribution };
  delete rest.apps;
  parts.push(`# ==> contribution (namespaces, tunnel, DNS, Keycloak realm)\n${toYaml({
    namespaces: rest.namespaces,
    tunnelIngress: rest.tunnelIngress,
    tunnelDnsHostnames: rest.tunnelDnsHostnames,
    keycloakRealm: rest.keycloakRealm,
    secretValues: rest.secretValues?.map(() => "<redacted>"),
  })}`);
  return parts.join("\n");
}
