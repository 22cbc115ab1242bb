import { type ResolvedConfig, formatIssue, parseClusterConfig, toYaml } from "@talos-cluster/config-schema";
import { describe, expect, it } from "vitest";
import { buildMcpOAuthProxy, formatIssues, mcpInputFromConfig } from "../src/index.js";

const SCHEMATIC = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";
const NODES = toYaml({
  nodes: [{ name: "k8s-0", address: "192.168.1.10", controller: true, disk: "/dev/sda", mac_addr: "00:11:22:33:44:00", schematic_id: SCHEMATIC }],
});

/** A cluster.yaml as a user writes it, with agentgateway on and `extra` appended verbatim. */
function clusterYaml(extra: string): string {
  return `node_cidr: 192.168.1.0/24
cluster_api_addr: 192.168.1.100
cluster_gateway_addr: 192.168.1.101
cluster_dns_gateway_addr: 192.168.1.102
cloudflare_gateway_addr: 192.168.1.103
repository_name: my-org/home-cluster
cloudflare_domains: [example.com]
cloudflare_token: fake-cloudflare-token
keycloak_enabled: true
keycloak_admin_password: fake-admin-password
keycloak_db_password: fake-db-password
agentgateway_enabled: true
agentgateway_addr: 192.168.1.105
keycloak_agentgateway_client_secret: fake-client-secret
${extra}`;
}

const SERVING = `agentgateway_mcp_servers:
  - name: flux
    path_prefix: /mcp/flux
    upstream:
      host: flux-mcp.flux-system.svc.cluster.local
      port: 9090
      path: /mcp
  - name: kagent
    path_prefix: /mcp/kagent
    upstream: { host: kagent-tools.kagent.svc.cluster.local, port: 8084, protocol: SSE }
    timeout: 1h
agentgateway_cors_origins:
  - https://inspector.example.com
agentgateway_client_registration:
  mode: dcr
  egress_identity: 203.0.113.7
  trusted_hosts: [203.0.113.7, localhost, 127.0.0.1]
`;

function parse(extra: string) {
  return parseClusterConfig({ cluster: { path: "cluster.yaml", text: clusterYaml(extra) }, nodes: { path: "nodes.yaml", text: NODES } });
}

function resolved(extra: string): ResolvedConfig {
  const result = parse(extra);
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
  return result.config;
}

