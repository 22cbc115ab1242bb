import { describe, expect, it } from "vitest";
import { baseCluster, clusterErrors, errorsOf, parseObjects, parseTexts } from "./helpers.js";

const ON = { keycloak_enabled: true, agentgateway_enabled: true, agentgateway_addr: "192.168.1.105", keycloak_agentgateway_client_secret: "x" };
const FLUX = { name: "flux", path_prefix: "/mcp/flux", upstream: { host: "flux-mcp.flux-system.svc.cluster.local", port: 9090, path: "/mcp" } };
const KAGENT = { name: "kagent", path_prefix: "/mcp/kagent", upstream: { host: "kagent.kagent.svc.cluster.local", port: 8083, protocol: "SSE" }, timeout: "1h" };

describe("agentgateway_mcp_servers, agentgateway_cors_origins, agentgateway_client_registration", () => {
  it("resolve into the configuration, with the transport defaulting to StreamableHTTP", () => {
    const result = parseObjects({
      ...baseCluster(),
      ...ON,
      agentgateway_mcp_servers: [FLUX, KAGENT],
      agentgateway_cors_origins: ["https://inspector.example.com"],
      agentgateway_client_registration: { mode: "dcr", egress_identity: "203.0.113.7", trusted_hosts: ["203.0.113.7", "localhost"] },
    });
    expect(errorsOf(result)).toBe("");
    if (!result.ok) return;
    expect(result.config.agentgateway_mcp_servers).toEqual([
      { ...FLUX, upstream: { ...FLUX.upstream, protocol: "StreamableHTTP" } },
      KAGENT,
    ]);
    expect(result.config.agentgateway_cors_origins).toEqual(["https://inspector.example.com"]);
    expect(result.config.agentgateway_client_registration).toEqual({
      mode: "dcr",
      egress_identity: "203.0.113.7",
      trusted_hosts: ["203.0.113.7", "localhost"],
    });
  });

  it("are omitted from the configuration when not set", () => {
    const result = parseObjects({ ...baseCluster(), ...ON });
    expect(result.ok && Object.keys(result.config).filter((key) => /mcp_servers|cors_origins|client_registration/.test(key))).toEqual([]);
  });

  it("accept pre-registered clients", () => {
    const result = parseObjects({
      ...baseCluster(),
      ...ON,
      agentgateway_client_registration: {
        mode: "preregistered",
        clients: [{ client_id: "vscode", name: "VS Code", redirect_uris: ["http://127.0.0.1:33418", "https://vscode.dev/redirect"] }],
      },
    });
    expect(errorsOf(result)).toBe("");
    expect(result.ok && result.config.agentgateway_client_registration).toEqual({
      mode: "preregistered",
      clients: [{ client_id: "vscode", name: "VS Code", redirect_uris: ["http://127.0.0.1:33418", "https://vscode.dev/redirect"] }],
    });
  });

  it("need agentgateway_enabled: true", () => {
    expect(
      clusterErrors({
        agentgateway_mcp_servers: [FLUX],
        agentgateway_cors_origins: ["https://inspector.example.com"],
        agentgateway_client_registration: { mode: "dcr", trusted_hosts: ["localhost"] },
      }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:11:3  agentgateway_mcp_servers  agentgateway_mcp_servers needs agentgateway, which is off (agentgateway_enabled is not set). Set agentgateway_enabled: true, or remove agentgateway_mcp_servers.
      cluster.yaml:18:3  agentgateway_cors_origins  agentgateway_cors_origins needs agentgateway, which is off (agentgateway_enabled is not set). Set agentgateway_enabled: true, or remove agentgateway_cors_origins.
      cluster.yaml:20:3  agentgateway_client_registration  agentgateway_client_registration needs agentgateway, which is off (agentgateway_enabled is not set). Set agentgateway_enabled: true, or remove agentgateway_client_registration."
    `);
    expect(clusterErrors({ agentgateway_enabled: false, agentgateway_mcp_servers: [FLUX] })).toMatchInlineSnapshot(`"cluster.yaml:12:3  agentgateway_mcp_servers  agentgateway_mcp_servers needs agentgateway, which is off (agentgateway_enabled is false). Set agentgateway_enabled: true, or remove agentgateway_mcp_servers."`);
  });

  it("report bad server values at their position", () => {
    const text = `${Object.entries(baseCluster())
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join("\n")}
keycloak_enabled: true
agentgateway_enabled: true
agentgateway_addr: 192.168.1.105
keycloak_agentgateway_client_secret: x
agentgateway_mcp_servers:
  - name: Flux
    path_prefix: mcp/flux/
    upstream:
      host: http://flux-mcp.flux-system.svc.cluster.local:9090/mcp
      port: "9090"
      protocol: websocket
    timeout: 8 hours
  - name: kagent
    path_prefix: /mcp/kagent
    upstream: { host: kagent.kagent.svc.cluster.local, port: 70000, path: mcp }
    public: true
  - name: extra
    pathPrefix: /mcp/extra
    upstream: { host: extra.ai.svc.cluster.local, port: 80 }
`;
    expect(errorsOf(parseTexts(text))).toMatchInlineSnapshot(`
      "cluster.yaml:14:11  agentgateway_mcp_servers[0].name  "Flux" has uppercase letters. Write the server name in lowercase: flux.
      cluster.yaml:15:18  agentgateway_mcp_servers[0].path_prefix  "mcp/flux/" does not start with "/". Write it as /mcp/flux.
      cluster.yaml:17:13  agentgateway_mcp_servers[0].upstream.host  "http://flux-mcp.flux-system.svc.cluster.local:9090/mcp" is not a bare host. Write the host alone (flux-mcp.flux-system.svc.cluster.local) and put the port in port and the path in path.
      cluster.yaml:18:13  agentgateway_mcp_servers[0].upstream.port  Expected a number, got text. Write the number without quotes.
      cluster.yaml:19:17  agentgateway_mcp_servers[0].upstream.protocol  "websocket" is not allowed. Use one of: "StreamableHTTP", "SSE".
      cluster.yaml:20:14  agentgateway_mcp_servers[0].timeout  "8 hours" is not a duration. Write numbers with the units h, m, s or ms, e.g. 8h, 30m or 1m30s.
      cluster.yaml:23:62  agentgateway_mcp_servers[1].upstream.port  70000 is not a port. Use a whole number between 1 and 65535.
      cluster.yaml:23:75  agentgateway_mcp_servers[1].upstream.path  "mcp" does not start with "/". Write the MCP endpoint's path on the upstream, e.g. /mcp.
      cluster.yaml:24:13  agentgateway_mcp_servers[1].public  Expected a mapping (key: value lines), got true.
      cluster.yaml:25:5  agentgateway_mcp_servers[2].path_prefix  Missing required key path_prefix. Add it, e.g. path_prefix: /mcp/flux.
      cluster.yaml:26:5  agentgateway_mcp_servers[2].pathPrefix  Unknown key pathPrefix. Did you mean path_prefix?"
    `);
  });

  it("report missing keys, a wrong mode and bad client entries", () => {
    expect(clusterErrors({ ...ON, agentgateway_mcp_servers: [{ name: "flux" }] })).toMatchInlineSnapshot(`
      "cluster.yaml:15:5  agentgateway_mcp_servers[0].path_prefix  Missing required key path_prefix. Add it, e.g. path_prefix: /mcp/flux.
      cluster.yaml:15:5  agentgateway_mcp_servers[0].upstream  Missing required key upstream. Add it, e.g. upstream: { host: flux-mcp.flux-system.svc.cluster.local, port: 9090, path: /mcp }."
    `);
    expect(clusterErrors({ ...ON, agentgateway_client_registration: { mode: "dynamic", trusted_hosts: ["localhost"] } })).toMatchInlineSnapshot(`"cluster.yaml:15:9  agentgateway_client_registration.mode  mode "dynamic" is not allowed. Use mode: preregistered (with clients) or mode: dcr (with trusted_hosts)."`);
    expect(clusterErrors({ ...ON, agentgateway_client_registration: { trusted_hosts: ["localhost"] } })).toMatchInlineSnapshot(`"cluster.yaml:15:3  agentgateway_client_registration.mode  Missing mode. Add mode: preregistered (with clients) or mode: dcr (with trusted_hosts)."`);
    expect(clusterErrors({ ...ON, agentgateway_client_registration: { mode: "dcr", trusted_hosts: [] } })).toMatchInlineSnapshot(`"cluster.yaml:16:18  agentgateway_client_registration.trusted_hosts  Empty list. Add the hosts allowed to register clients, including egress_identity."`);
    expect(
      clusterErrors({ ...ON, agentgateway_client_registration: { mode: "preregistered", clients: [{ client_id: "vscode", redirect_uri: "http://127.0.0.1:33418" }] } }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:17:7  agentgateway_client_registration.clients[0].redirect_uris  Missing required key redirect_uris. Add it, e.g. redirect_uris: [ http://127.0.0.1:33418 ].
      cluster.yaml:18:7  agentgateway_client_registration.clients[0].redirect_uri  Unknown key redirect_uri. Did you mean redirect_uris?"
    `);
    expect(
      clusterErrors({
        ...ON,
        agentgateway_mcp_servers: [null, "flux", { ...FLUX, upstream: { hostname: "flux", port: 1 } }],
        agentgateway_client_registration: "dcr",
      }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:15:5  agentgateway_mcp_servers[0]  This list entry is empty. Fill it in or remove the line.
      cluster.yaml:16:5  agentgateway_mcp_servers[1]  Expected a mapping (key: value lines), got text.
      cluster.yaml:20:7  agentgateway_mcp_servers[2].upstream.host  Missing required key host. Add it, e.g. host: flux-mcp.flux-system.svc.cluster.local.
      cluster.yaml:20:7  agentgateway_mcp_servers[2].upstream.hostname  Unknown key hostname: it is not a setting of agentgateway_mcp_servers[2].upstream. Remove it or check the spelling.
      cluster.yaml:22:35  agentgateway_client_registration  Expected a mapping (key: value lines), got text."
    `);
    expect(clusterErrors({ ...ON, agentgateway_cors_origins: "https://inspector.example.com" })).toMatchInlineSnapshot(`"cluster.yaml:14:28  agentgateway_cors_origins  Expected a list, got text. Write a YAML list: one "- item" line per entry, or [item1, item2]."`);
  });

  it("reject duplicate server names and overlapping path prefixes, even next to another bad entry", () => {
    expect(
      clusterErrors({
        ...ON,
        agentgateway_mcp_servers: [
          FLUX,
          { ...KAGENT, name: "flux", path_prefix: "/mcp/flux" },
          { ...KAGENT, name: "all", path_prefix: "/mcp" },
          { ...KAGENT, name: "sub", path_prefix: "/mcp/kagent/sub", upstream: { ...KAGENT.upstream, port: 0 } },
          KAGENT,
          { ...KAGENT, name: "mcpx", path_prefix: "/mcpx" },
        ],
      }),
    ).toMatchInlineSnapshot(`
      "cluster.yaml:21:11  agentgateway_mcp_servers[1].name  Server name "flux" is already used by agentgateway_mcp_servers[0]. Give each MCP server a unique name.
      cluster.yaml:22:18  agentgateway_mcp_servers[1].path_prefix  /mcp/flux is already the path of server "flux" (agentgateway_mcp_servers[0]). Each MCP server needs a path of its own (it is the server's resource URL).
      cluster.yaml:29:18  agentgateway_mcp_servers[2].path_prefix  /mcp overlaps /mcp/flux of server "flux" (agentgateway_mcp_servers[0]): /mcp also matches requests for /mcp/flux, so one server would get the other's traffic. Use paths that are not inside each other: move server "all" to a sibling path such as /mcp/all.
      cluster.yaml:36:18  agentgateway_mcp_servers[3].path_prefix  /mcp/kagent/sub overlaps /mcp of server "all" (agentgateway_mcp_servers[2]): /mcp also matches requests for /mcp/kagent/sub, so one server would get the other's traffic. Use paths that are not inside each other: move server "all" to a sibling path such as /mcp/all.
      cluster.yaml:39:13  agentgateway_mcp_servers[3].upstream.port  0 is not a port. Use a whole number between 1 and 65535.
      cluster.yaml:43:18  agentgateway_mcp_servers[4].path_prefix  /mcp/kagent overlaps /mcp of server "all" (agentgateway_mcp_servers[2]): /mcp also matches requests for /mcp/kagent, so one server would get the other's traffic. Use paths that are not inside each other: move server "all" to a sibling path such as /mcp/all."
    `);
  });
});
