import { bench, describe } from "vitest";
import { buildFluxTree, validateTree } from "../src/index.js";
import { fakeSecrets, fullConfig } from "./fixtures/configs.js";

const built = await buildFluxTree(fullConfig, { secrets: fakeSecrets });
if (!built.ok) throw new Error("fixture tree does not build");
const files = built.files;

describe("all-features tree", () => {
  bench("validateTree (schemas loaded)", () => {
    validateTree(files);
  });
  bench("buildFluxTree (render + serialize + validate)", async () => {
    await buildFluxTree(fullConfig, { secrets: fakeSecrets });
  });
});
