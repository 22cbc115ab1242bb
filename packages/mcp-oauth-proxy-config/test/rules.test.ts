import { describe, expect, it } from "vitest";
import { type McpOAuthProxyInput, buildMcpOAuthProxy, formatIssues } from "../src/index.js";
import { multiServerInput, referenceInput } from "./fixtures.js";
import { expectErrors } from "./helpers.js";

/** Builds a broken variant of a valid input and returns the printed errors. */
function errorsAfter(mutate: (input: McpOAuthProxyInput) => void, base: () => McpOAuthProxyInput = multiServerInput): string {
  const input = base();
  mutate(input);
  return expectErrors(buildMcpOAuthProxy(input));
}

function server(input: McpOAuthProxyInput, name: string) {
  const found = input.servers.find((s) => s.name === name);
  if (!found) throw new Error(`fixture has no server ${name}`);
  return found;
}

describe("CORS (MCP Streamable HTTP origin rules)", () => {
  it('rejects "*" as an origin', () => {
    expect(errorsAfter((i) => i.cors.origins.push("*"))).toContain(
      'cors.origins[2]  E-CORS-001 origin "*" is not allowed: list exact https origins (MCP Streamable HTTP requires Origin validation)',
    );
  });

  it("rejects a wildcard-subdomain origin combined with credentials", () => {
    expect(
      errorsAfter((i) => {
        i.cors.origins = ["https://*.example.com"];
        i.cors.allowCredentials = true;
      }),
    ).toContain(
      'cors.origins[0]  E-CORS-002 wildcard origin "https://*.example.com" cannot be combined with allowCredentials=true (any subdomain, at any depth, could read authenticated responses)',
    );
  });

  it("only warns about a wildcard-subdomain origin without credentials", () => {
    const input = multiServerInput();
    input.cors.origins = ["https://*.example.com"];
    const result = buildMcpOAuthProxy(input);
    expect(result.ok).toBe(true);
    expect(formatIssues(result.warnings)).toContain("W-CORS-001 wildcard origin \"https://*.example.com\" admits every subdomain");
  });

  it("rejects a wildcard port", () => {
    expect(errorsAfter((i) => i.cors.origins.push("http://localhost:*"))).toContain(
      'E-CORS-003 origin "http://localhost:*" is invalid: port must be numeric (Gateway API CORSOrigin pattern)',
    );
  });

  it("rejects plain http for a non-loopback origin", () => {
    expect(errorsAfter((i) => i.cors.origins.push("http://inspector.example.com"))).toContain(
      'E-CORS-005 origin "http://inspector.example.com" must use https',
    );
  });

  it("rejects loopback origins unless explicitly allowed", () => {
    expect(errorsAfter((i) => (i.cors.allowLoopbackOrigins = false))).toContain(
      'cors.origins[1]  E-CORS-006 loopback origin "http://localhost:6274" needs cors.allowLoopbackOrigins: true',
    );
  });

  it("rejects an origin with a path", () => {
    expect(errorsAfter((i) => i.cors.origins.push("https://app.example.com/callback"))).toContain(
      'E-CORS-003 origin "https://app.example.com/callback" is invalid: an origin has no path',
    );
  });

  it("requires the MCP headers when the header list is replaced", () => {
    expect(errorsAfter((i) => (i.cors.allowHeaders = ["Authorization", "Content-Type"]))).toContain(
      'cors.allowHeaders  E-CORS-004 browser MCP clients need header "Mcp-Session-Id" in allowHeaders',
    );
    expect(errorsAfter((i) => (i.cors.exposeHeaders = ["WWW-Authenticate"]))).toContain(
      'cors.exposeHeaders  E-CORS-004 browser MCP clients need header "Mcp-Session-Id" in exposeHeaders',
    );
  });

  it("rejects a non-integer maxAge", () => {
    expect(errorsAfter((i) => (i.cors.maxAgeSeconds = 1.5))).toContain("E-CORS-008 maxAge must be an integer number of seconds ≥ 1, got 1.5");
  });
});

