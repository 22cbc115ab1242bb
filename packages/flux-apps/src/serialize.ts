import { toYamlDocuments } from "@talos-cluster/config-schema";
import type { FluxApp, FluxDependency, FluxNamespace } from "./app-model.js";

/** Directory of an app inside the repository, e.g. `kubernetes/apps/default/echo`. */
export function appDir(app: Pick<FluxApp, "namespace" | "name">): string {
  return `kubernetes/apps/${app.namespace}/${app.name}`;
}

const PRUNE_DISABLED = "kustomize.toolkit.fluxcd.io/prune";

function dependency(app: FluxApp, dep: FluxDependency): { name: string; namespace: string } {
  return { name: dep.name, namespace: dep.namespace ?? app.namespace };
}

/** The Flux Kustomization (`ks.yaml`) object of an app. */
export function fluxKustomizationOf(app: FluxApp): Record<string, unknown> {
  const k = app.kustomization;
  return {
    apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    kind: "Kustomization",
    metadata: { name: app.name, namespace: app.namespace },
    spec: {
      dependsOn: k.dependsOn && k.dependsOn.length > 0 ? k.dependsOn.map((d) => dependency(app, d)) : undefined,
      healthChecks: k.healthChecks && k.healthChecks.length > 0 ? k.healthChecks : undefined,
      healthCheckExprs: k.healthCheckExprs && k.healthCheckExprs.length > 0 ? k.healthCheckExprs : undefined,
      interval: k.interval ?? "1h",
      path: `./${appDir(app)}/app`,
      postBuild: k.substituteFromClusterSecrets
        ? { substituteFrom: [{ kind: "Secret", name: "cluster-secrets" }] }
        : undefined,
      prune: true,
      sourceRef: { kind: "GitRepository", name: "flux-system", namespace: "flux-system" },
      targetNamespace: k.targetNamespace ?? app.namespace,
      timeout: k.timeout,
      wait: k.wait,
    },
  };
}

/** The documents of each file of an app, before they are written as YAML (see {@link serializeFluxApp}). */
export function fluxAppDocuments(app: FluxApp): Map<string, readonly unknown[]> {
  const dir = appDir(app);
  const files = new Map<string, readonly unknown[]>();
  files.set(`${dir}/ks.yaml`, [fluxKustomizationOf(app)]);
  files.set(`${dir}/app/kustomization.yaml`, [
    {
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      resources: app.files.map((f) => `./${f.path}`),
    },
  ]);
  for (const file of app.files) files.set(`${dir}/app/${file.path}`, file.documents);
  return files;
}

/** Each file's documents written with the shared YAML writer. */
export function writeDocuments(documents: ReadonlyMap<string, readonly unknown[]>): Map<string, string> {
  return new Map([...documents].map(([path, docs]) => [path, toYamlDocuments(docs)]));
}

/**
 * Turns an app into its files: `ks.yaml`, `app/kustomization.yaml` (listing every file of the app
 * in order) and one file per `FluxAppFile`. Paths are relative to the repository root.
 */
export function serializeFluxApp(app: FluxApp): Map<string, string> {
  return writeDocuments(fluxAppDocuments(app));
}

/**
 * A namespace directory: `namespace.yaml` (with the prune-disabled annotation, so deleting the
 * directory never deletes the namespace) and `kustomization.yaml` listing the apps' `ks.yaml`.
 */
export function serializeNamespace(ns: FluxNamespace, appNames: readonly string[]): Map<string, string> {
  return writeDocuments(namespaceDocuments(ns, appNames));
}

/** The documents of a namespace directory's files (see {@link serializeNamespace}). */
export function namespaceDocuments(ns: FluxNamespace, appNames: readonly string[]): Map<string, readonly unknown[]> {
  const dir = `kubernetes/apps/${ns.name}`;
  const files = new Map<string, readonly unknown[]>();
  files.set(
    `${dir}/namespace.yaml`,
    [
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name: ns.name,
          annotations: { [PRUNE_DISABLED]: "disabled", ...ns.annotations },
          labels: ns.labels && Object.keys(ns.labels).length > 0 ? ns.labels : undefined,
        },
      },
    ],
  );
  files.set(
    `${dir}/kustomization.yaml`,
    [
      {
        apiVersion: "kustomize.config.k8s.io/v1beta1",
        kind: "Kustomization",
        namespace: ns.name,
        components: ns.sopsComponent === false ? undefined : ["../../components/sops"],
        resources: ["./namespace.yaml", ...[...appNames].sort().map((n) => `./${n}/ks.yaml`)],
      },
    ],
  );
  return files;
}
