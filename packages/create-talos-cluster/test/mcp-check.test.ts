import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { toYamlDocuments } from "@talos-cluster/config-schema";
import { buildMcpOAuthProxy, mcpInputFromConfig } from "@talos-cluster/mcp-oauth-proxy-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../src/cli/context.js";
import { mcpCheck } from "../src/commands/mcp-check.js";
import { captureContext } from "./helpers.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/cluster/", import.meta.url));

/**
 * A stand-in for agentgateway + Keycloak on 127.0.0.1: /mcp/good behaves like a Strict MCP route with
 * provider Keycloak, /mcp/bad like the reference (no auth, one resource URL for every server, no S256).
 */
async function startFakeMcpGateway(): Promise<{ base: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  let base = "";
  const json = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const asMetadata = (path: string, s256: boolean) => ({
    issuer: "https://auth.example.com/realms/k8s-cluster",
    authorization_endpoint: "https://auth.example.com/realms/k8s-cluster/protocol/openid-connect/auth",
    token_endpoint: "https://auth.example.com/realms/k8s-cluster/protocol/openid-connect/token",
    registration_endpoint: s256 ? `${base}/.well-known/oauth-authorization-server${path}/client-registration` : undefined,
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: s256 ? ["plain", "S256"] : ["plain"],
  });
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    const url = req.url ?? "";
    if (req.method === "POST" && url === "/mcp/good") {
      res.writeHead(401, { "www-authenticate": `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp/good"` });
      res.end(JSON.stringify({ error: "unauthorized", error_description: "JWT token required" }));
    } else if (req.method === "POST" && url === "/mcp/bad") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: 1, result: {} }));
    } else if (url === "/.well-known/oauth-protected-resource/mcp/good") {
      json(res, {
        resource: `${base}/mcp/good`,
        authorization_servers: [`${base}/mcp/good`],
        scopes_supported: ["openid", "mcp:tools"],
        bearer_methods_supported: ["header"],
      });
    } else if (url === "/.well-known/oauth-protected-resource/mcp/bad") {
      json(res, { resource: `${base}/mcp`, authorization_servers: [`${base}/mcp/bad`], bearer_methods_supported: ["header", "body", "query"] });
    } else if (url === "/.well-known/oauth-authorization-server/mcp/good") {
      json(res, asMetadata("/mcp/good", true));
    } else if (url === "/.well-known/openid-configuration/mcp/bad") {
      json(res, asMetadata("/mcp/bad", false));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, hits, close: () => new Promise((done) => server.close(() => done())) };
}

async function run(args: string[], cwd = process.cwd()) {
  const ctx = captureContext({ cwd });
  let code: number;
  try {
    code = await mcpCheck.run(args, ctx);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    ctx.stderr(`${error.message}\n`);
    code = error.exitCode;
  }
  return { code, out: ctx.out(), err: ctx.err() };
}

/** A cluster directory (the repository's example) with agentgateway enabled and, optionally, a rendered tree. */
function clusterDir(options: { enabled: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), "mcp-check-"));
  const cluster = readFileSync(join(EXAMPLE, "cluster.yaml"), "utf8");
  writeFileSync(
    join(dir, "cluster.yaml"),
    `${cluster}\nagentgateway_enabled: ${options.enabled}\n${options.enabled ? "agentgateway_addr: 192.0.2.30\nkeycloak_enabled: true\n" : ""}`,
  );
  writeFileSync(join(dir, "nodes.yaml"), readFileSync(join(EXAMPLE, "nodes.yaml"), "utf8"));
  return dir;
}

function renderTree(dir: string, config: Parameters<typeof mcpInputFromConfig>[0]): void {
  const built = buildMcpOAuthProxy(
    mcpInputFromConfig(config, {
      servers: [
        { name: "flux", pathPrefix: "/mcp/flux", upstream: { host: "flux-mcp.flux-system.svc.cluster.local", port: 9090, protocol: "StreamableHTTP" } },
        {
          name: "status",
          pathPrefix: "/mcp/status",
          upstream: { host: "status.default.svc.cluster.local", port: 80, protocol: "StreamableHTTP" },
          public: { reason: "read-only status" },
        },
      ],
      keycloak: { registration: { mode: "dcr", egressIdentity: "198.51.100.4", trustedHosts: ["198.51.100.4", "localhost"] } },
    }),
  );
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  for (const app of built.contribution.apps ?? []) {
    for (const file of app.files) {
      const path = join(dir, "kubernetes/apps", app.namespace, app.name, "app", file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, toYamlDocuments(file.documents));
    }
  }
}

