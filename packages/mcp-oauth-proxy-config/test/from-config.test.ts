import { describe, expect, it } from "vitest";
import { buildMcpOAuthProxy, formatIssues, mcpInputFromConfig } from "../src/index.js";
import { clusterConfig } from "./fixtures.js";

describe("mcpInputFromConfig", () => {
  it("derives the defaults from the cluster.yaml keys", () => {
    const input = mcpInputFromConfig(clusterConfig({ agentgateway_scopes: ["openid", "email"] }));
    expect(input.publicHost).toBe("mcp-auth.example.com");
    expect(input.gateway.address).toBe("192.168.1.110");
    expect(input.issuer.url).toBe("https://auth.example.com/realms/k8s-cluster");
    expect(input.scopes).toEqual(["openid", "email", "mcp:tools"]);
    expect(input.cloudflare?.hostnames).toEqual(["mcp-auth.example.com"]);
    expect(input.cloudflare?.existingRules?.map((r) => r.hostname ?? "(catch-all)")).toEqual(["*.example.com", "*.example.org", "(catch-all)"]);
  });

  it("builds from the cluster config alone, warning about what it cannot guess", () => {
    const result = buildMcpOAuthProxy(mcpInputFromConfig(clusterConfig()));
    expect(result.ok).toBe(true);
    expect(formatIssues(result.warnings)).toMatchInlineSnapshot(`
      "servers  W-SRV-001 no MCP servers are configured: the gateway is deployed but serves nothing; add servers to the input
      keycloak.registration.clients  W-KC-001 no pre-registered MCP clients and dynamic client registration is off: MCP clients cannot sign in until you add clients or switch to mode "dcr"
      2 warnings
      "
    `);
  });

  it("lets the tunnel be switched off and does not alias the overrides", () => {
    const overrides = { cloudflare: undefined, servers: [] };
    const input = mcpInputFromConfig(clusterConfig(), overrides);
    expect(input.cloudflare).toBeUndefined();
    input.servers.push({ name: "x", pathPrefix: "/x", upstream: { host: "x.y.svc.cluster.local", port: 80, protocol: "SSE" } });
    expect(overrides.servers).toEqual([]);
    const result = buildMcpOAuthProxy(input);
    expect(result.ok && result.contribution.tunnelIngress).toBeUndefined();
  });

  it("uses a custom primary domain everywhere", () => {
    const result = buildMcpOAuthProxy(
      mcpInputFromConfig(clusterConfig({ cloudflare_domains: ["home.arpa.dev"], primary_domain: "home.arpa.dev", agentgateway_addr: undefined }), {
        servers: [{ name: "tools", pathPrefix: "/tools", upstream: { host: "tools.ai.svc.cluster.local", port: 8000, protocol: "StreamableHTTP" } }],
      }),
    );
    if (!result.ok) throw new Error(formatIssues(result.errors));
    const text = JSON.stringify(result.contribution);
    expect(text).toContain("https://mcp-auth.home.arpa.dev/tools");
    expect(text).toContain("https://auth.home.arpa.dev/realms/k8s-cluster");
    expect(text).not.toContain("example.com");
    expect(text).not.toContain("lbipam.cilium.io/ips");
  });
});
