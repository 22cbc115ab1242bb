import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
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

describe("first validation in a new process (why the validators are generated at build time)", () => {
  // Both spawn `node`; the difference between them is the per-process cost of compiling the schemas.
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  const compile = `
    const Ajv2020 = require("ajv/dist/2020").default;
    const fs = require("node:fs");
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addFormat("uri", true);
    const talos = JSON.parse(fs.readFileSync("schemas/talos-config_v1.11.json", "utf8"));
    ajv.addSchema(talos);
    ajv.getSchema(talos.$id + "#/$defs/v1alpha1.Config")({});
    ajv.compile(JSON.parse(fs.readFileSync("schemas/talconfig_v3.json", "utf8")))({});`;
  const load = `import("./src/generated/schema-validators.js").then((m) => { m.validateTalosConfig({}); m.validateTalconfig({}); });`;
  const node = (code: string, type: "commonjs" | "module") =>
    execFileSync(process.execPath, [`--input-type=${type}`, "-e", code], { cwd });
  bench("node + ajv compiling both vendored schemas at run time", () => void node(compile, "commonjs"), { iterations: 5 });
  bench("node + importing the generated standalone validators", () => void node(load, "module"), { iterations: 5 });
});