describe("talos-cluster mcp check against a local gateway", () => {
  let gateway: Awaited<ReturnType<typeof startFakeMcpGateway>>;
  beforeAll(async () => {
    gateway = await startFakeMcpGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it("passes a spec-compliant server and prints every requirement", async () => {
    const { code, out, err } = await run(["--url", `${gateway.base}/mcp/good`]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.replaceAll(gateway.base, "http://127.0.0.1:PORT")).toMatchInlineSnapshot(`
      "http://127.0.0.1:PORT/mcp/good
        PASS  AUTH-1  a request without a token is rejected with 401 (Strict authentication)
        PASS  AUTH-2  the 401 carries WWW-Authenticate: Bearer resource_metadata="<protected resource metadata URL>"
        PASS  PRM-1   resource equals the server URL (RFC 9728 §3.3)
        PASS  PRM-2   authorization_servers lists at least one https authorization server
        PASS  PRM-3   bearer_methods_supported is absent or exactly ["header"] (no tokens in the query string)
        PASS  PRM-4   scopes_supported is advertised (clients request these scopes)
        PASS  AS-1    issuer is present (RFC 8414 §2)
        PASS  AS-2    authorization_endpoint and token_endpoint are https URLs
        PASS  AS-3    response_types_supported includes "code"
        PASS  AS-4    code_challenge_methods_supported includes "S256" (MCP clients refuse to continue without it)
        PASS  AS-5    grant_types_supported, when present, includes "authorization_code"
        PASS  AS-6    registration_endpoint is an https URL (dynamic client registration is configured)

      12 requirements checked: 12 passed, 0 failed, 0 warnings.
      "
    `);
  });

  it("fails the reference's mistakes and exits 1", async () => {
    const { code, out } = await run(["--url", `${gateway.base}/mcp/bad`]);
    expect(code).toBe(1);
    const failed = out.match(/^ {2}FAIL {2}\S+/gm)?.map((l) => l.trim().split(/\s+/)[1]);
    expect(failed).toEqual(["AUTH-1", "PRM-1", "PRM-3", "AS-4", "AS-6"]);
    expect(out).toContain(`resource is "${gateway.base}/mcp", expected "${gateway.base}/mcp/bad"; clients reject the server`);
    expect(out).toMatch(/checked: \d+ passed, 5 failed/);
  });

  it("does not require a registration endpoint for pre-registered clients", async () => {
    const { out } = await run(["--url", `${gateway.base}/mcp/bad`, "--registration", "preregistered"]);
    expect(out).not.toContain("AS-6");
  });

  it("reports a server that serves no metadata", async () => {
    const { code, out } = await run(["--url", `${gateway.base}/mcp/missing`]);
    expect(code).toBe(1);
    expect(out).toContain(`FAIL  PRM-0   protected resource metadata is served at the RFC 9728 well-known URL`);
    expect(out).toContain(`${gateway.base}/.well-known/oauth-protected-resource/mcp/missing: HTTP 404`);
  });

  it("prints curl commands and sends nothing with --dry-run", async () => {
    const before = gateway.hits.length;
    const { code, out } = await run(["--dry-run", "--url", `${gateway.base}/mcp/good`]);
    expect(code).toBe(0);
    expect(gateway.hits.length).toBe(before);
    expect(out).toContain(`curl -sS -H 'Accept: application/json' '${gateway.base}/.well-known/oauth-protected-resource/mcp/good'`);
    expect(out).toContain(`curl -sS -H 'Accept: application/json' '${gateway.base}/.well-known/oauth-authorization-server/mcp/good'`);
  });
});

describe("talos-cluster mcp check --dir", () => {
  it("reads the servers from the rendered tree and skips public ones", async () => {
    const dir = clusterDir({ enabled: true });
    const { loadClusterConfig } = await import("@talos-cluster/config-schema");
    const loaded = await loadClusterConfig(dir);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    renderTree(dir, loaded.config);
    const { code, out, err } = await run(["--dir", dir, "--dry-run"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toContain("# https://mcp-auth.example.com/mcp/flux\n");
    expect(out).toContain("curl -sS -H 'Accept: application/json' 'https://mcp-auth.example.com/.well-known/oauth-protected-resource/mcp/flux'");
    expect(out).toContain("# https://mcp-auth.example.com/mcp/status (public: no authentication expected)");
  });

  it("explains that agentgateway is not enabled", async () => {
    const dir = clusterDir({ enabled: false });
    const { code, err } = await run(["--dir", dir]);
    expect(code).toBe(1);
    expect(err).toContain("agentgateway_enabled  The MCP OAuth gateway is not enabled, so there is nothing to check.");
  });

  it("asks for a rendered tree when there are no MCP routes", async () => {
    const dir = clusterDir({ enabled: true });
    const { code, err } = await run(["--dir", dir]);
    expect(code).toBe(1);
    expect(err).toContain("no MCP routes found under");
    expect(err).toContain("or pass --url https://mcp-auth.example.com/<path>");
  });
});

describe("talos-cluster mcp check usage", () => {
  it.each([
    [["--bogus"], "unknown option --bogus"],
    [["--registration", "maybe"], '--registration must be "dcr" or "preregistered", not "maybe"'],
    [["--url", "http://mcp.example.com/mcp"], '--url "http://mcp.example.com/mcp" is not an https URL'],
    [["extra"], 'unexpected argument "extra". To check one server, use --url extra.'],
  ])("rejects %j with exit code 2", async (args, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
