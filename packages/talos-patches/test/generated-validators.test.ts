import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("the built standalone validators (dist/validators) are up to date with schemas/ and tools/schema-tolerances.mjs", () => {
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  const run = spawnSync(process.execPath, ["tools/generate-validators.mjs", "--check"], { cwd, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});
