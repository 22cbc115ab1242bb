/**
 * Structural check of an input that may come from untyped code or a YAML file: missing or mistyped fields are
 * reported (E-INPUT-001) instead of surfacing as a TypeError later.
 */
import type { McpIssue } from "./issues.js";

type Kind = "string" | "number" | "boolean" | "object" | "array";

function kindOf(value: unknown): Kind | "null" | "undefined" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as Kind | "undefined";
}

export function checkShape(input: unknown): McpIssue[] {
  const issues: McpIssue[] = [];
  const expect = (value: unknown, path: string, kind: Kind, optional = false): boolean => {
    const actual = kindOf(value);
    if (actual === kind) return true;
    if (optional && actual === "undefined") return false;
    issues.push({ code: "E-INPUT-001", path, message: `expected ${kind === "array" ? "a list" : kind === "object" ? "an object" : `a ${kind}`}, got ${actual === "undefined" ? "nothing" : actual}` });
    return false;
  };
  const oneOf = (value: unknown, path: string, allowed: readonly string[]) => {
    if (typeof value !== "string" || !allowed.includes(value)) {
      issues.push({ code: "E-INPUT-001", path, message: `expected one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${JSON.stringify(value) ?? "nothing"}` });
    }
  };
  const strings = (value: unknown, path: string, optional = false) => {
    if (expect(value, path, "array", optional)) (value as unknown[]).forEach((v, i) => expect(v, `${path}[${i}]`, "string"));
  };
  if (!expect(input, "(input)", "object")) return issues;
  const i = input as Record<string, any>;
  expect(i.publicHost, "publicHost", "string");
  expect(i.namespace, "namespace", "string");
  if (expect(i.gateway, "gateway", "object")) {
    for (const key of ["name", "className", "listenerName"]) expect(i.gateway[key], `gateway.${key}`, "string");
    expect(i.gateway.port, "gateway.port", "number");
    expect(i.gateway.address, "gateway.address", "string", true);
    if (expect(i.gateway.certificate, "gateway.certificate", "object")) {
      expect(i.gateway.certificate.secretName, "gateway.certificate.secretName", "string");
      if (expect(i.gateway.certificate.issuer, "gateway.certificate.issuer", "object", true)) {
        oneOf(i.gateway.certificate.issuer.kind, "gateway.certificate.issuer.kind", ["ClusterIssuer", "Issuer"]);
        expect(i.gateway.certificate.issuer.name, "gateway.certificate.issuer.name", "string");
      }
    }
  }
  if (expect(i.issuer, "issuer", "object")) {
    expect(i.issuer.url, "issuer.url", "string");
    oneOf(i.issuer.provider, "issuer.provider", ["Keycloak"]);
    if (expect(i.issuer.jwks, "issuer.jwks", "object")) {
      expect(i.issuer.jwks.path, "issuer.jwks.path", "string");
      expect(i.issuer.jwks.cacheDuration, "issuer.jwks.cacheDuration", "string", true);
      if (expect(i.issuer.jwks.service, "issuer.jwks.service", "object")) {
        expect(i.issuer.jwks.service.name, "issuer.jwks.service.name", "string");
        expect(i.issuer.jwks.service.namespace, "issuer.jwks.service.namespace", "string");
        expect(i.issuer.jwks.service.port, "issuer.jwks.service.port", "number");
      }
    }
  }
  strings(i.scopes, "scopes");
  expect(i.audienceScope, "audienceScope", "string");
  if (expect(i.servers, "servers", "array")) {
    (i.servers as unknown[]).forEach((s, n) => {
      const at = `servers[${n}]`;
      if (!expect(s, at, "object")) return;
      const server = s as Record<string, any>;
      expect(server.name, `${at}.name`, "string");
      expect(server.pathPrefix, `${at}.pathPrefix`, "string");
      expect(server.timeout, `${at}.timeout`, "string", true);
      strings(server.audiences, `${at}.audiences`, true);
      expect(server.resourceMetadata, `${at}.resourceMetadata`, "object", true);
      if (expect(server.public, `${at}.public`, "object", true)) expect(server.public.reason, `${at}.public.reason`, "string");
      if (expect(server.upstreamCredential, `${at}.upstreamCredential`, "object", true)) {
        expect(server.upstreamCredential.token, `${at}.upstreamCredential.token`, "string");
      }
      if (expect(server.upstream, `${at}.upstream`, "object")) {
        expect(server.upstream.host, `${at}.upstream.host`, "string");
        expect(server.upstream.port, `${at}.upstream.port`, "number");
        expect(server.upstream.path, `${at}.upstream.path`, "string", true);
        oneOf(server.upstream.protocol, `${at}.upstream.protocol`, ["StreamableHTTP", "SSE"]);
      }
    });
  }
  if (expect(i.cors, "cors", "object")) {
    strings(i.cors.origins, "cors.origins");
    strings(i.cors.allowHeaders, "cors.allowHeaders", true);
    strings(i.cors.exposeHeaders, "cors.exposeHeaders", true);
  }
  if (i.rateLimit !== null && expect(i.rateLimit, "rateLimit", "object")) {
    expect(i.rateLimit.requests, "rateLimit.requests", "number");
    oneOf(i.rateLimit.unit, "rateLimit.unit", ["Seconds", "Minutes", "Hours"]);
  }
  if (expect(i.keycloak, "keycloak", "object")) {
    expect(i.keycloak.realm, "keycloak.realm", "string");
    const reg = i.keycloak.registration;
    if (expect(reg, "keycloak.registration", "object")) {
      oneOf(reg.mode, "keycloak.registration.mode", ["dcr", "preregistered"]);
      if (reg.mode === "dcr") {
        strings(reg.trustedHosts, "keycloak.registration.trustedHosts");
        expect(reg.egressIdentity, "keycloak.registration.egressIdentity", "string", true);
      } else if (reg.mode === "preregistered" && expect(reg.clients, "keycloak.registration.clients", "array")) {
        (reg.clients as unknown[]).forEach((c, n) => {
          const at = `keycloak.registration.clients[${n}]`;
          if (!expect(c, at, "object")) return;
          const client = c as Record<string, unknown>;
          expect(client.clientId, `${at}.clientId`, "string");
          strings(client.redirectUris, `${at}.redirectUris`);
          strings(client.postLogoutRedirectUris, `${at}.postLogoutRedirectUris`, true);
          strings(client.webOrigins, `${at}.webOrigins`, true);
        });
      }
    }
  }
  if (expect(i.cloudflare, "cloudflare", "object", true)) {
    strings(i.cloudflare.hostnames, "cloudflare.hostnames");
    expect(i.cloudflare.originService, "cloudflare.originService", "string", true);
    if (expect(i.cloudflare.existingRules, "cloudflare.existingRules", "array", true)) {
      (i.cloudflare.existingRules as unknown[]).forEach((r, n) => {
        if (expect(r, `cloudflare.existingRules[${n}]`, "object")) expect((r as Record<string, unknown>).service, `cloudflare.existingRules[${n}].service`, "string");
      });
    }
  }
  expect(i.chartVersion, "chartVersion", "string", true);
  return issues;
}
