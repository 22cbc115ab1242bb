import { type BuildAiGatewayOptions, type BuildAiGatewayResult, buildAiGateway } from "./build.js";
import { type AiGatewayConfigKeys, aiGatewayInputFromConfig } from "./from-config.js";

/**
 * `aiGatewayInputFromConfig` + `buildAiGateway`: the reference's gateway from cluster.yaml keys.
 * An empty contribution when `envoy_ai_gateway_enabled` is false.
 */
export function buildAiGatewayFromConfig(
  config: AiGatewayConfigKeys,
  options: BuildAiGatewayOptions = {},
): BuildAiGatewayResult {
  const input = aiGatewayInputFromConfig(config);
  if (!input.ok) return { ok: false, errors: input.errors, warnings: [] };
  if (!input.input) return { ok: true, contribution: {}, warnings: [] };
  return buildAiGateway(input.input, options);
}
