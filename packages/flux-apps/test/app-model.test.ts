import { expectTypeOf, it } from "vitest";
import type { FluxApp } from "../src/index.js";

it("describes an app with files and Flux settings", () => {
  const app: FluxApp = {
    namespace: "default",
    name: "echo",
    kustomization: { wait: false, substituteFromClusterSecrets: true },
    files: [{ path: "helmrelease.yaml", documents: [{ apiVersion: "v1", kind: "ConfigMap" }] }],
  };
  expectTypeOf(app.files[0]!.documents).toEqualTypeOf<Record<string, unknown>[]>();
});
