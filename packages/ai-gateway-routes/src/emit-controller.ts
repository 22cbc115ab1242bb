import type { FluxApp } from "@talos-cluster/flux-apps";
import type { AiGatewayReleaseInfo } from "./releases.js";
import type { ChartPin } from "./types.js";

/** Namespace of the AI Gateway controller; the Envoy Gateway extension manager dials its Service there. */
export const CONTROLLER_NAMESPACE = "envoy-ai-gateway-system";
/** The controller chart's Service (`fullnameOverride`) and its gRPC extension-server port. */
export const CONTROLLER_SERVICE = "ai-gateway-controller";
export const EXTENSION_SERVER_PORT = 1063;

function chartApp(
  name: string,
  chart: { url: string; version: string },
  helmRelease: Record<string, unknown>,
  dependsOn: string[],
): FluxApp {
  return {
    namespace: CONTROLLER_NAMESPACE,
    name,
    kustomization: {
      ...(dependsOn.length ? { dependsOn: dependsOn.map((n) => ({ name: n })) } : {}),
      wait: true,
      timeout: "5m",
    },
    files: [
      {
        path: "ocirepository.yaml",
        documents: [
          {
            apiVersion: "source.toolkit.fluxcd.io/v1",
            kind: "OCIRepository",
            metadata: { name, namespace: CONTROLLER_NAMESPACE },
            spec: {
              interval: "1h",
              layerSelector: { mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", operation: "copy" },
              ref: { tag: chart.version },
              url: chart.url,
            },
          },
        ],
      },
      {
        path: "helmrelease.yaml",
        documents: [
          {
            apiVersion: "helm.toolkit.fluxcd.io/v2",
            kind: "HelmRelease",
            metadata: { name, namespace: CONTROLLER_NAMESPACE },
            spec: {
              chartRef: { kind: "OCIRepository", name },
              interval: "1h",
              ...helmRelease,
            },
          },
        ],
      },
    ],
  };
}

/**
 * The two apps that install Envoy AI Gateway: `ai-gateway-crds` (the CRD chart) and
 * `ai-gateway` (the controller, after the CRDs), both pinned to the release's chart version.
 */
export function controllerApps(
  release: AiGatewayReleaseInfo,
  charts: { crds?: ChartPin; controller?: ChartPin } | undefined,
): FluxApp[] {
  const crds = { ...release.charts.crds, ...charts?.crds };
  const controller = { ...release.charts.controller, ...charts?.controller };
  return [
    chartApp(
      "ai-gateway-crds",
      crds,
      {
        install: { crds: "CreateReplace", remediation: { retries: -1 } },
        upgrade: { crds: "CreateReplace", remediation: { retries: 3 } },
      },
      [],
    ),
    chartApp(
      "ai-gateway",
      controller,
      {
        dependsOn: [{ name: "ai-gateway-crds" }],
        install: { remediation: { retries: -1 } },
        upgrade: { cleanupOnFail: true, remediation: { retries: 3 } },
      },
      ["ai-gateway-crds"],
    ),
  ];
}

/**
 * Envoy Gateway Helm values AI Gateway needs (`manifests/envoy-gateway-values.yaml` of the
 * release): the Backend API, EnvoyPatchPolicy, and the extension manager with the nested
 * `xdsTranslator.translation` + `post` hooks pointing at the controller's extension server.
 */
export function envoyGatewayValues(): Record<string, unknown> {
  return {
    config: {
      envoyGateway: {
        extensionApis: { enableEnvoyPatchPolicy: true, enableBackend: true },
        extensionManager: {
          hooks: {
            xdsTranslator: {
              translation: {
                listener: { includeAll: true },
                route: { includeAll: true },
                cluster: { includeAll: true },
                secret: { includeAll: true },
              },
              post: ["Translation", "Cluster", "Route"],
            },
          },
          service: {
            fqdn: {
              hostname: `${CONTROLLER_SERVICE}.${CONTROLLER_NAMESPACE}.svc.cluster.local`,
              port: EXTENSION_SERVER_PORT,
            },
          },
        },
      },
    },
  };
}
