import { CHARTS, type ChartKey } from "./versions.js";

/** `OCIRepository` serving a chart pinned in the catalog. */
export function ociRepository(name: string, chart: ChartKey): Record<string, unknown> {
  const pin = CHARTS[chart];
  return {
    apiVersion: "source.toolkit.fluxcd.io/v1",
    kind: "OCIRepository",
    metadata: { name },
    spec: {
      interval: "15m",
      layerSelector: { mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", operation: "copy" },
      ref: { tag: pin.version },
      url: pin.url,
    },
  };
}

/** `HelmRepository` for a chart pinned in the catalog (the HelmRelease names the version). */
export function helmRepository(name: string, chart: ChartKey): Record<string, unknown> {
  return {
    apiVersion: "source.toolkit.fluxcd.io/v1",
    kind: "HelmRepository",
    metadata: { name },
    spec: { interval: "24h", url: CHARTS[chart].url },
  };
}

/**
 * A plain `v1 Secret` with `stringData`; it always goes into a `*.sops.yaml` file. App secrets opt
 * out of Flux `${VAR}` substitution so that a `$` in a password is never rewritten.
 */
export function secret(
  name: string,
  stringData: Record<string, string>,
  extra: { namespace?: string; type?: string; substitute?: boolean } = {},
): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name,
      namespace: extra.namespace,
      annotations: extra.substitute === false ? { "kustomize.toolkit.fluxcd.io/substitute": "disabled" } : undefined,
    },
    type: extra.type,
    stringData,
  };
}
