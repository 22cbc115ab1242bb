import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { KUBERNETES_VERSION, renderTalenv, TALOS_SCHEMA_VERSION, TALOS_VERSION } from "../src/index.js";

it("renders talenv.yaml from versions.ts, each pin under its Renovate comment", () => {
  expect(renderTalenv()).toBe(
    [
      "# renovate: datasource=docker depName=ghcr.io/siderolabs/installer",
      `talosVersion: ${TALOS_VERSION}`,
      "# renovate: datasource=docker depName=ghcr.io/siderolabs/kubelet",
      `kubernetesVersion: ${KUBERNETES_VERSION}`,
      "",
    ].join("\n"),
  );
});

it("pins a Talos release whose minor version matches the vendored machine-config schema", () => {
  const schema = JSON.parse(readFileSync(new URL("../schemas/talos-config_v1.11.json", import.meta.url), "utf8"));
  const minor = TALOS_VERSION.split(".").slice(0, 2).join(".");
  expect(schema.$id).toBe(`https://talos.dev/${minor}/schemas/config.schema.json`);
  expect(TALOS_SCHEMA_VERSION).toBe(minor);
});

it("pins versions in the form Renovate's docker datasource compares", () => {
  expect(TALOS_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
  expect(KUBERNETES_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
});
