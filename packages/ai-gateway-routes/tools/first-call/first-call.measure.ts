// Run by the repository's tools/bench-first-call.mjs in a fresh process: the first build pays every one-time cost
// (loading validators, reading schemas) that `talos-cluster configure` pays once per run.
import { expect, it } from "vitest";
import { buildAiGatewayFromConfig } from "../../dist/index.js";
import { resolvedConfig } from "../../test/fixtures.js";

it("first buildAiGatewayFromConfig call", () => {
  const config = resolvedConfig();
  const start = performance.now();
  const result = buildAiGatewayFromConfig(config);
  const ms = performance.now() - start;
  expect(result.ok).toBe(true);
  process.stdout.write(`FIRST_CALL_MS=${ms.toFixed(1)}\n`);
});
