import { describe, expect, it } from "vitest";
import { baseCluster, errorsOf, parseTexts } from "./helpers.js";
import { toYaml } from "../src/index.js";

const cluster = toYaml(baseCluster());

describe("YAML problems are issues, never exceptions", () => {
  it("reports a syntax error with its position and still checks the other file", () => {
    const result = parseTexts(`${cluster}cloudflare_token: [unterminated\n`, "nodes:\n  - name: Bad\n");
    expect(errorsOf(result)).toMatchInlineSnapshot(`
      "cluster.yaml:11:1  YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the syntax at this position.
      nodes.yaml:2:5  nodes[0].address  Missing required key address. Add it, e.g. address: 192.168.1.10.
      nodes.yaml:2:5  nodes[0].controller  Missing required key controller: true for a control-plane node, false for a worker. Add it.
      nodes.yaml:2:5  nodes[0].disk  Missing required key disk. Add it, e.g. disk: /dev/sda.
      nodes.yaml:2:5  nodes[0].mac_addr  Missing required key mac_addr. Add it, e.g. mac_addr: 00:11:22:33:44:55.
      nodes.yaml:2:5  nodes[0].schematic_id  Missing required key schematic_id: Talos Image Factory schematic ID (64 lowercase hex characters). Add it.
      nodes.yaml:2:11  nodes[0].name  "Bad" has uppercase letters. Write the node name in lowercase: bad."
    `);
  });

  it("reports a bad indentation", () => {
    expect(errorsOf(parseTexts("node_cidr: 10.0.0.0/24\n  cluster_api_addr: 10.0.0.2\n"))).toMatchInlineSnapshot(`
      "cluster.yaml:1:12  YAML syntax error: Implicit keys need to be on a single line. Fix the syntax at this position.
      cluster.yaml:1:12  YAML syntax error: Nested mappings are not allowed in compact mappings. Fix the syntax at this position."
    `);
  });

  it("reports duplicate keys at the second occurrence, naming the first line", () => {
    const result = parseTexts(`${cluster}node_cidr: 192.168.1.0/24\n`);
    expect(errorsOf(result)).toMatchInlineSnapshot(`"cluster.yaml:10:1  node_cidr  Duplicate key: node_cidr is already set on line 1. Keep only one of them."`);
  });

  it("reports duplicate keys inside a node", () => {
    const nodes = [
      "nodes:",
      "  - name: k8s-0",
      "    name: k8s-1",
      "    address: 192.168.1.10",
      "    controller: true",
      "    disk: /dev/sda",
      "    mac_addr: 00:11:22:33:44:55",
      "    schematic_id: 376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba",
      "",
    ].join("\n");
    expect(errorsOf(parseTexts(cluster, nodes))).toMatchInlineSnapshot(`"nodes.yaml:3:5  nodes[0].name  Duplicate key: name is already set on line 2. Keep only one of them."`);
  });

  it("rejects a second YAML document", () => {
    expect(errorsOf(parseTexts(`${cluster}---\nfoo: bar\n`))).toMatchInlineSnapshot(`"cluster.yaml:10:1  The file holds more than one YAML document. Keep a single document (remove the extra ---)."`);
  });

  it("reports an empty file and a file that is not a mapping", () => {
    expect(errorsOf(parseTexts(cluster, ""))).toMatchInlineSnapshot(`"nodes.yaml:1:1  nodes.yaml is empty. Add the settings as key: value lines (see nodes.sample.yaml)."`);
    expect(errorsOf(parseTexts("- node_cidr\n"))).toMatchInlineSnapshot(`"cluster.yaml:1:1  cluster.yaml must be a mapping of key: value lines, not a list."`);
    expect(errorsOf(parseTexts(cluster, "nodes:\n"))).toMatchInlineSnapshot(`"nodes.yaml:1:7  nodes  nodes has no value. Set it (the machines of the cluster; at least one controller)."`);
    expect(errorsOf(parseTexts(cluster, "nodes: {}\n"))).toMatchInlineSnapshot(`"nodes.yaml:1:8  nodes  Expected a list, got a mapping. Write a YAML list: one "- item" line per entry, or [item1, item2]."`);
  });

  it("points at the value of the offending key, past comments", () => {
    const text = cluster.replace(/^cluster_api_addr: .*$/m, "# the API VIP\ncluster_api_addr:    192.168.1.300 # typo");
    expect(text).toContain("cluster_api_addr:    192.168.1.300");
    expect(errorsOf(parseTexts(text))).toMatchInlineSnapshot(`"cluster.yaml:3:22  cluster_api_addr  "192.168.1.300" is not an IPv4 address. Write four numbers 0-255 separated by dots, e.g. 192.168.1.10."`);
  });

  it("never echoes a secret value", () => {
    const result = parseTexts(cluster.replace(/^cloudflare_token: .*$/m, "cloudflare_token: [s3cr3t-value]"));
    expect(errorsOf(result)).toMatchInlineSnapshot(`"cluster.yaml:9:19  cloudflare_token  Expected text, got a list. Write a single value."`);
    expect(errorsOf(result)).not.toContain("s3cr3t");
  });
});
