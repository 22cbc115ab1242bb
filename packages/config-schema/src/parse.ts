import type { z } from "zod";
import { formatCidr4, parseCidr4 } from "./ipv4.js";
import { type ConfigIssue, type PathSegment, formatPath, sortIssues } from "./issues.js";
import { resolveConfig } from "./resolve.js";
import type { ResolvedConfig } from "./resolved.js";
import { type RuleInput, checkRules } from "./rules.js";
import { McpServerSchema } from "./agentgateway-schema.js";
import { type ClusterConfig, ClusterConfigSchema, type McpServerConfig, type NodeConfig, NodeSchema, NodesConfigSchema } from "./schema.js";
import { type YamlSource, locate, parseYamlSource } from "./yaml-source.js";
import { type KeyCatalog, type RawIssue, fromZodIssues } from "./zod-issues.js";

/** One input file: the name to show in messages and its text. */
export interface ConfigFile {
  path: string;
  text: string;
}

export interface ParseClusterConfigInput {
  cluster: ConfigFile;
  nodes: ConfigFile;
}

export type ParseClusterConfigResult =
  | { ok: true; config: ResolvedConfig; warnings: ConfigIssue[] }
  | { ok: false; errors: ConfigIssue[]; warnings: ConfigIssue[] };

interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The schema without optional/default/pipe wrappers; unions give all their options. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.innerType && ["optional", "default", "prefault", "nullable", "readonly", "catch"].includes(def.type)) return unwrap(def.innerType);
  if (def.type === "pipe" && def.in) return unwrap(def.in);
  if (def.type === "union" && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

/** The schema of the value at `path` inside `root` (the first union option that has it). */
function schemaAt(root: z.ZodType, path: readonly PathSegment[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    let next: z.ZodType | undefined;
    for (const option of unwrap(current)) {
      const def = defOf(option);
      if (def.type === "object" && typeof segment === "string") next = def.shape?.[segment];
      else if (def.type === "array" && typeof segment === "number") next = def.element;
      if (next) break;
    }
    current = next;
  }
  return current;
}

/** The keys of the mapping at `path` (all options' keys for a union such as agentgateway_client_registration). */
function keysOf(root: z.ZodType, path: readonly PathSegment[]): string[] {
  const schema = schemaAt(root, path);
  if (!schema) return [];
  const keys = unwrap(schema).flatMap((option) => {
    const def = defOf(option);
    return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
  });
  return [...new Set(keys)];
}

const ROOTS = { cluster: ClusterConfigSchema, nodes: NodesConfigSchema } as const;

const catalog: KeyCatalog = {
  keysAt: (source, path) => keysOf(ROOTS[source], path),
  otherFileKeys: (source, path) => (path.length > 0 ? [] : source === "cluster" ? ["nodes"] : Object.keys(ClusterConfigSchema.shape)),
  example: (source, path) => metaOf(source, path)?.examples?.[0],
  description: (source, path) => metaOf(source, path)?.description,
  required: (source, path) => {
    const schema = schemaOf(source, path);
    return schema !== undefined && !schema.safeParse(undefined).success;
  },
};

/** The schema of the key at `path`; undefined for a list entry or a key the schema does not name (a node label). */
function schemaOf(source: RawIssue["source"], path: readonly PathSegment[]): z.ZodType | undefined {
  if (typeof path[path.length - 1] !== "string") return undefined;
  return schemaAt(ROOTS[source], path);
}

function metaOf(source: RawIssue["source"], path: readonly PathSegment[]): { examples?: unknown[]; description?: string } | undefined {
  return schemaOf(source, path)?.meta() as { examples?: unknown[]; description?: string } | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The fields of `raw` that are valid on their own (defaults applied), for the cross-field rules. */
function validFields<T>(shape: Record<string, z.ZodType>, raw: Record<string, unknown>): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const result = schema.safeParse(raw[key]);
    if (result.success && result.data !== undefined) out[key] = result.data;
  }
  return out as Partial<T>;
}

/**
 * A network written with host bits set is already an error; the rules still use its network
 * address so that every other problem (addresses outside it, overlaps) is reported in the same run.
 */
