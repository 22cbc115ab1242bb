import { type BuildAiGatewayOptions, type BuildAiGatewayResult, buildAiGateway } from "./build.js";
import { type AiGatewayConfigKeys, aiGatewayInputFromConfig } from "./from-config.js";
import { DEFAULT_AI_GATEWAY_RELEASE } from "./releases.js";

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
  if (!input.input) {
    return { ok: true, contribution: {}, warnings: [], release: options.release ?? DEFAULT_AI_GATEWAY_RELEASE };
  }
  return buildAiGateway(input.input, options);
}
