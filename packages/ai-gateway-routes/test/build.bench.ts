import { bench, describe } from "vitest";
import { buildAiGatewayFromConfig } from "../src/index.js";
import { entraConfig, resolvedConfig } from "./fixtures.js";

// Validators are loaded once per process (the repository's tools/bench-first-call.mjs measures that); warm them so the bench
// measures a build.
buildAiGatewayFromConfig(resolvedConfig(), { release: "v1.1.0" });
buildAiGatewayFromConfig(resolvedConfig(), { release: "v0.5.0" });

describe("buildAiGatewayFromConfig (18 models, validated)", () => {
  bench("v1.1.0, API keys", () => {
    buildAiGatewayFromConfig(resolvedConfig(), { release: "v1.1.0" });
  });
  bench("v0.5.0, Entra ID", () => {
    buildAiGatewayFromConfig(entraConfig(), { release: "v0.5.0" });
  });
});