describe("mcpInputFromConfig with the cluster.yaml keys for what agentgateway serves", () => {
  it("takes the MCP servers, CORS origins and client registration from cluster.yaml", () => {
    const input = mcpInputFromConfig(resolved(SERVING));
    expect(input.servers).toEqual([
      {
        name: "flux",
        pathPrefix: "/mcp/flux",
        upstream: { host: "flux-mcp.flux-system.svc.cluster.local", port: 9090, path: "/mcp", protocol: "StreamableHTTP" },
      },
      {
        name: "kagent",
        pathPrefix: "/mcp/kagent",
        upstream: { host: "kagent-tools.kagent.svc.cluster.local", port: 8084, protocol: "SSE" },
        timeout: "1h",
      },
    ]);
    expect(input.cors.origins).toEqual(["https://inspector.example.com"]);
    expect(input.keycloak.registration).toEqual({
      mode: "dcr",
      egressIdentity: "203.0.113.7",
      trustedHosts: ["203.0.113.7", "localhost", "127.0.0.1"],
    });
  });

  it("builds a gateway that serves them, without the nothing-served and nobody-can-sign-in warnings", () => {
    const result = buildMcpOAuthProxy(mcpInputFromConfig(resolved(SERVING)));
    if (!result.ok) throw new Error(formatIssues(result.errors));
    const codes = result.warnings.map((warning) => warning.code);
    expect(codes).not.toContain("W-SRV-001");
    expect(codes).not.toContain("W-KC-001");
    const text = JSON.stringify(result.contribution);
    expect(text).toContain("https://mcp-auth.example.com/mcp/flux");
    expect(text).toContain("https://mcp-auth.example.com/mcp/kagent");
    expect(text).toContain("flux-mcp.flux-system.svc.cluster.local");
    expect(text).toContain("https://inspector.example.com");
    expect(text).toContain("203.0.113.7");
  });

  it("maps pre-registered clients to public PKCE clients", () => {
    const config = resolved(`${SERVING.replace(/agentgateway_client_registration:[\s\S]*$/, "")}agentgateway_client_registration:
  mode: preregistered
  clients:
    - client_id: vscode
      name: VS Code
      redirect_uris: [http://127.0.0.1:33418, https://vscode.dev/redirect]
`);
    const input = mcpInputFromConfig(config);
    expect(input.keycloak.registration).toEqual({
      mode: "preregistered",
      clients: [{ clientId: "vscode", name: "VS Code", redirectUris: ["http://127.0.0.1:33418", "https://vscode.dev/redirect"] }],
    });
    const result = buildMcpOAuthProxy(input);
    if (!result.ok) throw new Error(formatIssues(result.errors));
    expect(result.warnings.map((warning) => warning.code)).not.toContain("W-KC-001");
    expect(JSON.stringify(result.contribution)).toContain("vscode");
  });

  it("lets overrides win over the cluster.yaml values", () => {
    const input = mcpInputFromConfig(resolved(SERVING), {
      servers: [{ name: "tools", pathPrefix: "/tools", upstream: { host: "tools.ai.svc.cluster.local", port: 8000, protocol: "StreamableHTTP" } }],
      cors: { origins: ["https://app.example.com"] },
      keycloak: { registration: { mode: "preregistered", clients: [{ clientId: "cli", redirectUris: ["http://127.0.0.1:8765"] }] } },
    });
    expect(input.servers.map((server) => server.name)).toEqual(["tools"]);
    expect(input.cors.origins).toEqual(["https://app.example.com"]);
    expect(input.keycloak.registration.mode).toBe("preregistered");
  });

  it("does not alias the resolved configuration", () => {
    const config = resolved(SERVING);
    const input = mcpInputFromConfig(config);
    input.servers[0]!.upstream.port = 1;
    input.cors.origins.push("https://other.example.com");
    expect(config.agentgateway_mcp_servers?.[0]?.upstream.port).toBe(9090);
    expect(config.agentgateway_cors_origins).toEqual(["https://inspector.example.com"]);
  });

  it("reports a bad value in cluster.yaml at its position, before anything is built", () => {
    const result = parse(SERVING.replace("port: 9090", "port: http").replace("path_prefix: /mcp/kagent", "path_prefix: /mcp"));
    expect(result.ok ? "" : result.errors.map(formatIssue).join("\n")).toMatchInlineSnapshot(`
      "cluster.yaml:20:13  agentgateway_mcp_servers[0].upstream.port  Expected a number, got text. Write a number, e.g. port: 9090.
      cluster.yaml:23:18  agentgateway_mcp_servers[1].path_prefix  /mcp overlaps /mcp/flux of server "flux" (agentgateway_mcp_servers[0]): /mcp also matches requests for /mcp/flux, so one server would get the other's traffic. Use paths that are not inside each other: move server "kagent" to a sibling path such as /mcp/kagent."
    `);
  });

  it("leaves the security rules to buildMcpOAuthProxy: a wildcard origin passes cluster.yaml but not the build", () => {
    const config = resolved(SERVING.replace("- https://inspector.example.com", '- "*"'));
    const result = buildMcpOAuthProxy(mcpInputFromConfig(config));
    expect(result.ok ? "" : formatIssues(result.errors)).toMatchInlineSnapshot(`
      "cors.origins[0]  E-CORS-001 origin "*" is not allowed: list exact https origins (MCP Streamable HTTP requires Origin validation)
      1 error
      "
    `);
  });
});
