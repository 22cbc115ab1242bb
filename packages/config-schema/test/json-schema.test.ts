import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ClusterConfigSchema, NodeSchema, clusterJsonSchema, nodesJsonSchema } from "../src/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const render = (schema: unknown) => `${JSON.stringify(schema, null, 2)}\n`;

describe("JSON Schema for editors", () => {
  it("ships schema/cluster.schema.json and schema/nodes.schema.json, kept current", async () => {
    await expect(render(clusterJsonSchema())).toMatchFileSnapshot("../schema/cluster.schema.json");
    await expect(render(nodesJsonSchema())).toMatchFileSnapshot("../schema/nodes.schema.json");
  });

  it("is an input schema: keys with a default are optional and show the default", () => {
    const schema = clusterJsonSchema() as { required: string[]; properties: Record<string, { default?: unknown }> };
    expect(schema.required).toEqual([
      "node_cidr",
      "cluster_api_addr",
      "cluster_gateway_addr",
      "cluster_dns_gateway_addr",
      "repository_name",
      "cloudflare_token",
      "cloudflare_gateway_addr",
    ]);
    expect(schema.properties.cluster_pod_cidr?.default).toBe("10.42.0.0/16");
    expect(schema.properties.cilium_loadbalancer_mode?.default).toBe("dsr");
    const nodes = nodesJsonSchema() as { properties: { nodes: { items: { required: string[] } } } };
    expect(nodes.properties.nodes.items.required).toEqual(["name", "address", "controller", "disk", "mac_addr", "schematic_id"]);
  });

  it("lists every key of the schema, closed to unknown keys", () => {
    const cluster = clusterJsonSchema() as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(cluster.properties)).toEqual(Object.keys(ClusterConfigSchema.shape));
    expect(cluster.additionalProperties).toBe(false);
    const nodes = nodesJsonSchema() as { properties: { nodes: { items: { properties: Record<string, unknown>; additionalProperties: boolean } } } };
    expect(Object.keys(nodes.properties.nodes.items.properties)).toEqual(Object.keys(NodeSchema.shape));
    expect(nodes.properties.nodes.items.additionalProperties).toBe(false);
  });

  it("accepts a VLAN tag and ASNs as a number or a numeric string, like the parser", () => {
    const schema = clusterJsonSchema() as { properties: Record<string, { anyOf?: unknown[] }> };
    expect(schema.properties.node_vlan_tag?.anyOf).toEqual([
      { type: "integer", minimum: 1, maximum: 4094 },
      { type: "string", pattern: "^[0-9]+$" },
    ]);
    expect(schema.properties.cilium_bgp_node_asn?.anyOf).toEqual([
      { type: "integer", minimum: 1, maximum: 4294967295 },
      { type: "string", pattern: "^[0-9]+$" },
    ]);
  });

  it("is what package.json exports", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, unknown>; files: string[] };
    expect(pkg.exports["./schema/cluster.schema.json"]).toBe("./schema/cluster.schema.json");
    expect(pkg.exports["./schema/nodes.schema.json"]).toBe("./schema/nodes.schema.json");
    expect(pkg.files).toEqual(expect.arrayContaining(["schema", "samples"]));
  });
});
