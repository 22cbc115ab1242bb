/**
 * Per MCP server: an AgentgatewayBackend, the HTTPRoute(s) for the MCP path and its OAuth discovery paths,
 * and the AgentgatewayPolicy objects carrying MCP authentication (Strict), CORS, CSRF, rate limit and timeout.
 */
import type { McpOAuthProxyInput, McpServerInput } from "./input.js";
import type { ReleaseInfo } from "./releases.js";
import { DEFAULT_JWKS_CACHE, DEFAULT_TIMEOUT, MCP_ALLOW_HEADERS, MCP_ALLOW_METHODS, MCP_EXPOSE_HEADERS, resourceUrl } from "./validate-input.js";

type Doc = Record<string, unknown>;

export const ANNOTATION_RESOURCE = "mcp.talos-cluster.dev/resource";
export const ANNOTATION_REGISTRATION = "mcp.talos-cluster.dev/registration";
export const ANNOTATION_AUTH = "mcp.talos-cluster.dev/auth";
export const JWKS_BACKEND_NAME = "keycloak-jwks";

const AGW = "agentgateway.dev";
const GWAPI = "gateway.networking.k8s.io";

export function serverObjectName(server: McpServerInput): string {
  return `mcp-${server.name}`;
}

export function upstreamSecretName(server: McpServerInput): string {
  return `mcp-${server.name}-upstream`;
}

/** The discovery paths clients derive from the resource URL (RFC 9728 §3.1, RFC 8414 §3.1 path insertion). */
export function discoveryPaths(pathPrefix: string): string[] {
  return [`/.well-known/oauth-protected-resource${pathPrefix}`, `/.well-known/oauth-authorization-server${pathPrefix}`];
}

function jwksServiceHost(input: McpOAuthProxyInput): string {
  const svc = input.issuer.jwks.service;
  return `${svc.name}.${svc.namespace}.svc.cluster.local`;
}

/** v1.4.1: remote JWKS needs a backendRef; a static AgentgatewayBackend avoids a cross-namespace ReferenceGrant. */
export function renderJwksBackend(input: McpOAuthProxyInput): Doc {
  return {
    apiVersion: `${AGW}/v1alpha1`,
    kind: "AgentgatewayBackend",
    metadata: { name: JWKS_BACKEND_NAME },
    spec: { static: { host: jwksServiceHost(input), port: input.issuer.jwks.service.port } },
  };
}

function resourceMetadata(input: McpOAuthProxyInput, server: McpServerInput): Doc {
  const extra = { ...(server.resourceMetadata ?? {}) };
  delete extra.resource;
  delete extra.bearerMethodsSupported;
  return {
    resource: resourceUrl(input, server),
    scopesSupported: [...input.scopes],
    bearerMethodsSupported: ["header"],
    ...extra,
  };
}

function audiences(input: McpOAuthProxyInput, server: McpServerInput): string[] {
  return server.audiences ?? [resourceUrl(input, server)];
}

function jwksV141(input: McpOAuthProxyInput): Doc {
  return {
    remote: {
      backendRef: { group: AGW, kind: "AgentgatewayBackend", name: JWKS_BACKEND_NAME },
      jwksPath: input.issuer.jwks.path,
      cacheDuration: input.issuer.jwks.cacheDuration ?? DEFAULT_JWKS_CACHE,
    },
  };
}

/** kgateway era: the keys fetched by URL. */
function jwksByUri(input: McpOAuthProxyInput): Doc {
  return {
    uri: `http://${jwksServiceHost(input)}:${input.issuer.jwks.service.port}/${input.issuer.jwks.path}`,
    cacheDuration: input.issuer.jwks.cacheDuration ?? DEFAULT_JWKS_CACHE,
  };
}

function corsPolicy(input: McpOAuthProxyInput): Doc | undefined {
  if (input.cors.origins.length === 0) return undefined;
  return {
    allowOrigins: [...input.cors.origins],
    allowMethods: [...MCP_ALLOW_METHODS],
    allowHeaders: input.cors.allowHeaders ? [...input.cors.allowHeaders] : [...MCP_ALLOW_HEADERS],
    exposeHeaders: input.cors.exposeHeaders ? [...input.cors.exposeHeaders] : [...MCP_EXPOSE_HEADERS],
    allowCredentials: input.cors.allowCredentials === true ? true : undefined,
    maxAge: input.cors.maxAgeSeconds ?? 600,
  };
}

function csrfPolicy(input: McpOAuthProxyInput): Doc {
  const exact = input.cors.origins.filter((o) => !o.includes("*"));
  return exact.length ? { additionalOrigins: exact.slice(0, 16) } : {};
}

function rateLimitPolicy(input: McpOAuthProxyInput): Doc | undefined {
  const rl = input.rateLimit;
  if (!rl) return undefined;
  return { local: [{ requests: rl.requests, unit: rl.unit, burst: rl.burst }] };
}

