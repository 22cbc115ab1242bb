import { readFileSync } from "node:fs";
import { type CompiledValidator, compiledValidator } from "./compiled-validators.js";
import { AI_GATEWAY_RELEASES, type AiGatewayRelease } from "./releases.js";

/**
 * The vendored JSON Schemas (package `schemas/`, see schemas/NOTICE) of each supported release,
 * keyed by `apiVersion` + `kind`. Envoy Gateway / Gateway API schemas are those of the Envoy
 * Gateway release the AI Gateway release pairs with.
 */
const RELEASE_SCHEMAS: Record<AiGatewayRelease, Record<string, string>> = {
  "v1.1.0": {
    "aigateway.envoyproxy.io/v1beta1 AIGatewayRoute": "aigateway.envoyproxy.io/v1.1.0/aigatewayroute_v1beta1.json",
    "aigateway.envoyproxy.io/v1beta1 AIServiceBackend": "aigateway.envoyproxy.io/v1.1.0/aiservicebackend_v1beta1.json",
    "aigateway.envoyproxy.io/v1beta1 BackendSecurityPolicy":
      "aigateway.envoyproxy.io/v1.1.0/backendsecuritypolicy_v1beta1.json",
    "gateway.envoyproxy.io/v1alpha1 Backend": "gateway.envoyproxy.io/v1.8.1/backend_v1alpha1.json",
    "gateway.envoyproxy.io/v1alpha1 BackendTrafficPolicy": "gateway.envoyproxy.io/v1.8.1/backendtrafficpolicy_v1alpha1.json",
    "gateway.envoyproxy.io/v1alpha1 ClientTrafficPolicy": "gateway.envoyproxy.io/v1.8.1/clienttrafficpolicy_v1alpha1.json",
    "gateway.networking.k8s.io/v1 Gateway": "gateway.networking.k8s.io/v1.5.1/gateway_v1.json",
    "gateway.networking.k8s.io/v1 HTTPRoute": "gateway.networking.k8s.io/v1.5.1/httproute_v1.json",
    "gateway.networking.k8s.io/v1 BackendTLSPolicy": "gateway.networking.k8s.io/v1.5.1/backendtlspolicy_v1.json",
    ...COMMON(),
  },
  "v0.5.0": {
    "aigateway.envoyproxy.io/v1alpha1 AIGatewayRoute": "aigateway.envoyproxy.io/v0.5.0/aigatewayroute_v1alpha1.json",
    "aigateway.envoyproxy.io/v1alpha1 AIServiceBackend": "aigateway.envoyproxy.io/v0.5.0/aiservicebackend_v1alpha1.json",
    "aigateway.envoyproxy.io/v1alpha1 BackendSecurityPolicy":
      "aigateway.envoyproxy.io/v0.5.0/backendsecuritypolicy_v1alpha1.json",
    "gateway.envoyproxy.io/v1alpha1 Backend": "gateway.envoyproxy.io/v1.6.1/backend_v1alpha1.json",
    "gateway.envoyproxy.io/v1alpha1 BackendTrafficPolicy": "gateway.envoyproxy.io/v1.6.1/backendtrafficpolicy_v1alpha1.json",
    "gateway.envoyproxy.io/v1alpha1 ClientTrafficPolicy": "gateway.envoyproxy.io/v1.6.1/clienttrafficpolicy_v1alpha1.json",
    "gateway.networking.k8s.io/v1 Gateway": "gateway.networking.k8s.io/v1.4.1/gateway_v1.json",
    "gateway.networking.k8s.io/v1 HTTPRoute": "gateway.networking.k8s.io/v1.4.1/httproute_v1.json",
    "gateway.networking.k8s.io/v1 BackendTLSPolicy": "gateway.networking.k8s.io/v1.4.1/backendtlspolicy_v1.json",
    ...COMMON(),
  },
};

function COMMON(): Record<string, string> {
  return {
    "v1 Secret": "core/secret_v1.json",
    "helm.toolkit.fluxcd.io/v2 HelmRelease": "helm.toolkit.fluxcd.io/helmrelease_v2.json",
    "source.toolkit.fluxcd.io/v1 OCIRepository": "source.toolkit.fluxcd.io/ocirepository_v1.json",
  };
}

const OBJECT_META = "core/objectmeta_v1.json";
/**
 * Vendored schemas that describe `metadata` themselves (the core Secret embeds ObjectMeta). The CRD
 * schemas declare it as a bare object, so `validateObject` checks it against ObjectMeta separately.
 */
export const SCHEMAS_WITH_OBJECT_META: ReadonlySet<string> = new Set(["core/secret_v1.json"]);

const jsonCache = new Map<string, Record<string, unknown>>();

/** A vendored schema file, parsed (cached). */
export function loadSchema(relativePath: string): Record<string, unknown> {
  let schema = jsonCache.get(relativePath);
  if (!schema) {
    schema = JSON.parse(readFileSync(new URL(`../schemas/${relativePath}`, import.meta.url), "utf8")) as Record<
      string,
      unknown
    >;
    jsonCache.set(relativePath, schema);
  }
  return schema;
}

