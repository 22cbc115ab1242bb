import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { formatIssue, loadClusterConfig, sortIssues } from "@talos-cluster/config-schema";
import {
  ANNOTATION_AUTH,
  ANNOTATION_REGISTRATION,
  ANNOTATION_RESOURCE,
  authorizationServerMetadataUrls,
  checkAuthorizationServerMetadata,
  checkProtectedResourceMetadata,
  checkUnauthenticatedChallenge,
  type MetadataCheck,
  protectedResourceMetadataUrl,
} from "@talos-cluster/mcp-oauth-proxy-config";
import { parseAllDocuments } from "yaml";
import type { Command } from "../cli/command.js";
import type { Context, UsageError } from "../cli/context.js";
import { parseCommandArgs, usageError } from "../cli/parse-command-args.js";
import { singleQuote } from "../ops/shell-quote.js";

const USAGE = `Usage: talos-cluster mcp check [--dir DIR] [--url URL]... [--registration dcr|preregistered] [--dry-run]

Checks each MCP server behind the agentgateway OAuth layer the way an MCP client discovers it
(MCP authorization spec 2025-06-18 / 2025-11-25): a request without a token must get 401 with a
WWW-Authenticate challenge, the protected resource metadata (RFC 9728) must name the server's own URL
and an authorization server, and that server's metadata (RFC 8414 / OpenID) must offer PKCE S256 and,
with dynamic client registration, a registration endpoint. Prints PASS/FAIL/WARN per requirement.
Exit code 0 when nothing fails, 1 otherwise.

The servers are the MCP routes rendered under DIR/kubernetes (agentgateway_enabled in DIR/cluster.yaml),
or the URLs given with --url.

Options:
  --dir DIR             directory holding cluster.yaml and the rendered kubernetes/ tree (default: .)
  --url URL             check this MCP server URL instead (repeatable); http is accepted only on
                        localhost/127.0.0.1/[::1], e.g. a port-forwarded gateway
  --registration MODE   dcr or preregistered: whether a registration endpoint is required
                        (default: what the rendered routes say; dcr with --url)
  --dry-run             print the requests as curl commands instead of sending them
  -h, --help            show this help`;

interface Options {
  dir: string;
  urls: string[];
  registration: "dcr" | "preregistered" | undefined;
  dryRun: boolean;
}

interface Server {
  resource: string;
  registration: "dcr" | "preregistered";
  public: boolean;
}

/** How `mcp check` reaches the network; injectable for tests. */
export interface McpCheckDeps {
  fetch: typeof fetch;
  timeoutMs: number;
}

function usage(reason: string): UsageError {
  return usageError("mcp check", USAGE, reason);
}

function isLoopback(hostname: string): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(hostname);
}

function parse(args: string[]): Options {
  const { values } = parseCommandArgs("mcp check", USAGE, args, { dir: { type: "string" }, url: { type: "string", multiple: true }, registration: { type: "string" }, "dry-run": { type: "boolean" } }, {
    positionalHint: (arg) => `To check one server, use --url ${arg}.`,
  });
  if (values.dir === "") throw usage("--dir needs a directory.");
  const registration = values.registration;
  if (registration !== undefined && registration !== "dcr" && registration !== "preregistered") {
    throw usage(`--registration must be "dcr" or "preregistered", not "${registration}".`);
  }
  for (const url of values.url ?? []) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !(parsed.protocol === "https:" || (parsed.protocol === "http:" && isLoopback(parsed.hostname)))) {
      throw usage(`--url "${url}" is not an https URL such as https://mcp-auth.example.com/mcp/flux (http only on localhost).`);
    }
    if (parsed.search || parsed.hash) throw usage(`--url "${url}" must not have a query or fragment: give the MCP server's URL as clients use it.`);
  }
  return { dir: values.dir ?? ".", urls: values.url ?? [], registration, dryRun: values["dry-run"] ?? false };
}