function route(input: McpOAuthProxyInput, server: McpServerInput, name: string, paths: string[], annotations?: Record<string, string>): Doc {
  return {
    apiVersion: `${GWAPI}/v1`,
    kind: "HTTPRoute",
    metadata: { name, annotations },
    spec: {
      parentRefs: [{ group: GWAPI, kind: "Gateway", name: input.gateway.name, sectionName: input.gateway.listenerName }],
      hostnames: [input.publicHost],
      rules: [
        {
          matches: paths.map((value) => ({ path: { type: "PathPrefix", value } })),
          backendRefs: [{ group: AGW, kind: "AgentgatewayBackend", name: serverObjectName(server) }],
        },
      ],
    },
  };
}

export interface ServerObjects {
  backends: Doc[];
  routes: Doc[];
  policies: Doc[];
}

export function renderServer(input: McpOAuthProxyInput, server: McpServerInput, release: ReleaseInfo): ServerObjects {
  const name = serverObjectName(server);
  const isPublic = Boolean(server.public);
  const annotations = {
    [ANNOTATION_RESOURCE]: resourceUrl(input, server),
    [ANNOTATION_AUTH]: isPublic ? "public" : "strict",
    [ANNOTATION_REGISTRATION]: input.keycloak.registration.mode,
  };
  const backend: Doc = {
    apiVersion: `${AGW}/v1alpha1`,
    kind: "AgentgatewayBackend",
    metadata: { name },
    spec: {
      mcp: {
        targets: [
          {
            name: server.name,
            static: {
              host: server.upstream.host,
              port: server.upstream.port,
              path: server.upstream.path,
              protocol: server.upstream.protocol,
              policies: server.upstreamCredential ? { auth: { secretRef: { name: upstreamSecretName(server) } } } : undefined,
            },
          },
        ],
      },
    },
  };
  const traffic = (withJwt: boolean, jwt: Doc | undefined): Doc => ({
    cors: corsPolicy(input),
    csrf: csrfPolicy(input),
    rateLimit: rateLimitPolicy(input),
    timeouts: { request: server.timeout ?? DEFAULT_TIMEOUT },
    jwtAuthentication: withJwt ? jwt : undefined,
  });
  const provider = { issuer: input.issuer.url, audiences: audiences(input, server) };

  if (release.authStyle === "traffic") {
    // One route carries the MCP path and its discovery paths; jwtAuthentication.mcp serves the metadata
    // endpoints and enforces Strict JWT validation on everything else (CRD rule: mcp requires mode Strict).
    const jwt = {
      mode: "Strict",
      providers: [{ ...provider, jwks: jwksV141(input) }],
      mcp: { provider: input.issuer.provider, resourceMetadata: resourceMetadata(input, server) },
    };
    return {
      backends: [backend],
      routes: [route(input, server, name, [server.pathPrefix, ...(isPublic ? [] : discoveryPaths(server.pathPrefix))], annotations)],
      policies: [
        {
          apiVersion: `${AGW}/v1alpha1`,
          kind: "AgentgatewayPolicy",
          metadata: { name },
          spec: {
            targetRefs: [{ group: GWAPI, kind: "HTTPRoute", name }],
            traffic: traffic(!isPublic, jwt),
          },
        },
      ],
    };
  }

  // kgateway era: backend.mcp.authentication has no `mode` (the controller defaults to Optional), so Strict is
  // enforced by a traffic JWT policy on the MCP route, while the discovery paths get their own route without it.
  const routes = [route(input, server, name, [server.pathPrefix], annotations)];
  const policies: Doc[] = [
    {
      apiVersion: `${AGW}/v1alpha1`,
      kind: "AgentgatewayPolicy",
      metadata: { name },
      spec: {
        targetRefs: [{ group: GWAPI, kind: "HTTPRoute", name }],
        traffic: traffic(!isPublic, {
          mode: "Strict",
          providers: [{ ...provider, jwks: { remote: jwksByUri(input) } }],
        }),
      },
    },
  ];
  if (!isPublic) {
    routes.push(route(input, server, `${name}-discovery`, discoveryPaths(server.pathPrefix)));
    policies.push(
      {
        apiVersion: `${AGW}/v1alpha1`,
        kind: "AgentgatewayPolicy",
        metadata: { name: `${name}-auth` },
        spec: {
          targetRefs: [{ group: AGW, kind: "AgentgatewayBackend", name }],
          backend: {
            mcp: {
              authentication: {
                ...provider,
                provider: input.issuer.provider,
                jwks: jwksByUri(input),
                resourceMetadata: resourceMetadata(input, server),
              },
            },
          },
        },
      },
      {
        apiVersion: `${AGW}/v1alpha1`,
        kind: "AgentgatewayPolicy",
        metadata: { name: `${name}-discovery` },
        spec: {
          targetRefs: [{ group: GWAPI, kind: "HTTPRoute", name: `${name}-discovery` }],
          traffic: { cors: corsPolicy(input), rateLimit: rateLimitPolicy(input) },
        },
      },
    );
  }
  return { backends: [backend], routes, policies };
}
