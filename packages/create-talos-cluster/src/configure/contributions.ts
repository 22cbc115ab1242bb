import {
  buildAiGatewayFromConfig,
  contributionValidators,
  DEFAULT_AI_GATEWAY_RELEASE,
  formatAiGatewayIssues,
} from "@talos-cluster/ai-gateway-routes";
import type { ResolvedConfig } from "@talos-cluster/config-schema";
import { CHARTS, type CompiledValidator, type FluxContribution } from "@talos-cluster/flux-apps";
import {
  buildMcpOAuthProxy,
  formatIssue as formatMcpIssue,
  mcpContributionValidators,
  mcpInputFromConfig,
} from "@talos-cluster/mcp-oauth-proxy-config";
import type { StageResult } from "./pipeline.js";

export interface Contributions {
  contributions: FluxContribution[];
  /** Build-time compiled validators of contributed kinds, keyed "<apiVersion> <kind>", for the tree validation. */
  extraValidators: Record<string, CompiledValidator>;
}

/** The feature packages' Flux apps for this configuration (AI gateway, MCP OAuth proxy). */
export function buildContributions(config: ResolvedConfig): StageResult<Contributions> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const out: Contributions = { contributions: [], extraValidators: {} };

  if (config.envoy_ai_gateway_enabled) {
    const ai = buildAiGatewayFromConfig(config, {
      release: DEFAULT_AI_GATEWAY_RELEASE,
      envoyGatewayVersion: CHARTS["envoy-gateway"].version,
    });
    if (ai.warnings.length > 0) warnings.push(formatAiGatewayIssues(ai.warnings, "cluster.yaml"));
    if (!ai.ok) problems.push(...formatAiGatewayIssues(ai.errors, "cluster.yaml").split("\n"));
    else {
      out.contributions.push(ai.contribution);
      Object.assign(out.extraValidators, contributionValidators(ai.release));
    }
  }

  if (config.agentgateway_enabled) {
    const mcp = buildMcpOAuthProxy(mcpInputFromConfig(config));
    warnings.push(...mcp.warnings.map((w) => `cluster.yaml  ${formatMcpIssue(w)}`));
    if (!mcp.ok) problems.push(...mcp.errors.map((e) => `cluster.yaml  ${formatMcpIssue(e)}`));
    else {
      out.contributions.push(mcp.contribution);
      Object.assign(out.extraValidators, mcpContributionValidators());
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out, warnings };
}
