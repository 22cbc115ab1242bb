import { describe, expect, it } from "vitest";
import {
  type AgentgatewayRelease,
  RELEASES,
  buildMcpOAuthProxy,
  discoveryPaths,
  protectedResourceMetadataUrl,
  resourceUrl,
} from "../src/index.js";
import { multiServerInput } from "./fixtures.js";
import { expectOk } from "./helpers.js";

type Doc = Record<string, any>;

/** Which backend a request path reaches, following Gateway API PathPrefix semantics (longest element prefix wins). */
function routeFor(docs: Doc[], host: string, path: string): string | undefined {
  let best: { len: number; backend: string } | undefined;
  for (const route of docs.filter((d) => d.kind === "HTTPRoute" && d.spec.hostnames.includes(host))) {
    for (const rule of route.spec.rules) {
      for (const m of rule.matches) {
        const v: string = m.path.value;
        if ((path === v || path.startsWith(`${v}/`)) && (!best || v.length > best.len)) best = { len: v.length, backend: rule.backendRefs[0].name };
      }
    }
  }
  return best?.backend;
}

describe.each(Object.keys(RELEASES) as AgentgatewayRelease[])("MCP discovery wiring, release %s", (release) => {
  const input = multiServerInput();
  const contribution = expectOk(buildMcpOAuthProxy(input, { release }));
  const docs = (contribution.apps ?? []).flatMap((a) => a.files.flatMap((f) => f.documents)) as Doc[];

  it("advertises each protected server's own URL as its resource, with header-only bearer tokens", () => {
    for (const server of input.servers.filter((s) => !s.public)) {
      const metadata = docs
        .filter((d) => d.kind === "AgentgatewayPolicy")
        .map((d) => d.spec.traffic?.jwtAuthentication?.mcp?.resourceMetadata ?? d.spec.backend?.mcp?.authentication?.resourceMetadata)
        .find((m) => m?.resource === resourceUrl(input, server));
      expect(metadata, server.name).toMatchObject({ bearerMethodsSupported: ["header"], scopesSupported: expect.arrayContaining(["mcp:tools"]) });
    }
  });

  it("routes every server's RFC 9728 and RFC 8414 discovery URLs to that server's backend", () => {
    for (const server of input.servers.filter((s) => !s.public)) {
      const prm = new URL(protectedResourceMetadataUrl(resourceUrl(input, server)));
      expect(prm.pathname).toBe(discoveryPaths(server.pathPrefix)[0]);
      expect(routeFor(docs, input.publicHost, prm.pathname)).toBe(`mcp-${server.name}`);
      expect(routeFor(docs, input.publicHost, `/.well-known/oauth-authorization-server${server.pathPrefix}/client-registration`)).toBe(`mcp-${server.name}`);
      expect(routeFor(docs, input.publicHost, `${server.pathPrefix}/anything`)).toBe(`mcp-${server.name}`);
    }
  });

  it("puts one audience mapper per protected server into the audience scope, and none for the public one", () => {
    const scope = contribution.keycloakRealm?.clientScopes?.[0] as Doc;
    expect(scope.name).toBe("mcp:tools");
    expect(scope.protocolMappers.map((m: Doc) => m.config["included.custom.audience"])).toEqual([
      "https://mcp.example.com/mcp/flux",
      "https://mcp.example.com/mcp/kagent",
      "https://mcp.example.com/mcp/context7",
    ]);
  });
});
