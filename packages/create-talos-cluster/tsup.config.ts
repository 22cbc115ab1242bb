import { cp } from "node:fs/promises";
import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "create-talos-cluster": "src/bin/create-talos-cluster.ts", "talos-cluster": "src/bin/talos-cluster.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  dts: { entry: { index: "src/index.ts" } },
  clean: true,
  sourcemap: false,
  splitting: true,
  // The embedded example configuration used by `npm create talos-cluster --yes`.
  async onSuccess() {
    await cp("../../examples/cluster", "dist/example", { recursive: true });
  },
});
