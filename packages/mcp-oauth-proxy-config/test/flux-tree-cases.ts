import { buildFluxTree, type FluxTreeSecrets } from "@talos-cluster/flux-apps";
import { describe, expect, it } from "vitest";
import type { AgentgatewayRelease } from "../src/index.js";
import { buildMcpOAuthProxy, mcpContributionSchemas } from "../src/index.js";
import { clusterConfig, multiServerInput, referenceInput } from "./fixtures.js";
import { expectOk } from "./helpers.js";

/** Placeholder secret files, in the formats flux-apps parses (never real keys). */
export const secrets: FluxTreeSecrets = {
  ageKey:
    "# created: 2026-01-01T00:00:00Z\n# public key: age1a6vaxeffux27rpgc4pdhgteuap85gn47320dhevgnmcxh3qkc5jqazwwqq\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n",
  githubPushToken: "0123456789abcdef0123456789abcdef",
  cloudflareTunnel: '{"AccountTag":"account-tag-0123","TunnelSecret":"tunnel-secret-0123456789","TunnelID":"11111111-2222-3333-4444-555555555555"}',
};

/**
 * One release per test file: flux-apps caches compiled schemas by "<apiVersion> <kind>" for the whole process,
 * so a second release's extraSchemas would be ignored in the same file.
 */
export function describeFluxTree(release: AgentgatewayRelease): void {
  describe(`in the cluster tree built by flux-apps (${release})`, () => {
    it.each([
      ["reference", referenceInput],
      ["multi-server", multiServerInput],
    ])("the %s configuration builds and validates with the whole tree", async (_name, input) => {
      const contribution = expectOk(buildMcpOAuthProxy(input(), { release }));
      const result = await buildFluxTree(clusterConfig(), { secrets, contributions: [contribution], extraSchemas: mcpContributionSchemas(release) });
      if (!result.ok) throw new Error(result.errors.map((e) => `${e.file} ${e.path ?? ""} ${e.message}`).join("\n"));
      const files = result.files;
      const host = input().publicHost;

      expect(files.get("kubernetes/apps/agentgateway-system/agentgateway-mcp/ks.yaml")).toContain("name: agentgateway");
      expect([...files.keys()].filter((p) => p.startsWith("kubernetes/apps/agentgateway-system/")).length).toBeGreaterThan(8);

      // The tunnel sends the MCP host to agentgateway, before the wildcard that would swallow it.
      const tunnel = [...files.entries()].find(([p, t]) => p.includes("cloudflare-tunnel") && t.includes("http_status:404"));
      expect(tunnel, "cloudflared config").toBeDefined();
      const text = tunnel?.[1] ?? "";
      const ours = text.indexOf(`hostname: ${host}`);
      expect(ours).toBeGreaterThan(-1);
      expect(ours).toBeLessThan(text.indexOf("*.example.com"));

      // A DNS record for the MCP host, and the audience scope in the realm import.
      expect([...files.values()].some((t) => t.includes("DNSEndpoint") && t.includes(host))).toBe(true);
      expect([...files.entries()].some(([p, t]) => p.includes("keycloak") && t.includes("mcp:tools"))).toBe(true);
    });
  });
}
