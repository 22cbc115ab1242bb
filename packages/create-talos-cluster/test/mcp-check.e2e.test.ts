import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBuiltBin, spawnBin } from "./built-bin.js";

/**
 * agentgateway + Keycloak as an MCP client sees them, on 127.0.0.1: /mcp/good is a Strict route with provider
 * Keycloak; /mcp/bad lets requests without a token through. (The unit tests use a fuller fake; test files
 * cannot import each other without running each other's tests.)
 */
async function startFakeMcpGateway() {
  let base = "";
  const server = createServer((req, res) => {
    req.resume();
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const path = req.url ?? "";
    const name = /\/mcp\/(good|bad)$/.exec(path)?.[1];
    if (req.method === "POST" && path === "/mcp/good") {
      send(401, { error: "unauthorized" }, { "www-authenticate": `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp/good"` });
    } else if (req.method === "POST" && path === "/mcp/bad") {
      send(200, { jsonrpc: "2.0", id: 1, result: {} });
    } else if (name && path.startsWith("/.well-known/oauth-protected-resource/")) {
      send(200, { resource: `${base}/mcp/${name}`, authorization_servers: [`${base}/mcp/${name}`], scopes_supported: ["mcp:tools"] });
    } else if (name && path.startsWith("/.well-known/oauth-authorization-server/")) {
      send(200, {
        issuer: "https://auth.example.com/realms/k8s-cluster",
        authorization_endpoint: "https://auth.example.com/realms/k8s-cluster/protocol/openid-connect/auth",
        token_endpoint: "https://auth.example.com/realms/k8s-cluster/protocol/openid-connect/token",
        registration_endpoint: `${base}/.well-known/oauth-authorization-server/mcp/${name}/client-registration`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
      });
    } else {
      send(404, {});
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((done) => server.close(() => done())) };
}

/** Runs the built bin asynchronously (the fake gateway answers from this process). */
const talosCluster = (args: string[]) => spawnBin(args, tmpdir());

describe("talos-cluster mcp check (built bin)", () => {
  let gateway: Awaited<ReturnType<typeof startFakeMcpGateway>>;
  beforeAll(async () => {
    requireBuiltBin();
    gateway = await startFakeMcpGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it("is listed in the help", async () => {
    const help = await talosCluster(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}mcp check +Check the MCP servers' OAuth discovery/m);
  });

  it("exits 0 for a compliant server and 1 when one of several fails", async () => {
    const good = await talosCluster(["mcp", "check", "--url", `${gateway.base}/mcp/good`]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stderr).toBe("");
    expect(good.stdout).toContain("12 requirements checked: 12 passed, 0 failed, 0 warnings.");

    const both = await talosCluster(["mcp", "check", "--url", `${gateway.base}/mcp/good`, "--url", `${gateway.base}/mcp/bad`]);
    expect(both.code, both.stderr).toBe(1);
    expect(both.stdout).toContain(`FAIL  AUTH-1  a request without a token is rejected with 401 (Strict authentication)`);
  });

  it("exits 2 with the usage on a bad flag", async () => {
    const out = await talosCluster(["mcp", "check", "--nope"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("talos-cluster mcp check: unknown option --nope.");
    expect(out.stderr).toContain("Usage: talos-cluster mcp check");
  });

  it("prints its usage with --help", async () => {
    const out = await talosCluster(["mcp", "check", "--help"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("--dry-run             print the requests as curl commands instead of sending them");
  });
});
