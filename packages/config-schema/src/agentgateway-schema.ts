import { z } from "zod";
import { IPV4_RE } from "./ipv4.js";
import { DNS_LABEL, DNS_SUBDOMAIN, doc, enumOf, quote, text } from "./formats.js";

/**
 * The cluster.yaml keys that say what agentgateway serves: MCP servers, CORS origins and how MCP
 * clients register with Keycloak. They mirror `McpOAuthProxyInput` of mcp-oauth-proxy-config in
 * snake_case. Only the syntax is checked here (so every error has a file position); the security
 * rules (no "*", https origins, Strict auth, DCR trusted hosts) are mcp-oauth-proxy-config's.
 */

function serverName() {
  return z.string().regex(DNS_LABEL, {
    error: (issue) => {
      const input = String(issue.input);
      if (input === "") return "Empty value. Name the MCP server, e.g. flux.";
      if (DNS_LABEL.test(input.toLowerCase())) {
        return `${quote(input)} has uppercase letters. Write the server name in lowercase: ${input.toLowerCase()}.`;
      }
      if (input.length > 63) return `${quote(input)} is ${input.length} characters long. Use at most 63 characters.`;
      return `${quote(input)} is not a DNS label. Use lowercase letters, digits and hyphens, starting and ending with a letter or digit (e.g. flux).`;
    },
  });
}

/** Gateway API PathPrefix as mcp-oauth-proxy-config accepts it: "/a/b", no trailing "/". */
export const MCP_PATH_PREFIX_PATTERN = /^(?:\/[A-Za-z0-9._~-]+)+$/;

function pathPrefix() {
  return z.string().regex(MCP_PATH_PREFIX_PATTERN, {
    error: (issue) => {
      const input = String(issue.input);
      if (input === "") return "Empty value. Set the path the server is served at, e.g. /mcp/flux.";
      if (input === "/") return '"/" would capture every path, including the other servers\' discovery URLs. Use a path of its own, e.g. /mcp/flux.';
      if (/^https?:\/\//i.test(input)) return `${quote(input)} is a URL. Write only the path, e.g. /mcp/flux.`;
      if (!input.startsWith("/")) return `${quote(input)} does not start with "/". Write it as /${input.replace(/\/$/, "")}.`;
      if (input.endsWith("/") && MCP_PATH_PREFIX_PATTERN.test(input.slice(0, -1))) {
        return `${quote(input)} ends with "/". Write it without the trailing slash: ${input.slice(0, -1)}.`;
      }
      return `${quote(input)} is not a path prefix. Use "/"-separated segments of letters, digits, ".", "_", "~" and "-", e.g. /mcp/flux.`;
    },
  });
}

/** A bare host name or IPv4 address: no scheme, port or path. */
function upstreamHost() {
  return z.string().refine((value) => DNS_SUBDOMAIN.test(value) || IPV4_RE.test(value), {
    error: (issue) => {
      const input = String(issue.input);
      if (input === "") return "Empty value. Set the upstream host, e.g. flux-mcp.flux-system.svc.cluster.local.";
      const bare = input.replace(/^[a-z]+:\/\//i, "").replace(/[/:].*$/, "");
      if (bare !== input && DNS_SUBDOMAIN.test(bare.toLowerCase())) {
        return `${quote(input)} is not a bare host. Write the host alone (${bare.toLowerCase()}) and put the port in port and the path in path.`;
      }
      if (DNS_SUBDOMAIN.test(input.toLowerCase())) return `${quote(input)} has uppercase letters. Write it in lowercase: ${input.toLowerCase()}.`;
      return `${quote(input)} is not a host name. Use a Service FQDN such as flux-mcp.flux-system.svc.cluster.local, or an IPv4 address.`;
    },
  });
}

function port() {
  const range = (issue: { input: unknown }) => `${quote(issue.input)} is not a port. Use a whole number between 1 and 65535.`;
  return z.number({ error: (issue) => (typeof issue.input === "string" ? `${quote(issue.input)} is text. Write the port as a number without quotes, e.g. 8080.` : undefined) }).int({ error: range }).min(1, { error: range }).max(65535, { error: range });
}

export const DURATION_PATTERN = /^(?:[0-9]{1,5}(?:h|m|s|ms)){1,4}$/;

function duration() {
  return z.string().regex(DURATION_PATTERN, {
    error: (issue) =>
      `${quote(issue.input)} is not a duration. Write numbers with the units h, m, s or ms, e.g. 8h, 30m or 1m30s.`,
  });
}

function upstreamPath() {
  return z.string().regex(/^\/\S*$/, {
    error: (issue) => `${quote(issue.input)} does not start with "/". Write the MCP endpoint's path on the upstream, e.g. /mcp.`,
  });
}

function mapping<T extends z.core.$ZodLooseShape>(shape: T, what: string) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "invalid_type" && issue.input !== undefined && issue.input !== null ? `Expected ${what} (key: value lines).` : undefined),
  });
}

