import { z } from "zod";
import { ClusterConfigSchema, NodesConfigSchema } from "./schema.js";

/**
 * JSON Schemas for editors (yaml-language-server), in INPUT mode: keys with a default are
 * optional, numeric strings are accepted where the parser accepts them. Draft-07, which every
 * YAML editor integration understands.
 */
function toJsonSchema(schema: z.ZodType, id: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", target: "draft-7", unrepresentable: "any" }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return { $schema, $id: id, ...rest };
}

export function clusterJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(ClusterConfigSchema, "https://unpkg.com/@talos-cluster/config-schema/schema/cluster.schema.json");
  // cloudflare_domains is required, but the legacy cloudflare_domain may stand in for it.
  return { ...schema, anyOf: [{ required: ["cloudflare_domains"] }, { required: ["cloudflare_domain"] }] };
}

export function nodesJsonSchema(): Record<string, unknown> {
  return toJsonSchema(NodesConfigSchema, "https://unpkg.com/@talos-cluster/config-schema/schema/nodes.schema.json");
}
