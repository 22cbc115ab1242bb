import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ClusterConfigSchema, NodeSchema, parseClusterConfig, toYaml } from "../src/index.js";
import { baseCluster, baseNodes } from "./helpers.js";

const anyValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constantFrom("", "192.168.1.5", "10.0.0.0/8", "yes", "00:11:22:33:44:55", "example.com", "a/b"),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

function check(clusterText: string, nodesText: string) {
  const result = parseClusterConfig({ cluster: { path: "cluster.yaml", text: clusterText }, nodes: { path: "nodes.yaml", text: nodesText } });
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const issue of [...result.errors, ...result.warnings]) {
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.col).toBeGreaterThanOrEqual(1);
      expect(issue.message.length).toBeGreaterThan(10);
      expect(issue.message).not.toMatch(/Invalid (input|option|key)|expected .* received|Too (small|big):/);
    }
  }
  return result;
}

describe("parseClusterConfig on arbitrary input", () => {
  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (cluster, nodes) => {
        check(cluster, nodes);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws and always locates the problem when any key gets any value", () => {
    const clusterKeys = [...Object.keys(ClusterConfigSchema.shape), "unknown_key", "obot_enabled"];
    const nodeKeys = [...Object.keys(NodeSchema.shape), "mac_address"];
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...clusterKeys), anyValue, { maxKeys: 6 }),
        fc.nat({ max: 2 }),
        fc.dictionary(fc.constantFrom(...nodeKeys), anyValue, { maxKeys: 3 }),
        (clusterOverrides, index, nodeOverrides) => {
          const nodes = baseNodes();
          nodes[index] = { ...nodes[index], ...nodeOverrides };
          check(toYaml({ ...baseCluster(), ...clusterOverrides }), toYaml({ nodes }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is deterministic: the same input gives the same result", () => {
    const input = { cluster: { path: "cluster.yaml", text: toYaml(baseCluster()) }, nodes: { path: "nodes.yaml", text: toYaml({ nodes: baseNodes() }) } };
    expect(JSON.stringify(parseClusterConfig(input))).toBe(JSON.stringify(parseClusterConfig(structuredClone(input))));
  });
});
