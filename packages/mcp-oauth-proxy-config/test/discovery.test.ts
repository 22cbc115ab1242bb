import { describe, expect, it } from "vitest";
import {
  authorizationServerMetadataUrls,
  checkAuthorizationServerMetadata,
  checkProtectedResourceMetadata,
  checkUnauthenticatedChallenge,
  protectedResourceMetadataUrl,
} from "../src/index.js";

describe("discovery URLs", () => {
  it("inserts the well-known suffix between host and path (RFC 9728 §3.1, RFC 8414 §3.1)", () => {
    expect(protectedResourceMetadataUrl("https://mcp.example.com/mcp/flux")).toBe("https://mcp.example.com/.well-known/oauth-protected-resource/mcp/flux");
    expect(protectedResourceMetadataUrl("https://mcp.example.com")).toBe("https://mcp.example.com/.well-known/oauth-protected-resource");
    expect(authorizationServerMetadataUrls("https://auth.example.com/realms/k8s")).toEqual([
      "https://auth.example.com/.well-known/oauth-authorization-server/realms/k8s",
      "https://auth.example.com/.well-known/openid-configuration/realms/k8s",
      "https://auth.example.com/realms/k8s/.well-known/openid-configuration",
    ]);
  });
});

describe("checkProtectedResourceMetadata", () => {
  const good = {
    resource: "https://mcp.example.com/mcp/flux",
    authorization_servers: ["https://mcp.example.com/mcp/flux"],
    scopes_supported: ["openid", "mcp:tools"],
    bearer_methods_supported: ["header"],
  };

  it("passes a compliant document", () => {
    expect(checkProtectedResourceMetadata(good, { resource: good.resource }).map((c) => c.status)).toEqual(["pass", "pass", "pass", "pass"]);
  });

  it("fails a reused resource URL, missing authorization servers and query-string tokens", () => {
    const checks = checkProtectedResourceMetadata(
      { resource: "https://mcp.example.com/mcp", authorization_servers: [], bearer_methods_supported: ["header", "query"] },
      { resource: good.resource },
    );
    expect(checks.map((c) => `${c.id} ${c.status}`)).toEqual(["PRM-1 fail", "PRM-2 fail", "PRM-3 fail", "PRM-4 warn"]);
    expect(checks[0]?.detail).toBe('resource is "https://mcp.example.com/mcp", expected "https://mcp.example.com/mcp/flux"; clients reject the server');
  });
});

describe("checkAuthorizationServerMetadata", () => {
  const keycloak = {
    issuer: "https://auth.example.com/realms/k8s-cluster",
    authorization_endpoint: "https://auth.example.com/realms/k8s-cluster/protocol/openid-connect/auth",
    token_endpoint: "https://auth.example.com/realms/k8s-cluster/protocol/openid-connect/token",
    registration_endpoint: "https://mcp.example.com/.well-known/oauth-authorization-server/mcp/flux/client-registration",
    response_types_supported: ["code", "none"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["plain", "S256"],
  };

  it("passes Keycloak's metadata as agentgateway rewrites it", () => {
    expect(checkAuthorizationServerMetadata(keycloak, { dcr: true }).every((c) => c.status === "pass")).toBe(true);
  });

  it("fails without S256, and without a registration endpoint when DCR is configured", () => {
    const checks = checkAuthorizationServerMetadata({ ...keycloak, code_challenge_methods_supported: ["plain"], registration_endpoint: undefined }, { dcr: true });
    expect(checks.filter((c) => c.status === "fail").map((c) => c.id)).toEqual(["AS-4", "AS-6"]);
  });

  it("does not require a registration endpoint for pre-registered clients", () => {
    expect(checkAuthorizationServerMetadata({ ...keycloak, registration_endpoint: undefined }, { dcr: false }).map((c) => c.id)).not.toContain("AS-6");
  });
});

describe("checkUnauthenticatedChallenge", () => {
  const resource = "https://mcp.example.com/mcp/flux";
  it("passes a 401 that points at the resource's metadata", () => {
    const checks = checkUnauthenticatedChallenge(
      401,
      'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp/flux"',
      { resource },
    );
    expect(checks.map((c) => c.status)).toEqual(["pass", "pass"]);
  });

  it("fails when a request without a token gets through (Optional mode)", () => {
    expect(checkUnauthenticatedChallenge(200, null, { resource }).map((c) => `${c.id} ${c.status}`)).toEqual(["AUTH-1 fail", "AUTH-2 warn"]);
  });
});