describe("Keycloak clients (exact redirect URIs, no wildcards)", () => {
  const client = (i: McpOAuthProxyInput) => {
    if (i.keycloak.registration.mode !== "preregistered") throw new Error("fixture must pre-register clients");
    return i.keycloak.registration.clients[1]!;
  };

  it("rejects a wildcard redirect URI", () => {
    expect(errorsAfter((i) => client(i).redirectUris.push("http://localhost:*"))).toContain(
      'keycloak.registration.clients[1].redirectUris[1]  E-KC-001 redirect URI "http://localhost:*" contains a wildcard; MCP requires exact redirect URI matching (authorization spec §Open Redirection)',
    );
  });

  it("rejects an http redirect URI on a non-loopback host", () => {
    expect(errorsAfter((i) => client(i).redirectUris.push("http://app.example.com/cb"))).toContain(
      'E-KC-001 redirect URI "http://app.example.com/cb" must use https (http only on localhost, 127.0.0.1 or [::1])',
    );
  });

  it("rejects a wildcard post-logout redirect URI", () => {
    expect(errorsAfter((i) => client(i).postLogoutRedirectUris!.push("https://mcp.example.com/*"))).toContain(
      'keycloak.registration.clients[1].postLogoutRedirectUris[2]  E-KC-004 post-logout redirect URI "https://mcp.example.com/*" contains a wildcard',
    );
  });

  it('rejects post-logout URIs pre-joined with "++"', () => {
    expect(errorsAfter((i) => (client(i).postLogoutRedirectUris = ["https://a.example.com/++https://b.example.com/"]))).toContain(
      'E-KC-002 give multiple post-logout redirect URIs as separate list items; they are joined with "##" (Keycloak\'s delimiter), not "++"',
    );
  });

  it("rejects a wildcard in webOrigins", () => {
    expect(errorsAfter((i) => client(i).webOrigins!.push("*"))).toContain(
      'keycloak.registration.clients[1].webOrigins[2]  E-KC-003 webOrigins entry "*" contains a wildcard; list exact origins (or "+" for the redirect URIs\' origins)',
    );
  });

  it('joins several post-logout URIs with "##" and requires PKCE S256 on every client', () => {
    const result = buildMcpOAuthProxy(multiServerInput());
    if (!result.ok) throw new Error("fixture must build");
    const clients = result.contribution.keycloakRealm?.clients ?? [];
    expect(clients.map((c) => (c.attributes as Record<string, string>)["pkce.code.challenge.method"])).toEqual(["S256", "S256"]);
    expect((clients[1]?.attributes as Record<string, string>)["post.logout.redirect.uris"]).toBe("http://localhost:6274/##https://inspector.example.com/");
    expect(clients.every((c) => c.publicClient === true && !("secret" in c))).toBe(true);
  });
});

describe("authentication", () => {
  it("rejects a non-Strict mode", () => {
    expect(errorsAfter((i) => (server(i, "flux").authMode = "Optional"))).toContain(
      'servers[0].authMode  E-AUTH-001 MCP authentication mode must be "Strict"; "Optional"/"Permissive" let requests without a token reach the MCP server',
    );
  });

  it("rejects a public server without a reason", () => {
    expect(errorsAfter((i) => (server(i, "status").public = { reason: " " }))).toContain(
      'servers[3].public.reason  E-AUTH-002 MCP server "status" is exposed on mcp.example.com without authentication',
    );
  });

  it("rejects token passthrough", () => {
    expect(errorsAfter((i) => (server(i, "kagent").passthroughToken = true))).toContain(
      'servers[1].passthroughToken  E-AUTH-003 passthrough of client tokens to MCP upstream "kagent" is forbidden (MCP: servers MUST NOT pass through the token they received)',
    );
  });

  it("requires the audiences to include the server's resource", () => {
    expect(errorsAfter((i) => (server(i, "flux").audiences = ["agentgateway-mcp"]))).toContain(
      'servers[0].audiences  E-AUD-001 MCP server "flux": audiences must include its resource URI "https://mcp.example.com/mcp/flux" (tokens for other resources would be accepted)',
    );
  });

  it("requires the audience scope among the advertised scopes", () => {
    expect(errorsAfter((i) => (i.scopes = ["openid", "profile"]))).toContain('scopes  E-AUD-002 scopes must contain the audience scope "mcp:tools"');
  });
});

