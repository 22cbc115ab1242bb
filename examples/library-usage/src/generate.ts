/**
 * Generates a cluster's talos/ and kubernetes/ trees in memory from cluster.yaml and nodes.yaml,
 * using the libraries directly (no CLI), and prints one line per file with its size.
 *
 *   node dist/generate.js <dir-with-cluster.yaml-and-nodes.yaml>
 *
 * Secrets normally come from age.key, github-push-token.txt and cloudflare-tunnel.json next to
 * cluster.yaml; this example makes throwaway ones so that it runs anywhere.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatIssue, loadClusterConfig } from "@talos-cluster/config-schema";
import { buildFluxTree } from "@talos-cluster/flux-apps";
import { buildTalosFiles, formatTalosFilesIssue } from "@talos-cluster/talos-patches";

export async function generate(dir: string): Promise<{ files: Map<string, string>; problems: string[] }> {
  const parsed = await loadClusterConfig(dir);
  if (!parsed.ok) return { files: new Map(), problems: parsed.errors.map(formatIssue) };
  const config = parsed.config;

  const talos = buildTalosFiles(config);
  if (!talos.ok) return { files: new Map(), problems: talos.errors.map(formatTalosFilesIssue) };

  const flux = await buildFluxTree(config, {
    secrets: {
      ageKey:
        "# created: 2026-01-01T00:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n" +
        "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n",
      githubPushToken: "example-push-token-0123456789abcdef",
      cloudflareTunnel: { AccountTag: "example-account", TunnelSecret: "ZXhhbXBsZS10dW5uZWwtc2VjcmV0", TunnelID: "00000000-0000-4000-8000-000000000000" },
      githubDeployKey: "-----BEGIN OPENSSH PRIVATE KEY-----\nexample\n-----END OPENSSH PRIVATE KEY-----\n",
    },
  });
  if (!flux.ok) return { files: new Map(), problems: flux.errors.map((e) => `${e.file}  ${e.path ?? ""}  ${e.message}`) };

  return { files: new Map([...talos.files, ...flux.files]), problems: [] };
}

const dir = process.argv[2];
// Run as a program (not imported, e.g. by the tests): compare real paths, so spaces and symlinks in the path work.
if (dir && process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  const { files, problems } = await generate(dir);
  for (const p of problems) console.error(p);
  for (const [path, text] of files) console.log(`${String(text.length).padStart(6)}  ${path}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}
