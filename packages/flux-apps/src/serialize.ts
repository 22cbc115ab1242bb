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

/**
 * Turns an app into its files: `ks.yaml`, `app/kustomization.yaml` (listing every file of the app
 * in order) and one file per `FluxAppFile`. Paths are relative to the repository root.
 */
export function serializeFluxApp(app: FluxApp): Map<string, string> {
  const dir = appDir(app);
  const files = new Map<string, string>();
  files.set(`${dir}/ks.yaml`, toYamlDocuments([fluxKustomizationOf(app)]));
  const names = app.files.map((f) => f.path);
  files.set(
    `${dir}/app/kustomization.yaml`,
    toYamlDocuments([
      {
        apiVersion: "kustomize.config.k8s.io/v1beta1",
        kind: "Kustomization",
        resources: names.map((n) => `./${n}`),
      },
    ]),
  );
  for (const file of app.files) {
    files.set(`${dir}/app/${file.path}`, toYamlDocuments(file.documents));
  }
  return files;
}

/**
 * A namespace directory: `namespace.yaml` (with the prune-disabled annotation, so deleting the
 * directory never deletes the namespace) and `kustomization.yaml` listing the apps' `ks.yaml`.
 */
export function serializeNamespace(ns: FluxNamespace, appNames: readonly string[]): Map<string, string> {
  const dir = `kubernetes/apps/${ns.name}`;
  const files = new Map<string, string>();
  files.set(
    `${dir}/namespace.yaml`,
    toYamlDocuments([
      {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
          name: ns.name,
          annotations: { [PRUNE_DISABLED]: "disabled", ...ns.annotations },
          labels: ns.labels && Object.keys(ns.labels).length > 0 ? ns.labels : undefined,
        },
      },
    ]),
  );
  files.set(
    `${dir}/kustomization.yaml`,
    toYamlDocuments([
      {
        apiVersion: "kustomize.config.k8s.io/v1beta1",
        kind: "Kustomization",
        namespace: ns.name,
        components: ns.sopsComponent === false ? undefined : ["../../components/sops"],
        resources: ["./namespace.yaml", ...[...appNames].sort().map((n) => `./${n}/ks.yaml`)],
      },
    ]),
  );
  return files;
}