describe("resource metadata (RFC 9728)", () => {
  it("rejects bearer methods other than the header", () => {
    expect(errorsAfter((i) => (server(i, "flux").resourceMetadata = { bearerMethodsSupported: ["header", "body", "query"] }))).toContain(
      'E-PRM-001 bearer_methods_supported may only contain "header" (MCP forbids tokens in the query string)',
    );
  });

  it('rejects a nested "default" wrapper and an explicit authorizationServers', () => {
    expect(errorsAfter((i) => (server(i, "flux").resourceMetadata = { default: { resource: "x" } }))).toContain(
      'servers[0].resourceMetadata.default  E-PRM-002 resourceMetadata must be flat key/values (no "default" wrapper)',
    );
    expect(errorsAfter((i) => (server(i, "flux").resourceMetadata = { authorizationServers: ["https://auth.example.com/realms/k8s-cluster"] }))).toContain(
      "E-PRM-002 do not set authorizationServers with provider Keycloak",
    );
  });

  it("rejects a resource that differs from the URL the server is served at", () => {
    expect(errorsAfter((i) => (server(i, "flux").resourceMetadata = { resource: "https://mcp.example.com/mcp" }))).toContain(
      'E-PRM-003 resource "https://mcp.example.com/mcp" does not match the URL the server is served at ("https://mcp.example.com/mcp/flux"); RFC 9728 §3.3 clients will reject it',
    );
  });

  it("rejects two servers sharing one resource URL", () => {
    expect(errorsAfter((i) => (server(i, "kagent").pathPrefix = "/mcp/flux"))).toContain(
      'servers[1].pathPrefix  E-URL-004 servers "flux" and "kagent" share the resource "https://mcp.example.com/mcp/flux"; each MCP server needs its own resource URL (RFC 9728)',
    );
  });

  it("rejects overlapping path prefixes", () => {
    expect(errorsAfter((i) => (server(i, "kagent").pathPrefix = "/mcp/flux/kagent"))).toContain(
      'servers[1].pathPrefix  E-URL-005 path prefix "/mcp/flux" of "flux" overlaps "/mcp/flux/kagent" of "kagent"',
    );
  });

  it("does not treat a string prefix as an overlap (Gateway API matches whole path elements)", () => {
    const input = multiServerInput();
    server(input, "kagent").pathPrefix = "/mcp/fluxcd";
    expect(buildMcpOAuthProxy(input).ok).toBe(true);
  });

  it("rejects a path prefix with a trailing slash or under /.well-known", () => {
    expect(errorsAfter((i) => (server(i, "flux").pathPrefix = "/mcp/flux/"))).toContain('E-URL-002 path prefix "/mcp/flux/" must not end with "/"');
    expect(errorsAfter((i) => (server(i, "flux").pathPrefix = "/.well-known/x"))).toContain("must not be under /.well-known");
  });

  it("rejects an issuer that is not a canonical https realm URL", () => {
    expect(errorsAfter((i) => (i.issuer.url = "http://auth.example.com/realms/k8s-cluster"))).toContain(
      'issuer.url  E-URL-001 issuer "http://auth.example.com/realms/k8s-cluster" must use https',
    );
    expect(errorsAfter((i) => (i.issuer.url = "https://auth.example.com/realms/k8s-cluster/"))).toContain('must not end with "/"');
  });
});

describe("dynamic client registration (Keycloak trusted hosts)", () => {
  it("rejects DCR without trusted hosts", () => {
    expect(
      errorsAfter((i) => {
        if (i.keycloak.registration.mode === "dcr") i.keycloak.registration.trustedHosts = [];
      }, referenceInput),
    ).toContain(
      `keycloak.registration.trustedHosts  E-DCR-001 dynamic client registration is advertised but Keycloak's anonymous "Trusted Hosts" policy has no hosts; registrations will fail with "Host not trusted"`,
    );
  });

  it("requires the gateway's egress identity among the trusted hosts", () => {
    expect(
      errorsAfter((i) => {
        if (i.keycloak.registration.mode === "dcr") i.keycloak.registration.trustedHosts = ["localhost"];
      }, referenceInput),
    ).toContain('E-DCR-002 trustedHosts must include the gateway\'s egress identity "203.0.113.7"');
  });

  it("requires an egress identity", () => {
    expect(
      errorsAfter((i) => {
        if (i.keycloak.registration.mode === "dcr") delete i.keycloak.registration.egressIdentity;
      }, referenceInput),
    ).toContain("keycloak.registration.egressIdentity  E-DCR-002 set egressIdentity to the address Keycloak sees");
  });

  it("warns when no loopback host is trusted although client URIs must match", () => {
    const input = referenceInput();
    if (input.keycloak.registration.mode === "dcr") input.keycloak.registration.trustedHosts = ["203.0.113.7"];
    const result = buildMcpOAuthProxy(input);
    expect(result.ok).toBe(true);
    expect(formatIssues(result.warnings)).toContain("W-DCR-002 with client-uris-must-match (the default), clients may only register redirect URIs on trusted hosts");
  });

  it('rejects "*" as a trusted host', () => {
    expect(
      errorsAfter((i) => {
        if (i.keycloak.registration.mode === "dcr") i.keycloak.registration.trustedHosts.push("*");
      }, referenceInput),
    ).toContain('E-DCR-003 trusted host "*" must be a host name');
  });

  it("emits the registration policies and puts the audience scope within reach of registered clients", () => {
    const result = buildMcpOAuthProxy(referenceInput());
    if (!result.ok) throw new Error("fixture must build");
    const realm = result.contribution.keycloakRealm!;
    const policies = realm.components?.["org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"] ?? [];
    const trusted = policies.find((p) => p.providerId === "trusted-hosts");
    expect((trusted?.config as Record<string, string[]>)["trusted-hosts"]).toContain("203.0.113.7");
    const scopes = policies.find((p) => p.providerId === "allowed-client-templates" && p.subType === "anonymous");
    expect((scopes?.config as Record<string, string[]>)["allowed-client-scopes"]).toContain("mcp:tools");
    expect(realm.defaultDefaultClientScopes).toEqual(["mcp:tools"]);
    expect(policies.map((p) => p.providerId)).toEqual(expect.arrayContaining(["max-clients", "consent-required"]));
  });
});

