/**
 * Security and consistency rules (ai-mcp.md §4.1 and §5.2). Each rule reports an error a person can act on;
 * nothing is silently corrected.
 */
import { planTunnelIngress } from "./cloudflared.js";
import { durationMs } from "./duration.js";
import type { CloudflaredRule, McpOAuthProxyInput, McpServerInput } from "./input.js";
import { IssueList } from "./issues.js";
import { floatingTagReason } from "./releases.js";
import {
  canonicalHttpsUrlProblem,
  isDnsLabel,
  isElementPrefix,
  isFqdn,
  isLoopbackHost,
  originProblems,
  pathPrefixProblem,
  redirectUriProblem,
} from "./urls.js";

export const MCP_ALLOW_HEADERS = ["Authorization", "Content-Type", "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID"];
export const MCP_EXPOSE_HEADERS = ["Mcp-Session-Id", "WWW-Authenticate"];
export const MCP_ALLOW_METHODS = ["GET", "POST", "DELETE", "OPTIONS"];
/** Dotted-quad IPv4 address, each octet 0-255 without leading zeros. */
const IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
const HEADER_TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/** The resource URL a server is served at: `https://<publicHost><pathPrefix>`. */
export function resourceUrl(input: Pick<McpOAuthProxyInput, "publicHost">, server: Pick<McpServerInput, "pathPrefix">): string {
  return `https://${input.publicHost}${server.pathPrefix}`;
}

export const DEFAULT_TIMEOUT = "8h";

/** How long agentgateway caches the issuer's keys when `issuer.jwks.cacheDuration` is not set (also the minimum). */
export const DEFAULT_JWKS_CACHE = "5m";

function checkOrigins(issues: IssueList, path: string, origins: readonly string[], allowLoopback: boolean, allowCredentials: boolean): void {
  origins.forEach((origin, i) => {
    const at = `${path}[${i}]`;
    for (const problem of originProblems(origin, allowLoopback)) {
      switch (problem.kind) {
        case "star":
          issues.error("E-CORS-001", at, `origin "*" is not allowed: list exact https origins (MCP Streamable HTTP requires Origin validation)`);
          break;
        case "syntax":
          issues.error("E-CORS-003", at, `origin "${origin}" is invalid: ${problem.reason} (Gateway API CORSOrigin pattern)`);
          break;
        case "http-not-loopback":
          issues.error("E-CORS-005", at, `origin "${origin}" must use https; plain http is only allowed for loopback origins with cors.allowLoopbackOrigins: true`);
          break;
        case "loopback-not-allowed":
          issues.error("E-CORS-006", at, `loopback origin "${origin}" needs cors.allowLoopbackOrigins: true (any local program could then call the MCP servers from a browser)`);
          break;
        case "loopback-without-port":
          issues.error("E-CORS-003", at, `origin "${origin}" is invalid: a loopback origin needs an explicit numeric port`);
          break;
        case "wildcard-subdomain":
          if (allowCredentials) {
            issues.error("E-CORS-002", at, `wildcard origin "${origin}" cannot be combined with allowCredentials=true (any subdomain, at any depth, could read authenticated responses)`);
          } else {
            issues.warn("W-CORS-001", at, `wildcard origin "${origin}" admits every subdomain at any depth; prefer exact origins`);
          }
          break;
      }
    }
  });
}

function checkDuration(issues: IssueList, path: string, value: string, minMs: number, what: string): void {
  const ms = durationMs(value);
  if (ms === undefined) {
    issues.error("E-TMO-002", path, `${what} "${value}" is not a duration; use <number><h|m|s|ms>, e.g. "8h" or "1m30s"`);
  } else if (ms < minMs) {
    issues.error(
      "E-TMO-001",
      path,
      minMs === 100
        ? `timeouts.request "${value}" is invalid for agentgateway (minimum 100ms); for long-lived MCP streams use a long finite value such as "8h"`
        : `${what} "${value}" is too short (minimum ${minMs / 60_000}m)`,
    );
  }
}

