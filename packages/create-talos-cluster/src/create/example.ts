import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The embedded example configuration (examples/cluster of the toolkit repository, copied into
 * dist/example/ at build time): documentation-range addresses and obviously fake secrets.
 */
function exampleDir(): string {
  const candidates = [new URL("./example/", import.meta.url), new URL("../../dist/example/", import.meta.url)];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(dir)) return dir;
  }
  throw new Error("The embedded example configuration is missing from this installation (dist/example/).");
}

export function exampleClusterYaml(): string {
  return readFileSync(`${exampleDir()}cluster.yaml`, "utf8");
}

export function exampleNodesYaml(): string {
  return readFileSync(`${exampleDir()}nodes.yaml`, "utf8");
}
