/**
 * The app model shared by every generator that contributes Flux apps (flux-apps' own catalog,
 * ai-gateway-routes, mcp-oauth-proxy-config). An app becomes
 * `kubernetes/apps/<namespace>/<name>/ks.yaml` (a Flux Kustomization) and
 * `kubernetes/apps/<namespace>/<name>/app/<file>` for each of its files, with an
 * `app/kustomization.yaml` listing them.
 */

/** A reference to another Flux Kustomization this app waits for. */
export interface FluxDependency {
  name: string;
  /** Defaults to the app's own namespace. */
  namespace?: string;
}

export interface FluxHealthCheck {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** Settings of the app's Flux `Kustomization` (kustomize.toolkit.fluxcd.io/v1). */
export interface FluxKustomizationSettings {
  dependsOn?: FluxDependency[];
  /** `spec.wait`; omitted when undefined. */
  wait?: boolean;
  /** e.g. "5m"; omitted when undefined. */
  timeout?: string;
  /** Defaults to "1h". */
  interval?: string;
  /** Defaults to the app's namespace. */
  targetNamespace?: string;
  /** Substitute `${VAR}` from the `cluster-secrets` Secret (postBuild.substituteFrom). */
  substituteFromClusterSecrets?: boolean;
  healthChecks?: FluxHealthCheck[];
  healthCheckExprs?: Array<{ apiVersion: string; kind: string; current?: string; failed?: string; inProgress?: string }>;
}

/** One file of the app's `app/` directory: a list of Kubernetes objects. */
export interface FluxAppFile {
  /** File name relative to `app/`, e.g. "helmrelease.yaml" or "secret.sops.yaml". */
  path: string;
  /** Kubernetes objects, serialized in order with `---` separators. */
  documents: Record<string, unknown>[];
}

/** A Helm release that the bootstrap helmfiles install before Flux takes over. */
export interface BootstrapRelease {
  /** Release name, e.g. "cilium". */
  name: string;
  namespace: string;
  /** OCI or repository chart reference, e.g. "oci://ghcr.io/home-operations/charts-mirror/cilium". */
  chart: string;
  version: string;
  /** Release names this one needs (helmfile `needs`, as "<namespace>/<name>"). */
  needs?: string[];
  /** Install only the CRDs of the chart (00-crds.yaml) instead of the app (01-apps.yaml). */
  crdsOnly?: boolean;
  /** Values file taken from the app's HelmRelease values (`../../kubernetes/apps/...`). */
  valuesFromApp?: boolean;
}

export interface FluxApp {
  /** Namespace directory under kubernetes/apps/. */
  namespace: string;
  /** App directory and Flux Kustomization name. */
  name: string;
  kustomization: FluxKustomizationSettings;
  files: FluxAppFile[];
  bootstrap?: BootstrapRelease[];
}

/** Labels/annotations for a namespace directory's `namespace.yaml`. */
export interface FluxNamespace {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Include the `components/sops` component (cluster-secrets) in this namespace. Default true. */
  sopsComponent?: boolean;
}

/**
 * What another package (ai-gateway-routes, mcp-oauth-proxy-config) adds to the tree built by
 * flux-apps. The caller (create-talos-cluster) passes every contribution to the tree builder.
 */
export interface FluxContribution {
  /** Who contributes (e.g. "@talos-cluster/ai-gateway-routes"); used in error messages. */
  name?: string;
  /** Namespace directories this contribution creates (namespace.yaml + kustomization.yaml). */
  namespaces?: FluxNamespace[];
  apps?: FluxApp[];
  /** Deep-merged into the `spec.values` of an existing HelmRelease of the tree (e.g. envoy-gateway's extension manager). */
  helmValues?: Array<{ namespace: string; name: string; values: Record<string, unknown> }>;
  /** Cloudflare tunnel ingress rules for extra hostnames, placed before any wildcard rule that would also match. */
  tunnelIngress?: Array<{ hostname: string; service: string; originRequest?: Record<string, unknown> }>;
  /** Extra hostnames external-dns must publish as CNAMEs to the tunnel (DNSEndpoint). */
  tunnelDnsHostnames?: string[];
  /** Fragments merged into the Keycloak realm import (keycloak app). */
  keycloakRealm?: {
    clientScopes?: Record<string, unknown>[];
    clients?: Record<string, unknown>[];
    /** Realm `components`, keyed by provider type (e.g. "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"). */
    components?: Record<string, Record<string, unknown>[]>;
    defaultDefaultClientScopes?: string[];
  };
  /** Values that must never appear in plaintext outside `*.sops.yaml` (leak check). */
  secretValues?: string[];
}