function withCanonicalNetworks(cluster: Partial<ClusterConfig>, raw: Record<string, unknown>): Partial<ClusterConfig> {
  const out = { ...cluster };
  for (const key of ["node_cidr", "cluster_pod_cidr", "cluster_svc_cidr"] as const) {
    const text = raw[key];
    const cidr = typeof text === "string" ? parseCidr4(text) : undefined;
    if (out[key] === undefined && cidr) out[key] = formatCidr4(cidr);
  }
  return out;
}

function place(raw: RawIssue, source: YamlSource): ConfigIssue {
  const position = locate(source, raw.anchor ?? raw.path, raw.anchor ? "value" : (raw.at ?? "value"));
  return { file: source.file, line: position.line, col: position.col, path: formatPath(raw.path), message: raw.message };
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify([issue.file, issue.line, issue.col, issue.path, issue.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Parses, validates and resolves cluster.yaml + nodes.yaml. Every problem is returned at once
 * (YAML syntax, schema, cross-field rules), each located at `file:line:col`; nothing is thrown
 * for bad input. On success the configuration has every default and derived value applied.
 */
export function parseClusterConfig(input: ParseClusterConfigInput): ParseClusterConfigResult {
  const sources = {
    cluster: parseYamlSource(input.cluster.path, input.cluster.text),
    nodes: parseYamlSource(input.nodes.path, input.nodes.text),
  };
  const errors: ConfigIssue[] = [
    ...sources.cluster.errors,
    ...sources.nodes.errors,
    ...sources.cluster.duplicates,
    ...sources.nodes.duplicates,
  ];
  const warnings: ConfigIssue[] = [...sources.cluster.warnings, ...sources.nodes.warnings];
  const raw: RawIssue[] = [];
  const rawWarnings: RawIssue[] = [];

  const clusterData = sources.cluster.data;
  const nodesData = sources.nodes.data;
  const clusterParsed = sources.cluster.errors.length === 0 ? ClusterConfigSchema.safeParse(clusterData ?? null) : undefined;
  const nodesParsed = sources.nodes.errors.length === 0 ? NodesConfigSchema.safeParse(nodesData ?? null) : undefined;
  if (clusterParsed && !clusterParsed.success) raw.push(...fromZodIssues("cluster", clusterParsed.error.issues, clusterData, catalog));
  if (nodesParsed && !nodesParsed.success) raw.push(...fromZodIssues("nodes", nodesParsed.error.issues, nodesData, catalog));

  // Cross-field rules need cluster.yaml; without a readable nodes.yaml they skip the node checks.
  if (clusterParsed && isRecord(clusterData)) {
    const nodeList = nodesParsed && isRecord(nodesData) && Array.isArray(nodesData.nodes) ? nodesData.nodes : undefined;
    const ruleInput: RuleInput = {
      cluster: withCanonicalNetworks(validFields<ClusterConfig>(ClusterConfigSchema.shape, clusterData), clusterData),
      clusterKeys: new Set(Object.keys(clusterData)),
      nodes: nodeList?.map((node) => (isRecord(node) ? validFields<NodeConfig>(NodeSchema.shape, node) : {})),
      mcpServers: Array.isArray(clusterData.agentgateway_mcp_servers)
        ? clusterData.agentgateway_mcp_servers.map((server: unknown) =>
            isRecord(server) ? validFields<McpServerConfig>(McpServerSchema.shape, server) : {},
          )
        : undefined,
    };
    const result = checkRules(ruleInput);
    raw.push(...result.errors);
    rawWarnings.push(...result.warnings);
  }

  errors.push(...raw.map((issue) => place(issue, sources[issue.source])));
  warnings.push(...rawWarnings.map((issue) => place(issue, sources[issue.source])));
  const order = [input.cluster.path, input.nodes.path];
  const sortedWarnings = sortIssues(dedupe(warnings), order);
  if (errors.length > 0 || !clusterParsed?.success || !nodesParsed?.success) {
    return { ok: false, errors: sortIssues(dedupe(errors), order), warnings: sortedWarnings };
  }
  return { ok: true, config: resolveConfig(clusterParsed.data, nodesParsed.data.nodes), warnings: sortedWarnings };
}

export type { PathSegment };