function checkServer(issues: IssueList, input: McpOAuthProxyInput, server: McpServerInput, i: number): void {
  const at = `servers[${i}]`;
  if (!isDnsLabel(server.name)) {
    issues.error("E-SRV-002", `${at}.name`, `"${server.name}" is not a DNS label (lowercase letters, digits, "-", at most 63 characters)`);
  } else if (`mcp-${server.name}-discovery`.length > 63) {
    issues.error("E-SRV-002", `${at}.name`, `"${server.name}" is too long: generated names such as "mcp-${server.name}-discovery" must stay within 63 characters`);
  }
  const prefixProblem = pathPrefixProblem(server.pathPrefix);
  if (prefixProblem) issues.error("E-URL-002", `${at}.pathPrefix`, `path prefix "${server.pathPrefix}" ${prefixProblem}`);
  const resource = resourceUrl(input, server);

  if (!server.upstream.host || /[/:]/.test(server.upstream.host)) {
    issues.error("E-SRV-003", `${at}.upstream.host`, `upstream host "${server.upstream.host}" must be a bare host name (no scheme, port or path)`);
  }
  if (!Number.isInteger(server.upstream.port) || server.upstream.port < 1 || server.upstream.port > 65535) {
    issues.error("E-SRV-003", `${at}.upstream.port`, `upstream port ${server.upstream.port} must be an integer between 1 and 65535`);
  }
  if (server.upstream.path !== undefined && !server.upstream.path.startsWith("/")) {
    issues.error("E-SRV-003", `${at}.upstream.path`, `upstream path "${server.upstream.path}" must start with "/"`);
  }
  checkDuration(issues, `${at}.timeout`, server.timeout ?? DEFAULT_TIMEOUT, 100, "timeout");

  if (server.passthroughToken) {
    issues.error(
      "E-AUTH-003",
      `${at}.passthroughToken`,
      `passthrough of client tokens to MCP upstream "${server.name}" is forbidden (MCP: servers MUST NOT pass through the token they received); give the upstream its own credential with upstreamCredential`,
    );
  }
  if (server.upstreamCredential && !server.upstreamCredential.token) {
    issues.error("E-SRV-004", `${at}.upstreamCredential.token`, `upstream credential of "${server.name}" is empty; set a token or remove upstreamCredential`);
  }

  if (server.public) {
    if (!server.public.reason || !server.public.reason.trim()) {
      issues.error(
        "E-AUTH-002",
        `${at}.public.reason`,
        `MCP server "${server.name}" is exposed on ${input.publicHost} without authentication; give public.reason to confirm this on purpose, or remove "public"`,
      );
    } else {
      issues.warn("W-AUTH-002", `${at}.public`, `MCP server "${server.name}" is served without authentication (${server.public.reason.trim()})`);
    }
    return;
  }
  if (server.authMode !== undefined && server.authMode !== "Strict") {
    issues.error(
      "E-AUTH-001",
      `${at}.authMode`,
      `MCP authentication mode must be "Strict"; "Optional"/"Permissive" let requests without a token reach the MCP server`,
    );
  }
  if (server.audiences !== undefined && !server.audiences.includes(resource)) {
    issues.error(
      "E-AUD-001",
      `${at}.audiences`,
      `MCP server "${server.name}": audiences must include its resource URI "${resource}" (tokens for other resources would be accepted)`,
    );
  }
  server.audiences?.forEach((aud, j) => {
    if (aud.includes("*")) issues.error("E-AUD-003", `${at}.audiences[${j}]`, `audience "${aud}" contains "*"; list exact resource URIs`);
  });
  const metadata = server.resourceMetadata ?? {};
  for (const [key, value] of Object.entries(metadata)) {
    const path = `${at}.resourceMetadata.${key}`;
    if (key === "default" || (value !== null && typeof value === "object" && !Array.isArray(value))) {
      issues.error("E-PRM-002", path, `resourceMetadata must be flat key/values (no "default" wrapper)`);
    } else if (key === "authorizationServers" || key === "authorization_servers") {
      issues.error(
        "E-PRM-002",
        path,
        `do not set authorizationServers with provider Keycloak: agentgateway computes it, and a user value would send clients straight to Keycloak, whose client registration has no CORS`,
      );
    } else if (key === "bearerMethodsSupported" || key === "bearer_methods_supported") {
      if (!Array.isArray(value) || value.length !== 1 || value[0] !== "header") {
        issues.error("E-PRM-001", path, `bearer_methods_supported may only contain "header" (MCP forbids tokens in the query string)`);
      }
    } else if (key === "resource" && value !== resource) {
      issues.error(
        "E-PRM-003",
        path,
        `resource "${String(value)}" does not match the URL the server is served at ("${resource}"); RFC 9728 §3.3 clients will reject it`,
      );
    }
  }
}