async function yamlFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.name.endsWith(".sops.yaml"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The MCP routes this package rendered: HTTPRoutes carrying the resource annotation. */
async function serversFromTree(root: string): Promise<Server[]> {
  const servers: Server[] = [];
  for (const file of await yamlFiles(join(root, "kubernetes"))) {
    const text = await readFile(file, "utf8");
    if (!text.includes(ANNOTATION_RESOURCE)) continue;
    for (const doc of parseAllDocuments(text)) {
      const value = doc.toJS() as { kind?: string; metadata?: { annotations?: Record<string, string> } } | null;
      const annotations = value?.metadata?.annotations;
      const resource = annotations?.[ANNOTATION_RESOURCE];
      if (value?.kind !== "HTTPRoute" || !resource) continue;
      servers.push({
        resource,
        registration: annotations[ANNOTATION_REGISTRATION] === "preregistered" ? "preregistered" : "dcr",
        public: annotations[ANNOTATION_AUTH] === "public",
      });
    }
  }
  return servers;
}

const ACCEPT_JSON = { accept: "application/json" };

async function getJson(deps: McpCheckDeps, url: string): Promise<{ status: number; body?: unknown; error?: string }> {
  try {
    const response = await deps.fetch(url, { headers: ACCEPT_JSON, redirect: "manual", signal: AbortSignal.timeout(deps.timeoutMs) });
    const text = await response.text();
    if (response.status !== 200) return { status: response.status };
    try {
      return { status: 200, body: JSON.parse(text) as unknown };
    } catch {
      return { status: 200, error: "the response is not JSON" };
    }
  } catch (error) {
    return { status: 0, error: requestError(error) };
  }
}

function requestError(error: unknown): string {
  const err = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (err.name === "TimeoutError") return "no answer in time";
  return err.cause?.code ?? err.cause?.message ?? err.message ?? "request failed";
}

/** An MCP initialize request without a token: Strict authentication must answer 401. */
async function unauthenticated(deps: McpCheckDeps, resource: string): Promise<{ status: number; wwwAuthenticate: string | null; error?: string }> {
  try {
    const response = await deps.fetch(resource, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify(initializeRequest()),
      redirect: "manual",
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    await response.body?.cancel();
    return { status: response.status, wwwAuthenticate: response.headers.get("www-authenticate") };
  } catch (error) {
    return { status: 0, wwwAuthenticate: null, error: requestError(error) };
  }
}

function initializeRequest() {
  return {
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "talos-cluster-mcp-check", version: "1" } },
  };
}

async function checkServer(deps: McpCheckDeps, server: Server): Promise<MetadataCheck[]> {
  const allowLoopbackHttp = isLoopback(new URL(server.resource).hostname);
  const challenge = await unauthenticated(deps, server.resource);
  const checks: MetadataCheck[] = challenge.error
    ? [{ id: "AUTH-1", requirement: "the MCP server answers", status: "fail", detail: challenge.error }]
    : checkUnauthenticatedChallenge(challenge.status, challenge.wwwAuthenticate, server);

  const prmUrl = protectedResourceMetadataUrl(server.resource);
  const prm = await getJson(deps, prmUrl);
  if (prm.body === undefined) {
    checks.push({
      id: "PRM-0",
      requirement: "protected resource metadata is served at the RFC 9728 well-known URL",
      status: "fail",
      detail: `${prmUrl}: ${prm.error ?? `HTTP ${prm.status}`}`,
    });
    return checks;
  }
  checks.push(...checkProtectedResourceMetadata(prm.body, server, { allowLoopbackHttp }));
  const servers = (prm.body as { authorization_servers?: unknown }).authorization_servers;
  const first = Array.isArray(servers) && typeof servers[0] === "string" ? servers[0] : undefined;
  if (!first) return checks;
  let tried: string[] = [];
  try {
    tried = authorizationServerMetadataUrls(first);
  } catch {
    tried = [];
  }
  for (const url of tried) {
    const as = await getJson(deps, url);
    if (as.body !== undefined) {
      checks.push(...checkAuthorizationServerMetadata(as.body, { dcr: server.registration === "dcr" }, { allowLoopbackHttp }));
      return checks;
    }
  }
  checks.push({
    id: "AS-0",
    requirement: "authorization server metadata is served (RFC 8414 or OpenID discovery)",
    status: "fail",
    detail: tried.length ? `tried ${tried.join(", ")}` : `"${first}" is not a URL`,
  });
  return checks;
}

