// Run by the repository's tools/bench-first-call.mjs in a fresh process: loading the built package (its
// build-time compiled validators included) and the first validated build, what one `talos-cluster configure`
// run pays.
import { expect, it } from "vitest";
import { haCluster } from "../../test/fixtures/configs.js";

it("import and first buildTalosFiles call", async () => {
  const config = haCluster();
  const start = performance.now();
  const { buildTalosFiles } = await import("../../dist/index.js");
  const result = buildTalosFiles(config);
  const ms = performance.now() - start;
  expect(result.ok).toBe(true);
  process.stdout.write(`FIRST_CALL_MS=${ms.toFixed(1)}\n`);
});
