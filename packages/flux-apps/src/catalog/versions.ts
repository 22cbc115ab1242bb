/**
 * The single place for every chart, image and artifact version this package emits.
 *
 * Each entry carries a `// renovate:` comment on the line above it, so a Renovate `customManagers`
 * regex (see README) keeps the pins current. Versions are exact: no `latest`, no `*-main`, no
 * ranges (enforced by test/versions.test.ts).
 */

export interface ChartPin {
  /** `oci://…` for an OCIRepository, `https://…` for a HelmRepository. */
  url: string;
  /** Chart name (HelmRepository charts) or the last path segment of the OCI URL. */
  chart: string;
  version: string;
}

export interface ImagePin {
  repository: string;
  tag: string;
}

export const CHARTS = {
  // renovate: datasource=docker depName=ghcr.io/home-operations/charts-mirror/cilium
  cilium: { url: "oci://ghcr.io/home-operations/charts-mirror/cilium", chart: "cilium", version: "1.18.4" },
  // renovate: datasource=docker depName=ghcr.io/coredns/charts/coredns
  coredns: { url: "oci://ghcr.io/coredns/charts/coredns", chart: "coredns", version: "1.45.0" },
  // renovate: datasource=docker depName=ghcr.io/home-operations/charts-mirror/metrics-server
  "metrics-server": {
    url: "oci://ghcr.io/home-operations/charts-mirror/metrics-server",
    chart: "metrics-server",
    version: "3.13.0",
  },
  // renovate: datasource=docker depName=ghcr.io/stakater/charts/reloader
  reloader: { url: "oci://ghcr.io/stakater/charts/reloader", chart: "reloader", version: "2.2.5" },
  // renovate: datasource=docker depName=ghcr.io/spegel-org/helm-charts/spegel
  spegel: { url: "oci://ghcr.io/spegel-org/helm-charts/spegel", chart: "spegel", version: "0.5.1" },
  // renovate: datasource=docker depName=quay.io/jetstack/charts/cert-manager
  "cert-manager": { url: "oci://quay.io/jetstack/charts/cert-manager", chart: "cert-manager", version: "v1.19.1" },
  // renovate: datasource=docker depName=ghcr.io/bjw-s-labs/helm/app-template
  "app-template": { url: "oci://ghcr.io/bjw-s-labs/helm/app-template", chart: "app-template", version: "4.5.0" },
  // renovate: datasource=docker depName=ghcr.io/controlplaneio-fluxcd/charts/flux-operator
  "flux-operator": {
    url: "oci://ghcr.io/controlplaneio-fluxcd/charts/flux-operator",
    chart: "flux-operator",
    version: "0.35.0",
  },
  // renovate: datasource=docker depName=ghcr.io/controlplaneio-fluxcd/charts/flux-instance
  "flux-instance": {
    url: "oci://ghcr.io/controlplaneio-fluxcd/charts/flux-instance",
    chart: "flux-instance",
    version: "0.35.0",
  },
  // renovate: datasource=docker depName=ghcr.io/home-operations/charts-mirror/external-dns
  "external-dns": {
    url: "oci://ghcr.io/home-operations/charts-mirror/external-dns",
    chart: "external-dns",
    version: "1.19.0",
  },
  // renovate: datasource=docker depName=mirror.gcr.io/envoyproxy/gateway-helm
  "envoy-gateway": { url: "oci://mirror.gcr.io/envoyproxy/gateway-helm", chart: "gateway-helm", version: "v1.8.1" },
  // renovate: datasource=docker depName=ghcr.io/k8s-gateway/charts/k8s-gateway
  "k8s-gateway": { url: "oci://ghcr.io/k8s-gateway/charts/k8s-gateway", chart: "k8s-gateway", version: "3.2.8" },
  // renovate: datasource=helm registryUrl=https://cloudnative-pg.github.io/charts depName=cloudnative-pg
  "cloudnative-pg": { url: "https://cloudnative-pg.github.io/charts", chart: "cloudnative-pg", version: "0.26.1" },
  // renovate: datasource=docker depName=ghcr.io/sergelogvinov/charts/proxmox-csi-plugin
  "proxmox-csi-plugin": {
    url: "oci://ghcr.io/sergelogvinov/charts/proxmox-csi-plugin",
    chart: "proxmox-csi-plugin",
    version: "0.5.1",
  },
  // renovate: datasource=helm registryUrl=https://codecentric.github.io/helm-charts depName=keycloak
  keycloak: { url: "https://codecentric.github.io/helm-charts", chart: "keycloak", version: "18.10.0" },
  // renovate: datasource=docker depName=ghcr.io/prometheus-community/charts/kube-prometheus-stack
  "kube-prometheus-stack": {
    url: "oci://ghcr.io/prometheus-community/charts/kube-prometheus-stack",
    chart: "kube-prometheus-stack",
    version: "79.12.0",
  },
} as const satisfies Record<string, ChartPin>;

