import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bench, describe } from "vitest";
import { clusterJsonSchema, parseClusterConfig } from "../src/index.js";

const example = resolve(dirname(fileURLToPath(import.meta.url)), "../../../examples/cluster");
const input = {
  cluster: { path: "cluster.yaml", text: readFileSync(join(example, "cluster.yaml"), "utf8") },
  nodes: { path: "nodes.yaml", text: readFileSync(join(example, "nodes.yaml"), "utf8") },
};
const broken = {
  cluster: { path: "cluster.yaml", text: input.cluster.text.replace("192.0.2.0/24", "192.0.2.7/24").replace("example-org/home-cluster", "x") },
  nodes: { path: "nodes.yaml", text: input.nodes.text.replaceAll("192.0.2.1", "192.0.3.1") },
};

describe("parseClusterConfig", () => {
  bench("examples/cluster (valid, 4 nodes)", () => {
    parseClusterConfig(input);
  });
  bench("examples/cluster with errors in both files", () => {
    parseClusterConfig(broken);
  });
  bench("clusterJsonSchema()", () => {
    clusterJsonSchema();
  });
});