function dryRun(servers: Server[]): string {
  const lines: string[] = [];
  for (const server of servers) {
    lines.push(`# ${server.resource}${server.public ? " (public: no authentication expected)" : ""}`);
    if (!server.public) {
      lines.push(
        "# 1. without a token: expect 401 and WWW-Authenticate: Bearer resource_metadata=…",
        `curl -sS -o /dev/null -D - -X POST -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d ${singleQuote(JSON.stringify(initializeRequest()))} ${singleQuote(server.resource)}`,
        "# 2. protected resource metadata (RFC 9728)",
        `curl -sS -H 'Accept: application/json' ${singleQuote(protectedResourceMetadataUrl(server.resource))}`,
        "# 3. authorization server metadata, for the first authorization_servers entry A of step 2",
        "#    (agentgateway with provider Keycloak names the resource itself); the first URL that answers wins:",
        ...authorizationServerMetadataUrls(server.resource).map((u: string) => `curl -sS -H 'Accept: application/json' ${singleQuote(u)}`),
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}

function label(status: MetadataCheck["status"]): string {
  return status === "pass" ? "PASS" : status === "fail" ? "FAIL" : "WARN";
}

async function run(args: string[], ctx: Context, deps: McpCheckDeps): Promise<number> {
  const options = parse(args);
  let servers: Server[];
  if (options.urls.length > 0) {
    servers = options.urls.map((resource) => ({ resource, registration: options.registration ?? "dcr", public: false }));
  } else {
    const root = resolve(ctx.cwd, options.dir);
    const clusterFile = relative(ctx.cwd, join(root, "cluster.yaml")) || "cluster.yaml";
    const loaded = await loadClusterConfig(options.dir, { cwd: ctx.cwd });
    if (!loaded.ok) {
      ctx.stderr(`${sortIssues(loaded.errors).map(formatIssue).join("\n")}\n`);
      ctx.stderr(`talos-cluster mcp check: the configuration has errors; run "talos-cluster validate" for details, or pass --url.\n`);
      return 1;
    }
    if (!loaded.config.agentgateway_enabled) {
      ctx.stderr(
        `${clusterFile}  agentgateway_enabled  The MCP OAuth gateway is not enabled, so there is nothing to check. Set agentgateway_enabled: true and render the tree, or pass --url.\n`,
      );
      return 1;
    }
    servers = await serversFromTree(root);
    if (servers.length === 0) {
      ctx.stderr(
        `talos-cluster mcp check: no MCP routes found under ${relative(ctx.cwd, join(root, "kubernetes")) || "kubernetes"} (HTTPRoutes annotated ${ANNOTATION_RESOURCE}). Render the tree with your MCP servers first, or pass --url https://mcp-auth.${loaded.config.primary_domain}/<path>.\n`,
      );
      return 1;
    }
    if (options.registration) servers = servers.map((s) => ({ ...s, registration: options.registration ?? s.registration }));
  }

  if (options.dryRun) {
    ctx.stdout(dryRun(servers));
    return 0;
  }

  let failed = 0;
  let warned = 0;
  let passed = 0;
  for (const server of servers) {
    ctx.stdout(`${server.resource}\n`);
    if (server.public) {
      ctx.stdout("  SKIP  served without authentication on purpose (public)\n\n");
      continue;
    }
    const checks = await checkServer(deps, server);
    const width = Math.max(...checks.map((c) => c.id.length));
    for (const c of checks) {
      ctx.stdout(`  ${label(c.status)}  ${c.id.padEnd(width)}  ${c.requirement}${c.detail ? `\n${" ".repeat(10 + width)}${c.detail}` : ""}\n`);
      if (c.status === "fail") failed++;
      else if (c.status === "warn") warned++;
      else passed++;
    }
    ctx.stdout("\n");
  }
  const total = passed + failed + warned;
  ctx.stdout(`${total} requirement${total === 1 ? "" : "s"} checked: ${passed} passed, ${failed} failed, ${warned} warning${warned === 1 ? "" : "s"}.\n`);
  return failed > 0 ? 1 : 0;
}

/** `talos-cluster mcp check` with its network access injected (tests pass their own fetch). */
export function createMcpCheck(deps: Partial<McpCheckDeps> = {}): Command {
  return {
    path: ["mcp", "check"],
    summary: "Check the MCP servers' OAuth discovery (RFC 9728, RFC 8414, PKCE, DCR) like an MCP client",
    usage: USAGE,
    run: (args, ctx) => run(args, ctx, { fetch: deps.fetch ?? ((input, init) => fetch(input, init)), timeoutMs: deps.timeoutMs ?? 10_000 }),
  };
}

export const mcpCheck: Command = createMcpCheck();
