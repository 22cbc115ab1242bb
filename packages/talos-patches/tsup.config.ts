import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  dts: true,
  // dist/validators is written just before by tools/generate-validators.mjs (see the build script).
  clean: ["!validators/**"],
  sourcemap: false,
  splitting: false,
});
