/**
 * What an MCP client discovers (MCP authorization spec 2025-06-18 / 2025-11-25): the RFC 9728 protected
 * resource metadata of a server, then the RFC 8414 / OIDC metadata of its authorization server. Pure
 * functions: the caller fetches, these check the documents.
 */
import { isLoopbackHost } from "./urls.js";

export interface MetadataCheck {
  id: string;
  /** The requirement, as a person reads it. */
  requirement: string;
  /** "warn" is a SHOULD that is not met; only "fail" makes the check fail. */
  status: "pass" | "fail" | "warn";
  detail?: string;
}

function trimPath(pathname: string): string {
  return pathname === "/" ? "" : pathname.replace(/\/$/, "");
}

/** RFC 9728 §3.1: the well-known suffix is inserted between the host and the resource's path. */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  return `${url.origin}/.well-known/oauth-protected-resource${trimPath(url.pathname)}`;
}

/** The URLs a 2025-11-25 client tries, in order, for an authorization server's metadata. */
export function authorizationServerMetadataUrls(authorizationServer: string): string[] {
  const url = new URL(authorizationServer);
  const path = trimPath(url.pathname);
  if (!path) return [`${url.origin}/.well-known/oauth-authorization-server`, `${url.origin}/.well-known/openid-configuration`];
  return [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}/.well-known/openid-configuration${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** https, or (only when allowed, for a locally forwarded gateway) http on a loopback host. */
function isSecureUrl(value: unknown, allowLoopbackHttp = false): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    return allowLoopbackHttp && url.protocol === "http:" && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

export interface CheckOptions {
  /** Accept http URLs on loopback hosts (a port-forwarded gateway under test). Default false. */
  allowLoopbackHttp?: boolean;
}

function check(id: string, requirement: string, ok: boolean, detail?: string, severity: "fail" | "warn" = "fail"): MetadataCheck {
  return { id, requirement, status: ok ? "pass" : severity, detail: ok ? undefined : detail };
}

export function checkProtectedResourceMetadata(doc: unknown, expected: { resource: string }, options: CheckOptions = {}): MetadataCheck[] {
  if (!isObject(doc)) return [check("PRM-0", "protected resource metadata is a JSON object", false, "the response is not a JSON object")];
  const servers = doc.authorization_servers;
  const bearer = doc.bearer_methods_supported;
  return [
    check(
      "PRM-1",
      "resource equals the server URL (RFC 9728 §3.3)",
      doc.resource === expected.resource,
      `resource is ${JSON.stringify(doc.resource)}, expected "${expected.resource}"; clients reject the server`,
    ),
    check(
      "PRM-2",
      "authorization_servers lists at least one https authorization server",
      Array.isArray(servers) && servers.length > 0 && servers.every((s) => isSecureUrl(s, options.allowLoopbackHttp)),
      `authorization_servers is ${JSON.stringify(servers)}`,
    ),
    check(
      "PRM-3",
      'bearer_methods_supported is absent or exactly ["header"] (no tokens in the query string)',
      bearer === undefined || (Array.isArray(bearer) && bearer.length === 1 && bearer[0] === "header"),
      `bearer_methods_supported is ${JSON.stringify(bearer)}`,
    ),
    check(
      "PRM-4",
      "scopes_supported is advertised (clients request these scopes)",
      Array.isArray(doc.scopes_supported) && doc.scopes_supported.length > 0,
      "scopes_supported is missing",
      "warn",
    ),
  ];
}

export function checkAuthorizationServerMetadata(doc: unknown, expected: { dcr: boolean }, options: CheckOptions = {}): MetadataCheck[] {
  const isHttpsUrl = (value: unknown) => isSecureUrl(value, options.allowLoopbackHttp);
  if (!isObject(doc)) return [check("AS-0", "authorization server metadata is a JSON object", false, "the response is not a JSON object")];
  const list = (key: string): unknown[] | undefined => (Array.isArray(doc[key]) ? (doc[key] as unknown[]) : undefined);
  const grants = list("grant_types_supported");
  const checks = [
    check("AS-1", "issuer is present (RFC 8414 §2)", typeof doc.issuer === "string" && doc.issuer.length > 0, "issuer is missing"),
    check(
      "AS-2",
      "authorization_endpoint and token_endpoint are https URLs",
      isHttpsUrl(doc.authorization_endpoint) && isHttpsUrl(doc.token_endpoint),
      `authorization_endpoint ${JSON.stringify(doc.authorization_endpoint)}, token_endpoint ${JSON.stringify(doc.token_endpoint)}`,
    ),
    check(
      "AS-3",
      'response_types_supported includes "code"',
      list("response_types_supported")?.includes("code") === true,
      `response_types_supported is ${JSON.stringify(doc.response_types_supported)}`,
    ),
    check(
      "AS-4",
      'code_challenge_methods_supported includes "S256" (MCP clients refuse to continue without it)',
      list("code_challenge_methods_supported")?.includes("S256") === true,
      `code_challenge_methods_supported is ${JSON.stringify(doc.code_challenge_methods_supported)}`,
    ),
    check(
      "AS-5",
      'grant_types_supported, when present, includes "authorization_code"',
      grants === undefined || grants.includes("authorization_code"),
      `grant_types_supported is ${JSON.stringify(grants)}`,
      "warn",
    ),
  ];
  if (expected.dcr) {
    checks.push(
      check(
        "AS-6",
        "registration_endpoint is an https URL (dynamic client registration is configured)",
        isSecureUrl(doc.registration_endpoint, options.allowLoopbackHttp),
        `registration_endpoint is ${JSON.stringify(doc.registration_endpoint)}`,
      ),
    );
  }
  return checks;
}

/**
 * MCP: a request without a token gets 401 with `WWW-Authenticate: Bearer resource_metadata="…"` (2025-06-18
 * MUST; 2025-11-25 allows the well-known URL instead, so a missing parameter is a warning there).
 */
export function checkUnauthenticatedChallenge(status: number, wwwAuthenticate: string | null, expected: { resource: string }): MetadataCheck[] {
  const match = wwwAuthenticate ? /resource_metadata="([^"]+)"/i.exec(wwwAuthenticate) : null;
  return [
    check("AUTH-1", "a request without a token is rejected with 401 (Strict authentication)", status === 401, `got HTTP ${status}`),
    check(
      "AUTH-2",
      'the 401 carries WWW-Authenticate: Bearer resource_metadata="<protected resource metadata URL>"',
      status === 401 && /^\s*Bearer\b/i.test(wwwAuthenticate ?? "") && match?.[1] === protectedResourceMetadataUrl(expected.resource),
      wwwAuthenticate ? `WWW-Authenticate is ${JSON.stringify(wwwAuthenticate)}` : "no WWW-Authenticate header",
      "warn",
    ),
  ];
}