export const McpServerSchema = mapping(
  {
    name: serverName().meta(doc("DNS label naming the server's backend, route and policy (mcp-<name>); unique.", ["flux"])),
    path_prefix: pathPrefix().meta(
      doc("Path the server is served at on the public host; its resource URL is https://<public host><path_prefix>. Must not overlap another server's.", ["/mcp/flux"]),
    ),
    upstream: mapping(
      {
        host: upstreamHost().meta(doc("In-cluster Service FQDN or host of the MCP server (no scheme, port or path).", ["flux-mcp.flux-system.svc.cluster.local"])),
        port: port().meta(doc("Port of the MCP server.", [9090])),
        path: upstreamPath().optional().meta(doc("Path of the MCP endpoint on the upstream.", ["/mcp"])),
        protocol: enumOf(["StreamableHTTP", "SSE"])
          .default("StreamableHTTP")
          .meta(doc('MCP transport: "StreamableHTTP" (current) or "SSE" (deprecated).')),
      },
      "the upstream as a mapping with host, port, path and protocol",
    ).meta(doc("Where agentgateway forwards the server's traffic.", [{ host: "flux-mcp.flux-system.svc.cluster.local", port: 9090, path: "/mcp" }])),
    timeout: duration().optional().meta(doc("Request timeout (at least 100ms). Default 8h: MCP streams are long-lived.", ["8h"])),
    public: mapping(
      {
        reason: text("Empty reason. Say why this server may be used without signing in, or remove public.").meta(
          doc("Why this server is served without authentication.", ["read-only public documentation"]),
        ),
      },
      "public: { reason: <why> } to serve this server without authentication",
    )
      .optional()
      .meta(doc("Serve this server WITHOUT authentication (discouraged). Requires a reason.", [{ reason: "read-only public documentation" }])),
  },
  "an MCP server as a mapping with name, path_prefix and upstream",
);

const PreregisteredClientSchema = mapping(
  {
    client_id: text("Empty value. Set the client ID the MCP client uses, e.g. vscode.").meta(doc("Client ID the MCP client uses.", ["vscode"])),
    name: text().optional().meta(doc("Display name on Keycloak's consent screen.", ["VS Code"])),
    redirect_uris: z
      .array(text())
      .min(1, { error: "Empty list. Add the exact redirect URIs of the client, e.g. http://127.0.0.1:33418." })
      .meta(doc("Exact redirect URIs: https, or http on a loopback host with a numeric port. No wildcards.", [["http://127.0.0.1:33418"]])),
  },
  "a client as a mapping with client_id and redirect_uris",
);

const DcrRegistrationSchema = mapping(
  {
    mode: z.literal("dcr"),
    trusted_hosts: z
      .array(text())
      .min(1, { error: "Empty list. Add the hosts allowed to register clients, including egress_identity." })
      .meta(doc("Hosts or IP addresses allowed to register clients dynamically (Keycloak trusted hosts).", [["203.0.113.7", "localhost", "127.0.0.1"]])),
    egress_identity: text()
      .optional()
      .meta(doc("Host or IP address Keycloak sees agentgateway's registration requests come from; must be in trusted_hosts.", ["203.0.113.7"])),
  },
  'the registration as a mapping with mode: dcr and trusted_hosts',
);

const PreregisteredRegistrationSchema = mapping(
  {
    mode: z.literal("preregistered"),
    clients: z
      .array(PreregisteredClientSchema)
      .min(1, { error: "Empty list. Add at least one client with client_id and redirect_uris, or use mode: dcr." })
      .meta(doc("Public PKCE clients created in Keycloak.", [[{ client_id: "vscode", redirect_uris: ["http://127.0.0.1:33418"] }]])),
  },
  "the registration as a mapping with mode: preregistered and clients",
);

export const McpClientRegistrationSchema = z.discriminatedUnion("mode", [PreregisteredRegistrationSchema, DcrRegistrationSchema], {
  error: (issue) => {
    if (issue.code !== "invalid_union") return undefined;
    const input = issue.input as Record<string, unknown> | undefined;
    const mode = input && typeof input === "object" ? input.mode : undefined;
    if (mode === undefined) return 'Missing mode. Add mode: preregistered (with clients) or mode: dcr (with trusted_hosts).';
    return `mode ${quote(mode)} is not allowed. Use mode: preregistered (with clients) or mode: dcr (with trusted_hosts).`;
  },
});

export const agentgatewayKeys = {
  agentgateway_mcp_servers: z
    .array(McpServerSchema)
    .optional()
    .meta(
      doc("MCP servers agentgateway serves on mcp-auth.<primary domain>, each behind Keycloak OAuth. Needs agentgateway_enabled: true.", [
        [{ name: "flux", path_prefix: "/mcp/flux", upstream: { host: "flux-mcp.flux-system.svc.cluster.local", port: 9090, path: "/mcp" } }],
      ]),
    ),
  agentgateway_cors_origins: z
    .array(text())
    .optional()
    .meta(
      doc("Exact origins allowed to call the MCP servers from a browser (https, no wildcards). Needs agentgateway_enabled: true.", [
        ["https://inspector.example.com"],
      ]),
    ),
  agentgateway_client_registration: McpClientRegistrationSchema.optional().meta(
    doc(
      'How MCP clients get a Keycloak client: mode: preregistered with clients, or mode: dcr (dynamic client registration) with trusted_hosts. Needs agentgateway_enabled: true.',
      [{ mode: "dcr", egress_identity: "203.0.113.7", trusted_hosts: ["203.0.113.7", "localhost", "127.0.0.1"] }],
    ),
  ),
};