/** Runs every rule; `existingRules` defaults to none (then only our own rules are checked). */
export function validateInput(input: McpOAuthProxyInput): IssueList {
  const issues = new IssueList();

  if (!isFqdn(input.publicHost)) {
    issues.error("E-URL-003", "publicHost", `"${input.publicHost}" is not a lowercase fully qualified host name (no scheme, port, path or wildcard)`);
  }
  if (!isDnsLabel(input.namespace)) issues.error("E-NAME-001", "namespace", `"${input.namespace}" is not a valid namespace name`);
  for (const [key, value] of [
    ["gateway.name", input.gateway.name],
    ["gateway.className", input.gateway.className],
    ["gateway.listenerName", input.gateway.listenerName],
  ] as const) {
    if (!isDnsLabel(value)) issues.error("E-NAME-001", key, `"${value}" is not a DNS label`);
  }
  if (input.gateway.name === "agentgateway") {
    issues.error("E-NAME-002", "gateway.name", `"agentgateway" collides with the controller Deployment of the same name; pick another Gateway name`);
  }
  if (input.gateway.address !== undefined && !IPV4.test(input.gateway.address)) {
    issues.error("E-NAME-003", "gateway.address", `"${input.gateway.address}" is not an IPv4 address`);
  }

  const cert = input.gateway.certificate;
  if (cert.secretNamespace && cert.secretNamespace !== input.namespace) {
    if (cert.issuer) {
      issues.error(
        "E-CERT-001",
        "gateway.certificate.secretNamespace",
        `a cert-manager certificate is issued into the gateway namespace "${input.namespace}"; drop secretNamespace, or drop issuer to use the existing Secret in "${cert.secretNamespace}"`,
      );
    } else {
      issues.warn(
        "W-CERT-001",
        "gateway.certificate.secretNamespace",
        `the listener uses Secret "${cert.secretName}" from namespace "${cert.secretNamespace}": a ReferenceGrant there must allow Gateways from "${input.namespace}" to read it`,
      );
    }
  }
  const issuerProblem = canonicalHttpsUrlProblem(input.issuer.url);
  if (issuerProblem) issues.error("E-URL-001", "issuer.url", `issuer "${input.issuer.url}" ${issuerProblem}`);
  else if (!input.issuer.url.endsWith(`/realms/${input.keycloak.realm}`)) {
    issues.error("E-URL-001", "issuer.url", `issuer "${input.issuer.url}" must be the realm URL ending in "/realms/${input.keycloak.realm}"`);
  }
  if (!issuerProblem && new URL(input.issuer.url).hostname === input.publicHost) {
    issues.error(
      "E-URL-007",
      "publicHost",
      `"${input.publicHost}" is also the issuer's host: the tunnel would send Keycloak's traffic to agentgateway. Serve the MCP servers on their own host, e.g. "mcp-auth.${input.publicHost.split(".").slice(1).join(".")}"`,
    );
  }
  if (input.issuer.jwks.path.startsWith("/")) {
    issues.error("E-URL-006", "issuer.jwks.path", `jwks path "${input.issuer.jwks.path}" must be relative to the Service root (no leading "/")`);
  }
  checkDuration(issues, "issuer.jwks.cacheDuration", input.issuer.jwks.cacheDuration ?? DEFAULT_JWKS_CACHE, 300_000, "jwks cacheDuration");

  if (!input.scopes.includes(input.audienceScope)) {
    issues.error(
      "E-AUD-002",
      "scopes",
      `scopes must contain the audience scope "${input.audienceScope}"; clients request the scopes advertised in the resource metadata, and only that scope puts the resource URIs into the token audience`,
    );
  }
  input.scopes.forEach((scope, i) => {
    if (!/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope)) issues.error("E-SCOPE-001", `scopes[${i}]`, `scope "${scope}" is not a valid OAuth scope token`);
  });

  // Servers: each on its own, then across servers.
  if (input.servers.length === 0) {
    issues.warn("W-SRV-001", "servers", "no MCP servers are configured: the gateway is deployed but serves nothing; add servers to the input");
  }
  input.servers.forEach((server, i) => checkServer(issues, input, server, i));
  const seenNames = new Map<string, number>();
  input.servers.forEach((server, i) => {
    const first = seenNames.get(server.name);
    if (first !== undefined) issues.error("E-SRV-005", `servers[${i}].name`, `server name "${server.name}" is already used by servers[${first}]; names must be unique`);
    else seenNames.set(server.name, i);
  });
  input.servers.forEach((a, i) => {
    input.servers.forEach((b, j) => {
      if (j <= i) return;
      if (a.pathPrefix === b.pathPrefix) {
        issues.error(
          "E-URL-004",
          `servers[${j}].pathPrefix`,
          `servers "${a.name}" and "${b.name}" share the resource "${resourceUrl(input, b)}"; each MCP server needs its own resource URL (RFC 9728)`,
        );
      } else if (isElementPrefix(a.pathPrefix, b.pathPrefix) || isElementPrefix(b.pathPrefix, a.pathPrefix)) {
        const [outer, inner] = isElementPrefix(a.pathPrefix, b.pathPrefix) ? [a, b] : [b, a];
        issues.error(
          "E-URL-005",
          `servers[${j}].pathPrefix`,
          `path prefix "${outer.pathPrefix}" of "${outer.name}" overlaps "${inner.pathPrefix}" of "${inner.name}"; Gateway API prefix matching would send one server's discovery and MCP traffic to the other — use sibling prefixes such as "/mcp/${outer.name}"`,
        );
      }
    });
  });

  // CORS.
  const cors = input.cors;
  if (cors.origins.length > 64) issues.error("E-CORS-007", "cors.origins", `at most 64 origins are allowed (Gateway API), got ${cors.origins.length}`);
  checkOrigins(issues, "cors.origins", cors.origins, cors.allowLoopbackOrigins ?? false, cors.allowCredentials ?? false);
  if (cors.maxAgeSeconds !== undefined && (!Number.isInteger(cors.maxAgeSeconds) || cors.maxAgeSeconds < 1 || cors.maxAgeSeconds > 2_147_483_647)) {
    issues.error("E-CORS-008", "cors.maxAgeSeconds", `maxAge must be an integer number of seconds ≥ 1, got ${cors.maxAgeSeconds}`);
  }
  for (const [key, list, required] of [
    ["cors.allowHeaders", cors.allowHeaders, MCP_ALLOW_HEADERS],
    ["cors.exposeHeaders", cors.exposeHeaders, MCP_EXPOSE_HEADERS],
  ] as const) {
    if (!list) continue;
    const lower = new Set(list.map((h) => h.toLowerCase()));
    for (const header of required) {
      if (!lower.has(header.toLowerCase())) {
        issues.error("E-CORS-004", key, `browser MCP clients need header "${header}" in ${key.slice(5)}`);
      }
    }
    list.forEach((h, i) => {
      if (!HEADER_TOKEN.test(h)) issues.error("E-CORS-003", `${key}[${i}]`, `"${h}" is not a valid header name`);
    });
  }

  // Rate limit.
  if (input.rateLimit) {
    const { requests, burst } = input.rateLimit;
    if (!Number.isInteger(requests) || requests < 1) issues.error("E-RL-001", "rateLimit.requests", `requests must be an integer ≥ 1, got ${requests}`);
    if (burst !== undefined && (!Number.isInteger(burst) || burst < 0)) issues.error("E-RL-001", "rateLimit.burst", `burst must be an integer ≥ 0, got ${burst}`);
  }

  // Keycloak.
  if (!/^[A-Za-z0-9._-]+$/.test(input.keycloak.realm)) issues.error("E-KC-005", "keycloak.realm", `realm "${input.keycloak.realm}" may only contain letters, digits, ".", "_" and "-"`);
  if (!/^[A-Za-z0-9:._-]+$/.test(input.audienceScope)) issues.error("E-KC-006", "audienceScope", `client scope name "${input.audienceScope}" may only contain letters, digits, ":", ".", "_" and "-"`);
  const registration = input.keycloak.registration;
  if (registration.mode === "dcr") {
    const hosts = registration.trustedHosts;
    if (hosts.length === 0) {
      issues.error(
        "E-DCR-001",
        "keycloak.registration.trustedHosts",
        `dynamic client registration is advertised but Keycloak's anonymous "Trusted Hosts" policy has no hosts; registrations will fail with "Host not trusted". Add the gateway's egress address (and the redirect hosts of your MCP clients, e.g. localhost), or use mode "preregistered"`,
      );
    }
    hosts.forEach((host, i) => {
      if (host === "*" || host.includes("/") || host.includes(":") || /\*./.test(host.replace(/^\*\./, ""))) {
        issues.error("E-DCR-003", `keycloak.registration.trustedHosts[${i}]`, `trusted host "${host}" must be a host name, "*.domain" or an IP address (no "*", scheme, port or path)`);
      }
    });
    if (!registration.egressIdentity) {
      issues.error(
        "E-DCR-002",
        "keycloak.registration.egressIdentity",
        `set egressIdentity to the address Keycloak sees agentgateway's registration requests come from (agentgateway proxies DCR to ${input.issuer.url}/clients-registrations/openid-connect; through Cloudflare that is the cluster's public egress IP) and add it to trustedHosts`,
      );
    } else if (!hosts.includes(registration.egressIdentity)) {
      issues.error(
        "E-DCR-002",
        "keycloak.registration.trustedHosts",
        `trustedHosts must include the gateway's egress identity "${registration.egressIdentity}"; otherwise Keycloak rejects agentgateway's registration requests with "Host not trusted"`,
      );
    }
    if ((registration.clientUrisMustMatch ?? true) && hosts.length > 0 && !hosts.some((h) => isLoopbackHost(h))) {
      issues.warn(
        "W-DCR-002",
        "keycloak.registration.trustedHosts",
        `with client-uris-must-match (the default), clients may only register redirect URIs on trusted hosts; desktop MCP clients redirect to localhost/127.0.0.1, so add those (and web clients' hosts such as vscode.dev) or set clientUrisMustMatch: false`,
      );
    }
    if (registration.maxClients !== undefined && (!Number.isInteger(registration.maxClients) || registration.maxClients < 1)) {
      issues.error("E-DCR-004", "keycloak.registration.maxClients", `maxClients must be an integer ≥ 1, got ${registration.maxClients}`);
    }
  } else {
    if (registration.clients.length === 0) {
      issues.warn(
        "W-KC-001",
        "keycloak.registration.clients",
        `no pre-registered MCP clients and dynamic client registration is off: MCP clients cannot sign in until you add clients or switch to mode "dcr"`,
      );
    }
    const ids = new Set<string>();
    registration.clients.forEach((client, i) => {
      const at = `keycloak.registration.clients[${i}]`;
      if (ids.has(client.clientId)) issues.error("E-KC-007", `${at}.clientId`, `clientId "${client.clientId}" is used twice`);
      ids.add(client.clientId);
      if (!/^[A-Za-z0-9._:-]+$/.test(client.clientId)) issues.error("E-KC-007", `${at}.clientId`, `clientId "${client.clientId}" may only contain letters, digits, ".", "_", ":" and "-"`);
      if (client.redirectUris.length === 0) issues.error("E-KC-001", `${at}.redirectUris`, `client "${client.clientId}" needs at least one exact redirect URI`);
      client.redirectUris.forEach((uri, j) => {
        const problem = redirectUriProblem(uri);
        if (problem) issues.error("E-KC-001", `${at}.redirectUris[${j}]`, `redirect URI "${uri}" ${problem}`);
      });
      client.postLogoutRedirectUris?.forEach((uri, j) => {
        const path = `${at}.postLogoutRedirectUris[${j}]`;
        if (uri.includes("##") || uri.includes("++")) {
          issues.error("E-KC-002", path, `give multiple post-logout redirect URIs as separate list items; they are joined with "##" (Keycloak's delimiter), not "${uri.includes("##") ? "##" : "++"}"`);
          return;
        }
        const problem = redirectUriProblem(uri);
        if (problem) issues.error("E-KC-004", path, `post-logout redirect URI "${uri}" ${problem.replace("redirect URI matching", "post-logout redirect URI matching")}`);
      });
      client.webOrigins?.forEach((origin, j) => {
        const path = `${at}.webOrigins[${j}]`;
        if (origin === "+") return;
        if (origin.includes("*")) {
          issues.error("E-KC-003", path, `webOrigins entry "${origin}" contains a wildcard; list exact origins (or "+" for the redirect URIs' origins)`);
          return;
        }
        for (const problem of originProblems(origin, true)) {
          if (problem.kind === "syntax" || problem.kind === "loopback-without-port") {
            issues.error("E-KC-003", path, `webOrigins entry "${origin}" is not an origin (<scheme>://<host>[:<port>])`);
          } else if (problem.kind === "http-not-loopback") {
            issues.error("E-KC-003", path, `webOrigins entry "${origin}" must use https (http only on a loopback host)`);
          }
        }
      });
    });
  }

  // Cloudflare tunnel.
  if (input.cloudflare) {
    const cf = input.cloudflare;
    if (!cf.hostnames.includes(input.publicHost)) {
      issues.error(
        "E-CF-001",
        "cloudflare.hostnames",
        `the tunnel must route the public host "${input.publicHost}" (and publish its DNS record); without it MCP clients cannot reach the gateway`,
      );
    }
    cf.hostnames.forEach((h, i) => {
      if (h.includes("*")) issues.error("E-CF-002", `cloudflare.hostnames[${i}]`, `"${h}": the MCP gateway's tunnel hostnames must be exact (a wildcard would take over other hosts)`);
    });
    const additions: CloudflaredRule[] = cf.hostnames.map((hostname) => ({ hostname, service: cf.originService ?? defaultOriginService(input) }));
    const plan = planTunnelIngress(cf.existingRules ?? [], additions);
    const withCatchAll = cf.existingRules && cf.existingRules.length > 0;
    if (!plan.ok) {
      for (const problem of plan.problems) {
        if (!withCatchAll && problem.message.startsWith("The last ingress rule")) continue;
        const rule = plan.rules[problem.index];
        const fromUs = rule !== undefined && additions.includes(rule);
        const where = fromUs ? `cloudflare.hostnames[${additions.indexOf(rule)}]` : "cloudflare.existingRules";
        issues.error("E-CF-003", where, `tunnel rule #${problem.index + 1}${rule?.hostname ? ` (${rule.hostname})` : ""}: ${problem.message}`);
      }
    }
  }

  if (input.chartVersion !== undefined) {
    const reason = floatingTagReason(input.chartVersion);
    if (reason) {
      issues.error("E-PIN-001", "chartVersion", `chart tag "${input.chartVersion}" ${reason}; pin a release (CRD schema drift broke the reference deployment)`);
    }
  }
  return issues;
}

export function defaultOriginService(input: McpOAuthProxyInput): string {
  return `https://${input.gateway.name}.${input.namespace}.svc.cluster.local:${input.gateway.port}`;
}