/** The vendored schema file for an object of the release, or undefined when none is vendored. */
export function schemaFileFor(release: AiGatewayRelease, apiVersion: string, kind: string): string | undefined {
  return RELEASE_SCHEMAS[release][`${apiVersion} ${kind}`];
}

function describe(errors: CompiledValidator["errors"], prefix: string): string[] {
  return (errors ?? [])
    .filter((e) => !(e.keyword === "if"))
    .map((e) => {
      const extra =
        e.keyword === "additionalProperties"
          ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
          : e.keyword === "enum"
            ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
            : "";
      return `${prefix}${e.instancePath || "/"} ${e.message ?? e.keyword}${extra}`;
    });
}

/**
 * Schema problems of one object against the release's vendored schema (and `metadata` against
 * Kubernetes ObjectMeta). An object whose apiVersion/kind has no vendored schema is a problem too.
 */
export function validateObject(release: AiGatewayRelease, object: Record<string, unknown>): string[] {
  const apiVersion = String(object.apiVersion);
  const kind = String(object.kind);
  const file = schemaFileFor(release, apiVersion, kind);
  if (!file) return [`no vendored schema for ${apiVersion} ${kind} at Envoy AI Gateway ${release}`];
  const problems: string[] = [];
  const fn = compiledValidator(file);
  if (!fn(object)) problems.push(...describe(fn.errors, ""));
  if (!SCHEMAS_WITH_OBJECT_META.has(file)) {
    const meta = compiledValidator(OBJECT_META);
    if (!meta(object.metadata)) problems.push(...describe(meta.errors, "/metadata"));
  }
  return problems;
}

type JsonNode = { properties?: Record<string, JsonNode>; items?: JsonNode; maxItems?: number };

/** `maxItems` at a property path of a vendored schema ("spec.rules[].matches"). */
export function schemaMaxItems(relativePath: string, path: string): number {
  let node = loadSchema(relativePath) as JsonNode | undefined;
  for (const part of path.split(".")) {
    const isArray = part.endsWith("[]");
    const name = isArray ? part.slice(0, -2) : part;
    node = node?.properties?.[name];
    if (isArray) node = node?.items;
  }
  if (typeof node?.maxItems !== "number") throw new Error(`no maxItems at ${path} in ${relativePath}`);
  return node.maxItems;
}

export interface ReleaseLimits {
  rulesPerRoute: number;
  matchesPerRule: number;
  headersPerMatch: number;
  bodyMutationSet: number;
  bodyMutationRemove: number;
  routeHostnames: number;
  subjectAltNames: number;
  certificateRefs: number;
}

/** The CRD list limits of a release, read from its vendored schemas. */
export function releaseLimits(release: AiGatewayRelease): ReleaseLimits {
  const route = schemaFileFor(release, AI_GATEWAY_RELEASES[release].aiGatewayApiVersion, "AIGatewayRoute") as string;
  const tls = schemaFileFor(release, "gateway.networking.k8s.io/v1", "BackendTLSPolicy") as string;
  const gateway = schemaFileFor(release, "gateway.networking.k8s.io/v1", "Gateway") as string;
  const hostnames = loadSchema(route) as JsonNode;
  return {
    rulesPerRoute: schemaMaxItems(route, "spec.rules"),
    matchesPerRule: schemaMaxItems(route, "spec.rules[].matches"),
    headersPerMatch: schemaMaxItems(route, "spec.rules[].matches[].headers"),
    bodyMutationSet: schemaMaxItems(route, "spec.rules[].backendRefs[].bodyMutation.set"),
    bodyMutationRemove: schemaMaxItems(route, "spec.rules[].backendRefs[].bodyMutation.remove"),
    routeHostnames: hostnames.properties?.spec?.properties?.hostnames
      ? schemaMaxItems(route, "spec.hostnames")
      : 0,
    subjectAltNames: schemaMaxItems(tls, "spec.validation.subjectAltNames"),
    certificateRefs: schemaMaxItems(gateway, "spec.listeners[].tls.certificateRefs"),
  };
}

/**
 * The vendored JSON Schemas of every kind this package emits for a release, keyed
 * `"<apiVersion> <kind>"` (pass them to flux-apps' `buildFluxTree({ extraSchemas })`).
 */
export function contributionSchemas(release: AiGatewayRelease): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [key, file] of Object.entries(RELEASE_SCHEMAS[release])) out[key] = loadSchema(file);
  return out;
}

/**
 * The build-time compiled validators of every kind this package emits for a release, keyed
 * `"<apiVersion> <kind>"` like {@link contributionSchemas} (pass them to flux-apps'
 * `buildFluxTree({ extraValidators })`). Each validator is loaded the first time it is read.
 */
export function contributionValidators(release: AiGatewayRelease): Record<string, CompiledValidator> {
  const out: Record<string, CompiledValidator> = {};
  for (const [key, file] of Object.entries(RELEASE_SCHEMAS[release])) {
    Object.defineProperty(out, key, { enumerable: true, get: () => compiledValidator(file) });
  }
  return out;
}
