/** Flux sources and Helm releases of the agentgateway CRD and controller charts (pinned). */
import type { FluxApp } from "@talos-cluster/flux-apps";
import type { ReleaseInfo } from "./releases.js";

type Doc = Record<string, unknown>;

function ociRepository(name: string, url: string, tag: string): Doc {
  return {
    apiVersion: "source.toolkit.fluxcd.io/v1",
    kind: "OCIRepository",
    metadata: { name },
    spec: {
      interval: "1h",
      url,
      ref: { tag },
      layerSelector: { mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", operation: "copy" },
    },
  };
}

function helmRelease(name: string, extra: Doc): Doc {
  return {
    apiVersion: "helm.toolkit.fluxcd.io/v2",
    kind: "HelmRelease",
    metadata: { name },
    spec: {
      interval: "1h",
      chartRef: { kind: "OCIRepository", name },
      install: { remediation: { retries: 3 } },
      upgrade: { cleanupOnFail: true, remediation: { retries: 3 } },
      ...extra,
    },
  };
}

export function renderChartApps(namespace: string, release: ReleaseInfo, version: string): FluxApp[] {
  const crds = release.crdsChart;
  const controller = release.controllerChart;
  return [
    {
      namespace,
      name: crds,
      kustomization: { wait: true, timeout: "5m" },
      files: [
        { path: "ocirepository.yaml", documents: [ociRepository(crds, `${release.chartBase}/${crds}`, version)] },
        { path: "helmrelease.yaml", documents: [helmRelease(crds, {})] },
      ],
    },
    {
      namespace,
      name: controller,
      kustomization: { dependsOn: [{ name: crds }], wait: true, timeout: "10m" },
      files: [
        { path: "ocirepository.yaml", documents: [ociRepository(controller, `${release.chartBase}/${controller}`, version)] },
        { path: "helmrelease.yaml", documents: [helmRelease(controller, { timeout: "10m" })] },
      ],
    },
  ];
}