describe("listener certificate", () => {
  it("rejects an issued certificate in another namespace, and warns about the ReferenceGrant an existing one needs", () => {
    expect(errorsAfter((i) => (i.gateway.certificate.secretNamespace = "network"))).toContain(
      'gateway.certificate.secretNamespace  E-CERT-001 a cert-manager certificate is issued into the gateway namespace "agentgateway-system"',
    );
    const input = multiServerInput();
    input.gateway.certificate = { secretName: "example-com-production-tls", secretNamespace: "network" };
    const result = buildMcpOAuthProxy(input);
    expect(result.ok).toBe(true);
    expect(formatIssues(result.warnings)).toContain(
      'W-CERT-001 the listener uses Secret "example-com-production-tls" from namespace "network": a ReferenceGrant there must allow Gateways from "agentgateway-system" to read it',
    );
  });
});

describe("timeouts", () => {
  it('rejects "0s" (agentgateway minimum 100ms)', () => {
    expect(errorsAfter((i) => (server(i, "flux").timeout = "0s"))).toContain(
      'servers[0].timeout  E-TMO-001 timeouts.request "0s" is invalid for agentgateway (minimum 100ms)',
    );
  });

  it("rejects a malformed duration", () => {
    expect(errorsAfter((i) => (server(i, "flux").timeout = "8 hours"))).toContain(
      'servers[0].timeout  E-TMO-002 timeout "8 hours" is not a duration; use <number><h|m|s|ms>',
    );
  });

  it("rejects a JWKS cache shorter than 5m", () => {
    expect(errorsAfter((i) => (i.issuer.jwks.cacheDuration = "30s"))).toContain('issuer.jwks.cacheDuration  E-TMO-001 jwks cacheDuration "30s" is too short (minimum 5m)');
  });
});

describe("chart pinning", () => {
  it.each([
    ["v0.0.0-latest", "floats with upstream main"],
    ["v2.2.0-main", "is a development build that floats with upstream main"],
    ["latest", "is not an exact version (ranges and names move)"],
    ["^1.4.0", "is not an exact version (ranges and names move)"],
  ])("rejects the floating tag %s", (tag, reason) => {
    expect(errorsAfter((i) => (i.chartVersion = tag))).toContain(
      `chartVersion  E-PIN-001 chart tag "${tag}" ${reason}; pin a release (CRD schema drift broke the reference deployment)`,
    );
  });

  it("accepts an exact patch release", () => {
    const input = multiServerInput();
    input.chartVersion = "v1.4.2";
    const result = buildMcpOAuthProxy(input);
    if (!result.ok) throw new Error(formatIssues(result.errors));
    const repo = result.contribution.apps?.find((a) => a.name === "agentgateway")?.files[0]?.documents[0];
    expect((repo?.spec as { ref: { tag: string } }).ref.tag).toBe("v1.4.2");
  });
});

