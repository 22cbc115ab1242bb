import { defineConfig } from "vitest/config";

// Used only by the repository's tools/bench-first-call.mjs: one file, one fresh process per run.
export default defineConfig({
  test: { include: ["tools/first-call/*.measure.ts"], testTimeout: 60_000 },
});
