import { describe, expect, it } from "vitest";
import { cloudflaredMatchesHost, planTunnelIngress, validateTunnelRules } from "../src/index.js";

const catchAll = { service: "http_status:404" };
const wildcard = { hostname: "*.example.com", service: "https://envoy-external.network.svc.cluster.local:443" };
const mcp = { hostname: "mcp-auth.example.com", service: "https://agentgateway-mcp.agentgateway-system.svc.cluster.local:443" };

describe("cloudflared ingress validation (same rules and messages as cloudflared)", () => {
  it("accepts specific rules, wildcards and a final catch-all", () => {
    expect(validateTunnelRules([mcp, wildcard, catchAll])).toEqual([]);
  });

  it("requires a catch-all last rule", () => {
    expect(validateTunnelRules([mcp, wildcard])).toEqual([
      { index: 1, message: "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)" },
    ]);
  });

  it("rejects a catch-all before other rules", () => {
    expect(validateTunnelRules([{ hostname: "*", service: "http_status:404" }, mcp, catchAll])).toEqual([
      {
        index: 0,
        message: "Rule #1 is matching the hostname '*', but this will match every hostname, meaning the rules which follow it will never be triggered.",
      },
    ]);
  });

  it("allows a wildcard only as the leftmost label", () => {
    expect(validateTunnelRules([{ ...mcp, hostname: "mcp.*.example.com" }, catchAll])[0]?.message).toBe(
      'Hostname patterns can have at most one wildcard character ("*") and it can only be used for subdomains, e.g. "*.example.com"',
    );
  });

  it("rejects a hostname with a port", () => {
    expect(validateTunnelRules([{ ...mcp, hostname: "mcp-auth.example.com:443" }, catchAll])[0]?.message).toBe("Hostname cannot contain a port");
  });

  it("rejects an origin service with a path", () => {
    expect(validateTunnelRules([{ ...mcp, service: "https://gw.svc.cluster.local:443/mcp" }, catchAll])[0]?.message).toBe(
      "https://gw.svc.cluster.local:443/mcp is an invalid address, ingress rules don't support proxying to a different path on the origin service. The path will be the same as the eyeball request's path",
    );
  });

  it("matches wildcards by plain suffix, as cloudflared does", () => {
    expect(cloudflaredMatchesHost("*.example.com", "mcp-auth.example.com")).toBe(true);
    expect(cloudflaredMatchesHost("*.example.com", "example.com")).toBe(true);
    expect(cloudflaredMatchesHost("*.example.com", "badexample.com")).toBe(true);
    expect(cloudflaredMatchesHost("*.example.org", "mcp-auth.example.com")).toBe(false);
  });
});

describe("planTunnelIngress", () => {
  it("inserts the MCP host before the first wildcard that would also match it", () => {
    const other = { hostname: "*.example.org", service: wildcard.service };
    const plan = planTunnelIngress([other, wildcard, catchAll], [mcp]);
    expect(plan).toEqual({ ok: true, rules: [other, mcp, wildcard, catchAll] });
  });

  it("appends before the catch-all when no wildcard matches", () => {
    const plan = planTunnelIngress([{ hostname: "*.example.org", service: wildcard.service }, catchAll], [mcp]);
    expect(plan.rules.map((r) => r.hostname ?? "(catch-all)")).toEqual(["*.example.org", "mcp-auth.example.com", "(catch-all)"]);
  });

  it("reports an existing rule that already routes the same host", () => {
    const plan = planTunnelIngress([{ hostname: "mcp-auth.example.com", service: "http://old:80" }, wildcard, catchAll], [mcp]);
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.problems[0]).toEqual({
        index: 1,
        message: "hostname 'mcp-auth.example.com' is also routed to http://old:80 by an existing rule; one of the two would never be triggered. Remove the existing rule",
      });
    }
  });
});
