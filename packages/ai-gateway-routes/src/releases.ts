/**
 * The Envoy AI Gateway releases this package targets, with the Envoy Gateway / Gateway API
 * releases they pair with (versions.md §1–§3) and what each release's API has.
 */
export type AiGatewayRelease = "v1.1.0" | "v0.5.0";

export const DEFAULT_AI_GATEWAY_RELEASE: AiGatewayRelease = "v1.1.0";

export interface AiGatewayReleaseInfo {
  release: AiGatewayRelease;
  /** apiVersion of AIGatewayRoute, AIServiceBackend and BackendSecurityPolicy. */
  aiGatewayApiVersion: "aigateway.envoyproxy.io/v1beta1" | "aigateway.envoyproxy.io/v1alpha1";
  /** The Envoy Gateway release it is built on and tested with. */
  envoyGateway: string;
  /** The oldest Envoy Gateway release it supports (compatibility table of the release's docs). */
  envoyGatewayMin: string;
  /** The Gateway API bundle of that Envoy Gateway release. */
  gatewayApi: string;
  charts: {
    crds: { url: string; version: string };
    controller: { url: string; version: string };
  };
  /** Version-gated fields. */
  features: {
    /** AIGatewayRoute `spec.hostnames` (v0.7.0+). */
    routeHostnames: boolean;
    /** AIGatewayRoute `rules[].streamIdleTimeout` (v1.1.0+). */
    streamIdleTimeout: boolean;
  };
}

const CRDS_CHART = "oci://docker.io/envoyproxy/ai-gateway-crds-helm";
const CONTROLLER_CHART = "oci://docker.io/envoyproxy/ai-gateway-helm";

export const AI_GATEWAY_RELEASES: Readonly<Record<AiGatewayRelease, AiGatewayReleaseInfo>> = {
  "v1.1.0": {
    release: "v1.1.0",
    aiGatewayApiVersion: "aigateway.envoyproxy.io/v1beta1",
    envoyGateway: "v1.8.1",
    envoyGatewayMin: "v1.8.1",
    gatewayApi: "v1.5.1",
    charts: {
      crds: { url: CRDS_CHART, version: "v1.1.0" },
      controller: { url: CONTROLLER_CHART, version: "v1.1.0" },
    },
    features: { routeHostnames: true, streamIdleTimeout: true },
  },
  "v0.5.0": {
    release: "v0.5.0",
    aiGatewayApiVersion: "aigateway.envoyproxy.io/v1alpha1",
    envoyGateway: "v1.6.1",
    envoyGatewayMin: "v1.6.0",
    gatewayApi: "v1.4.1",
    charts: {
      crds: { url: CRDS_CHART, version: "v0.5.0" },
      controller: { url: CONTROLLER_CHART, version: "v0.5.0" },
    },
    features: { routeHostnames: false, streamIdleTimeout: false },
  },
};

export function isAiGatewayRelease(value: string): value is AiGatewayRelease {
  return Object.hasOwn(AI_GATEWAY_RELEASES, value);
}

/**
 * Why a chart tag is not a release pin, or undefined when it is one. Exact release tags only:
 * `v1.1.0`, `1.1.0`, `v1.2.0-rc.1`; never `latest`, `v0.0.0-latest`, `*-main` or a semver range.
 */
export function floatingTagReason(tag: string): string | undefined {
  if (tag === "" ) return "is empty";
  if (/latest/i.test(tag)) return "floats with upstream main";
  if (/(^|[-.])(main|master|dev|nightly|snapshot)($|[-.])/i.test(tag)) return "is a development build that floats with upstream";
  if (!/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(tag)) return "is not an exact release version (ranges and wildcards float)";
  return undefined;
}

/** Compares two "v1.2.3" versions; undefined when one is not a release version. */
export function compareVersions(a: string, b: string): number | undefined {
  const parse = (v: string) => /^v?(\d+)\.(\d+)\.(\d+)/.exec(v)?.slice(1).map(Number);
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return 0;
}
