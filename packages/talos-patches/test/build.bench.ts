import { bench, describe } from "vitest";
import { buildTalosFiles } from "../src/index.js";
import { haCluster, referencePublic } from "./fixtures/configs.js";

describe("render", () => {
  const ha = haCluster();
  const reference = referencePublic();
  bench("buildTalosFiles: HA cluster (5 nodes), validated", () => {
    buildTalosFiles(ha);
  });
  bench("buildTalosFiles: reference public fixture (2 nodes), validated", () => {
    buildTalosFiles(reference);
  });
});
