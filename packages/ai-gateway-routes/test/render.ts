import { toYaml, toYamlDocuments } from "@talos-cluster/config-schema";
import type { FluxContribution } from "@talos-cluster/flux-apps";

/** Every file the contribution puts in the tree, keyed by its path under kubernetes/apps/. */
export function contributionFiles(c: FluxContribution): Map<string, string> {
  const files = new Map<string, string>();
  for (const app of c.apps ?? []) {
    for (const file of app.files) {
      files.set(`${app.namespace}/${app.name}/app/${file.path}`, toYamlDocuments(file.documents));
    }
  }
  return files;
}

/** The whole contribution as one reviewable text: namespaces, Flux settings, files, Helm values. */
export function renderContribution(c: FluxContribution): string {
  const parts: string[] = [];
  parts.push(`# namespaces\n${toYaml(c.namespaces ?? [])}`);
  for (const app of c.apps ?? []) {
    parts.push(`# ${app.namespace}/${app.name}/ks.yaml settings\n${toYaml(app.kustomization)}`);
    for (const file of app.files) {
      parts.push(`# ${app.namespace}/${app.name}/app/${file.path}\n${toYamlDocuments(file.documents)}`);
    }
  }
  for (const hv of c.helmValues ?? []) {
    parts.push(`# values merged into HelmRelease ${hv.namespace}/${hv.name}\n${toYaml(hv.values)}`);
  }
  parts.push(`# secretValues: ${(c.secretValues ?? []).length}\n`);
  return parts.join("\n");
}