describe("Cloudflare tunnel", () => {
  it("requires the public host among the tunnel hostnames (the reference had no DNS record for it)", () => {
    expect(errorsAfter((i) => (i.cloudflare!.hostnames = ["other.example.com"]))).toContain(
      'cloudflare.hostnames  E-CF-001 the tunnel must route the public host "mcp.example.com"',
    );
  });

  it("reports a tunnel hostname with a port with cloudflared's message", () => {
    expect(errorsAfter((i) => i.cloudflare!.hostnames.push("mcp.example.com:8443"))).toContain(
      "cloudflare.hostnames[1]  E-CF-003 tunnel rule #2 (mcp.example.com:8443): Hostname cannot contain a port",
    );
  });

  it("reports existing rules without a final catch-all with cloudflared's message", () => {
    expect(errorsAfter((i) => (i.cloudflare!.existingRules = [{ hostname: "*.example.com", service: "https://envoy-external.network.svc.cluster.local:443" }]))).toContain(
      "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)",
    );
  });

  it("places the MCP host before the wildcard that would swallow it and publishes its DNS record", () => {
    const result = buildMcpOAuthProxy(multiServerInput());
    if (!result.ok) throw new Error("fixture must build");
    expect(result.contribution.tunnelIngress).toEqual([
      {
        hostname: "mcp.example.com",
        service: "https://agentgateway-mcp.agentgateway-system.svc.cluster.local:443",
        originRequest: { http2Origin: true, originServerName: "mcp.example.com" },
      },
    ]);
    expect(result.contribution.tunnelDnsHostnames).toEqual(["mcp.example.com"]);
  });
});

describe("hosts", () => {
  it("refuses to serve the MCP servers on the issuer's host", () => {
    expect(errorsAfter((i) => (i.publicHost = "auth.example.com"))).toContain(
      'publicHost  E-URL-007 "auth.example.com" is also the issuer\'s host: the tunnel would send Keycloak\'s traffic to agentgateway.',
    );
  });

  it("reports an existing tunnel rule for the same host at that rule", () => {
    expect(
      errorsAfter((i) => (i.cloudflare!.existingRules = [{ hostname: "mcp.example.com", service: "https://old.example.internal:443" }, { service: "http_status:404" }])),
    ).toContain(
      "cloudflare.existingRules  E-CF-003 tunnel rule #2 (mcp.example.com): hostname 'mcp.example.com' is also routed to https://old.example.internal:443 by an existing rule; one of the two would never be triggered. Remove the existing rule",
    );
  });
});

describe("release selection", () => {
  it("rejects an unknown release with the supported list", () => {
    expect(expectErrors(buildMcpOAuthProxy(multiServerInput(), { release: "v2.2.0-main" as never }))).toContain(
      'options.release  E-REL-001 unknown agentgateway release "v2.2.0-main"; supported: "v1.4.1", "kgateway-v2.2.0-beta.3"',
    );
  });
});

describe("secrets", () => {
  it("keeps upstream credentials in secret.sops.yaml only and lists them for the leak check", () => {
    const result = buildMcpOAuthProxy(multiServerInput());
    if (!result.ok) throw new Error("fixture must build");
    const token = "ctx7-upstream-token-123";
    expect(result.contribution.secretValues).toEqual([token]);
    for (const app of result.contribution.apps ?? []) {
      for (const file of app.files) {
        expect(JSON.stringify(file.documents).includes(token), `${app.name}/${file.path}`).toBe(file.path === "secret.sops.yaml");
      }
    }
    expect(JSON.stringify(result.contribution.keycloakRealm)).not.toContain(token);
  });

  it("never prints a secret value in an error", () => {
    const input = multiServerInput();
    server(input, "context7").passthroughToken = true;
    expect(expectErrors(buildMcpOAuthProxy(input))).not.toContain("ctx7-upstream-token-123");
  });
});

describe("input from untyped code", () => {
  it("reports missing and mistyped fields instead of throwing", () => {
    const input = multiServerInput() as unknown as Record<string, any>;
    delete input.servers[0].upstream;
    input.servers[1].upstream.port = "8084";
    input.cors.origins = "https://inspector.example.com";
    expect(expectErrors(buildMcpOAuthProxy(input as McpOAuthProxyInput))).toBe(
      [
        "servers[0].upstream  E-INPUT-001 expected an object, got nothing",
        "servers[1].upstream.port  E-INPUT-001 expected a number, got string",
        "cors.origins  E-INPUT-001 expected a list, got string",
        "3 errors",
        "",
      ].join("\n"),
    );
  });
});

describe("gateway", () => {
  it.each(["10.0.0.300", "256.1.1.1", "10.0.0", "10.0.0.01", "mcp.example.com"])("rejects gateway.address %s, which is not an IPv4 address", (address) => {
    expect(errorsAfter((i) => (i.gateway.address = address))).toContain(`gateway.address  E-NAME-003 "${address}" is not an IPv4 address`);
  });

  it("accepts an IPv4 gateway.address", () => {
    const input = multiServerInput();
    input.gateway.address = "192.168.255.10";
    expect(buildMcpOAuthProxy(input).ok).toBe(true);
  });
});
