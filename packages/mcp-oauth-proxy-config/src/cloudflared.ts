/**
 * cloudflared ingress rules: the same checks and messages as cloudflared's own validation
 * (`ingress/ingress.go`: validateIngress, validateHostname, matchHost), so a plan that passes here is one
 * cloudflared accepts, and specific hostnames land before any wildcard rule that would swallow them.
 */
import type { CloudflaredRule } from "./input.js";

export interface TunnelRuleProblem {
  /** 0-based index in the final rule list. */
  index: number;
  message: string;
}

/** cloudflared `matchHost`: exact, or `*.` + suffix match (a plain string suffix, as cloudflared does it). */
export function cloudflaredMatchesHost(ruleHost: string, requestHost: string): boolean {
  if (ruleHost === requestHost) return true;
  if (ruleHost.startsWith("*.")) return requestHost.endsWith(ruleHost.slice(2));
  return false;
}

function isCatchAll(rule: CloudflaredRule): boolean {
  return (!rule.hostname || rule.hostname === "*") && !rule.path;
}

/** Go's net.SplitHostPort succeeds ⇒ cloudflared says "Hostname cannot contain a port". */
function hasPort(hostname: string): boolean {
  if (hostname.startsWith("[")) return /^\[[^\]]*\]:[^:]*$/.test(hostname);
  const parts = hostname.split(":");
  return parts.length === 2;
}

function serviceProblem(service: string): string | undefined {
  if (/^(unix|unix\+tls|http_status):/.test(service)) {
    if (service.startsWith("http_status:") && !/^http_status:\d+$/.test(service)) return "invalid HTTP status";
    return undefined;
  }
  if (["hello_world", "hello-world", "helloworld", "bastion", "socks-proxy"].includes(service)) return undefined;
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    return `${service} is an invalid address, please make sure it has a scheme and a hostname`;
  }
  if (!url.protocol || !url.hostname) return `${service} is an invalid address, please make sure it has a scheme and a hostname`;
  const path = service.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, "");
  if (path !== "") {
    return `${service} is an invalid address, ingress rules don't support proxying to a different path on the origin service. The path will be the same as the eyeball request's path`;
  }
  return undefined;
}

/** Validates a full rule list exactly as cloudflared does (first problem per rule, in order). */
export function validateTunnelRules(rules: readonly CloudflaredRule[]): TunnelRuleProblem[] {
  const problems: TunnelRuleProblem[] = [];
  if (rules.length === 0) return [{ index: 0, message: "The config file doesn't contain any ingress rules" }];
  rules.forEach((rule, index) => {
    const hostname = rule.hostname ?? "";
    const service = serviceProblem(rule.service);
    if (service) problems.push({ index, message: service });
    else if (hasPort(hostname)) problems.push({ index, message: "Hostname cannot contain a port" });
    else if (hostname.lastIndexOf("*") > 0) {
      problems.push({
        index,
        message: 'Hostname patterns can have at most one wildcard character ("*") and it can only be used for subdomains, e.g. "*.example.com"',
      });
    } else if (index === rules.length - 1 && !isCatchAll(rule)) {
      problems.push({ index, message: "The last ingress rule must match all URLs (i.e. it should not have a hostname or path filter)" });
    } else if (index < rules.length - 1 && isCatchAll(rule)) {
      problems.push({
        index,
        message: `Rule #${index + 1} is matching the hostname '${hostname}', but this will match every hostname, meaning the rules which follow it will never be triggered.`,
      });
    }
  });
  return problems;
}

export type TunnelPlan =
  | { ok: true; rules: CloudflaredRule[] }
  | { ok: false; problems: TunnelRuleProblem[]; rules: CloudflaredRule[] };

/**
 * Inserts `additions` before the first existing rule that would also match any of them (the way the
 * flux-apps tree builder places `tunnelIngress`), then validates the result. An addition whose hostname an
 * earlier, non-wildcard existing rule already routes is reported: cloudflared would never reach it.
 */
export function planTunnelIngress(existing: readonly CloudflaredRule[], additions: readonly CloudflaredRule[]): TunnelPlan {
  const problems: TunnelRuleProblem[] = [];
  let insertAt = existing.length > 0 && isCatchAll(existing[existing.length - 1] as CloudflaredRule) ? existing.length - 1 : existing.length;
  existing.forEach((rule, index) => {
    const host = rule.hostname ?? "";
    if (index >= insertAt) return;
    if (additions.some((a) => a.hostname && host && cloudflaredMatchesHost(host, a.hostname))) insertAt = index;
  });
  const rules = [...existing.slice(0, insertAt), ...additions, ...existing.slice(insertAt)];
  for (const addition of additions) {
    const shadowed = existing.find((r) => r.hostname === addition.hostname && !r.path);
    if (shadowed) {
      problems.push({
        index: rules.indexOf(shadowed),
        message: `hostname '${addition.hostname}' is also routed to ${shadowed.service} by an existing rule; one of the two would never be triggered. Remove the existing rule`,
      });
    }
  }
  problems.push(...validateTunnelRules(rules));
  return problems.length ? { ok: false, problems, rules } : { ok: true, rules };
}
