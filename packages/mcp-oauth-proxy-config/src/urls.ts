/** URL, origin and host checks shared by the validation rules. */

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lowercase FQDN with at least two labels, no wildcard, no port. */
export function isFqdn(host: string): boolean {
  if (host.length > 253 || host !== host.toLowerCase()) return false;
  const labels = host.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && LABEL.test(value);
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase());
}

/** Gateway API CORSOrigin pattern (agentgateway v1.4.1 / Gateway API v1.5+): http(s), optional `*.`, numeric port. */
const CORS_ORIGIN = /^(https?):\/\/((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?$/;

export type OriginProblem =
  | { kind: "star" }
  | { kind: "syntax"; reason: string }
  | { kind: "http-not-loopback" }
  | { kind: "loopback-not-allowed" }
  | { kind: "loopback-without-port" }
  | { kind: "wildcard-subdomain" };

/** Classifies a CORS / web origin; returns the problems found (empty = fine). */
export function originProblems(origin: string, allowLoopback: boolean): OriginProblem[] {
  if (origin === "*") return [{ kind: "star" }];
  if (/:\*$/.test(origin)) return [{ kind: "syntax", reason: "port must be numeric" }];
  if (!CORS_ORIGIN.test(origin)) {
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/./i.test(origin) || /\/$/.test(origin)) {
      return [{ kind: "syntax", reason: "an origin has no path (not even a trailing \"/\")" }];
    }
    return [{ kind: "syntax", reason: "expected <scheme>://<host>[:<port>] with scheme http or https" }];
  }
  const problems: OriginProblem[] = [];
  const match = /^(https?):\/\/([^:]+)(:(\d+))?$/.exec(origin);
  const scheme = match?.[1];
  const host = match?.[2] ?? "";
  const port = match?.[4];
  if (host.includes("*")) problems.push({ kind: "wildcard-subdomain" });
  if (isLoopbackHost(host)) {
    if (!allowLoopback) problems.push({ kind: "loopback-not-allowed" });
    else if (!port) problems.push({ kind: "loopback-without-port" });
  } else if (scheme === "http") {
    problems.push({ kind: "http-not-loopback" });
  }
  return problems;
}

/** Problems of a redirect URI (Keycloak exact matching; MCP: https or loopback http). */
export function redirectUriProblem(uri: string): string | undefined {
  if (uri.includes("*")) return "contains a wildcard; MCP requires exact redirect URI matching (authorization spec §Open Redirection)";
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return "is not an absolute URL";
  }
  if (url.username || url.password) return "must not contain userinfo";
  if (url.hash || uri.includes("#")) return "must not contain a fragment";
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname)) return undefined;
  return "must use https (http only on localhost, 127.0.0.1 or [::1])";
}

/**
 * Problems of an absolute https URL used as an issuer or resource identifier: lowercase scheme and host,
 * no query, no fragment, no trailing "/".
 */
export function canonicalHttpsUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL";
  }
  if (url.protocol !== "https:") return "must use https";
  if (!/^https:\/\/[^/A-Z]+/.test(value)) return "must have a lowercase scheme and host";
  if (url.search || value.includes("?")) return "must not have a query";
  if (url.hash || value.includes("#")) return "must not have a fragment";
  if (value.endsWith("/")) return "must not end with \"/\"";
  return undefined;
}

/** Path prefix syntax: "/seg[/seg…]", lowercase-safe characters, no trailing "/". */
export function pathPrefixProblem(prefix: string): string | undefined {
  if (!prefix.startsWith("/")) return "must start with \"/\"";
  if (prefix === "/") return "must not be \"/\" (it would capture every path, including other servers' discovery URLs)";
  if (prefix.endsWith("/")) return "must not end with \"/\"";
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(prefix)) return "may only contain path segments of letters, digits, \".\", \"_\", \"~\" and \"-\"";
  if (prefix.startsWith("/.well-known")) return "must not be under /.well-known (reserved for OAuth discovery)";
  return undefined;
}

/** Gateway API PathPrefix semantics: `a` is an element-wise prefix of `b`. */
export function isElementPrefix(a: string, b: string): boolean {
  return a === b || b.startsWith(`${a}/`);
}