export type ChartKey = keyof typeof CHARTS;

export const IMAGES = {
  // renovate: datasource=docker depName=docker.io/cloudflare/cloudflared
  cloudflared: { repository: "docker.io/cloudflare/cloudflared", tag: "2025.11.1" },
  // renovate: datasource=docker depName=ghcr.io/mendhak/http-https-echo
  echo: { repository: "ghcr.io/mendhak/http-https-echo", tag: "38" },
  // renovate: datasource=docker depName=quay.io/keycloak/keycloak
  keycloak: { repository: "quay.io/keycloak/keycloak", tag: "26.4.7" },
  // renovate: datasource=docker depName=quay.io/adorsys/keycloak-config-cli
  "keycloak-config-cli": { repository: "quay.io/adorsys/keycloak-config-cli", tag: "6.5.1-26.1.0" },
  // renovate: datasource=docker depName=ghcr.io/sergelogvinov/proxmox-csi-controller
  "proxmox-csi-controller": { repository: "ghcr.io/sergelogvinov/proxmox-csi-controller", tag: "v0.16.0" },
  // renovate: datasource=docker depName=ghcr.io/sergelogvinov/proxmox-csi-node
  "proxmox-csi-node": { repository: "ghcr.io/sergelogvinov/proxmox-csi-node", tag: "v0.16.0" },
  // renovate: datasource=docker depName=registry.k8s.io/sig-storage/csi-provisioner
  "csi-provisioner": { repository: "registry.k8s.io/sig-storage/csi-provisioner", tag: "v6.1.0" },
  // renovate: datasource=docker depName=registry.k8s.io/sig-storage/csi-attacher
  "csi-attacher": { repository: "registry.k8s.io/sig-storage/csi-attacher", tag: "v4.10.0" },
  // renovate: datasource=docker depName=registry.k8s.io/sig-storage/csi-resizer
  "csi-resizer": { repository: "registry.k8s.io/sig-storage/csi-resizer", tag: "v2.0.0" },
  // renovate: datasource=docker depName=registry.k8s.io/sig-storage/csi-node-driver-registrar
  "csi-node-driver-registrar": { repository: "registry.k8s.io/sig-storage/csi-node-driver-registrar", tag: "v2.15.0" },
  // renovate: datasource=docker depName=ghcr.io/cloudnative-pg/postgresql
  postgresql: { repository: "ghcr.io/cloudnative-pg/postgresql", tag: "17.6-minimal-trixie" },
} as const satisfies Record<string, ImagePin>;

export type ImageKey = keyof typeof IMAGES;

export const ARTIFACTS = {
  // renovate: datasource=docker depName=ghcr.io/controlplaneio-fluxcd/flux-operator-manifests
  "flux-operator-manifests": { repository: "oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests", tag: "v0.35.0" },
  // renovate: datasource=github-releases depName=fluxcd/flux2
  flux: { repository: "fluxcd/flux2", tag: "2.7.5" },
} as const satisfies Record<string, ImagePin>;

/** `repository:tag` of a pinned image. */
export function imageRef(key: ImageKey): string {
  const pin: ImagePin = IMAGES[key];
  return `${pin.repository}:${pin.tag}`;
}

/** Every pinned version, for the no-floating-tags check and for templates (`versions.*`). */
export function allPins(): Array<{ name: string; version: string }> {
  return [
    ...Object.entries(CHARTS).map(([name, p]) => ({ name: `chart ${name}`, version: p.version })),
    ...Object.entries(IMAGES).map(([name, p]) => ({ name: `image ${name}`, version: p.tag })),
    ...Object.entries(ARTIFACTS).map(([name, p]) => ({ name: `artifact ${name}`, version: p.tag })),
  ];
}
