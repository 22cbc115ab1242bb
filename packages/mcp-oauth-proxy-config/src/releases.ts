/**
 * The agentgateway releases this package can target, with everything that differs between them:
 * chart locations and exact versions, the GatewayClass controllerName, and the schema set the output
 * is validated against.
 */
export type AgentgatewayRelease = "v1.4.1" | "kgateway-v2.2.0-beta.3";

export const DEFAULT_RELEASE: AgentgatewayRelease = "v1.4.1";

export interface ReleaseInfo {
  id: AgentgatewayRelease;
  /** Helm chart OCI repository base (Flux OCIRepository url = `<base>/<chart>`). */
  chartBase: string;
  crdsChart: string;
  controllerChart: string;
  chartVersion: string;
  /** GatewayClass spec.controllerName handled by that release's controller (immutable on a GatewayClass). */
  controllerName: string;
  /** Folder under schemas/agentgateway.dev. */
  agentgatewaySchemas: string;
  /** Folder under schemas/gateway.networking.k8s.io. */
  gatewayApiSchemas: string;
  /**
   * "traffic": MCP auth in `AgentgatewayPolicy.spec.traffic.jwtAuthentication` (+ `.mcp`) on the route, Strict by CRD rule.
   * "backend+traffic": kgateway era, where `backend.mcp.authentication` has no `mode` (the controller defaults to
   * Optional): resource metadata on the backend, Strict enforced by a separate traffic JWT policy on the MCP route.
   */
  authStyle: "traffic" | "backend+traffic";
}

export const RELEASES: Record<AgentgatewayRelease, ReleaseInfo> = {
  "v1.4.1": {
    id: "v1.4.1",
    chartBase: "oci://cr.agentgateway.dev/charts",
    crdsChart: "agentgateway-crds",
    controllerChart: "agentgateway",
    chartVersion: "v1.4.1",
    controllerName: "agentgateway.dev/agentgateway",
    agentgatewaySchemas: "v1.4.1",
    gatewayApiSchemas: "v1.5.1",
    authStyle: "traffic",
  },
  "kgateway-v2.2.0-beta.3": {
    id: "kgateway-v2.2.0-beta.3",
    chartBase: "oci://ghcr.io/kgateway-dev/charts",
    crdsChart: "agentgateway-crds",
    controllerChart: "agentgateway",
    chartVersion: "v2.2.0-beta.3",
    controllerName: "kgateway.dev/agentgateway",
    agentgatewaySchemas: "kgateway-main-2025-12-10",
    gatewayApiSchemas: "v1.4.1",
    authStyle: "backend+traffic",
  },
};

export function isRelease(value: unknown): value is AgentgatewayRelease {
  return typeof value === "string" && Object.hasOwn(RELEASES, value);
}

/** Why a chart tag floats, or undefined when it is an exact release tag. */
export function floatingTagReason(tag: string): string | undefined {
  if (!/^v?\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(tag)) return "is not an exact version (ranges and names move)";
  if (/latest/i.test(tag)) return "floats with upstream main";
  if (/-main\b|-dev\b|-snapshot\b/i.test(tag)) return "is a development build that floats with upstream main";
  if (/^v?0\.0\.0-/.test(tag)) return "floats with upstream main";
  return undefined;
}
