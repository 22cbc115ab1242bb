import { type ConfigIssue, formatIssue, parseClusterConfig, toYaml } from "../src/index.js";

export const SCHEMATIC = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";

/** A minimal valid cluster.yaml as an object: tests override keys (undefined removes a key). */
export function baseCluster(): Record<string, unknown> {
  return {
    node_cidr: "192.168.1.0/24",
    cluster_api_addr: "192.168.1.100",
    cluster_gateway_addr: "192.168.1.101",
    cluster_dns_gateway_addr: "192.168.1.102",
    cloudflare_gateway_addr: "192.168.1.103",
    repository_name: "my-org/home-cluster",
    cloudflare_domains: ["example.com"],
    cloudflare_token: "fake-cloudflare-token",
  };
}

export function node(name: string, address: string, controller: boolean, mac: string, extra: Record<string, unknown> = {}) {
  return { name, address, controller, disk: "/dev/sda", mac_addr: mac, schematic_id: SCHEMATIC, ...extra };
}

export function baseNodes(): Record<string, unknown>[] {
  return [
    node("k8s-0", "192.168.1.10", true, "00:11:22:33:44:00"),
    node("k8s-1", "192.168.1.11", true, "00:11:22:33:44:01"),
    node("k8s-2", "192.168.1.12", true, "00:11:22:33:44:02"),
  ];
}

export function parseObjects(cluster: Record<string, unknown>, nodes: unknown = baseNodes()) {
  return parseClusterConfig({
    cluster: { path: "cluster.yaml", text: toYaml(cluster) },
    nodes: { path: "nodes.yaml", text: toYaml({ nodes }) },
  });
}

export function parseTexts(cluster: string, nodes: string = toYaml({ nodes: baseNodes() })) {
  return parseClusterConfig({ cluster: { path: "cluster.yaml", text: cluster }, nodes: { path: "nodes.yaml", text: nodes } });
}

/** The formatted error lines (what `talos-cluster validate` prints); "" when valid. */
export function errorsOf(result: ReturnType<typeof parseClusterConfig>): string {
  return result.ok ? "" : lines(result.errors);
}

export function warningsOf(result: ReturnType<typeof parseClusterConfig>): string {
  return lines(result.warnings);
}

export function lines(issues: readonly ConfigIssue[]): string {
  return issues.map(formatIssue).join("\n");
}

/** Errors for cluster.yaml = base + overrides (undefined deletes a key). */
export function clusterErrors(overrides: Record<string, unknown>, nodes: unknown = baseNodes()): string {
  const cluster = { ...baseCluster(), ...overrides };
  for (const [key, value] of Object.entries(cluster)) if (value === undefined) delete cluster[key];
  return errorsOf(parseObjects(cluster, nodes));
}
