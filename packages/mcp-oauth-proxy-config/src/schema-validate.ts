/**
 * Validation of emitted objects against the JSON Schemas vendored in `schemas/` (see schemas/NOTICE.md).
 * Every object kind this package emits has a schema; an object without one is an error, not a pass.
 */
import { readFileSync } from "node:fs";
import { type CompiledValidator, compiledValidator } from "./compiled-validators.js";
import { type AgentgatewayRelease, DEFAULT_RELEASE, RELEASES, type ReleaseInfo } from "./releases.js";

const SCHEMA_ROOT = new URL("../schemas/", import.meta.url);

/** Schema file (relative to schemas/) for an object, per release; undefined when none is vendored. */
export function schemaFileFor(apiVersion: string, kind: string, release: ReleaseInfo): string | undefined {
  const lower = kind.toLowerCase();
  switch (apiVersion) {
    case "agentgateway.dev/v1alpha1":
      return ["AgentgatewayBackend", "AgentgatewayPolicy", "AgentgatewayParameters"].includes(kind)
        ? `agentgateway.dev/${release.agentgatewaySchemas}/${lower}_v1alpha1.json`
        : undefined;
    case "gateway.networking.k8s.io/v1":
      return ["Gateway", "GatewayClass", "HTTPRoute"].includes(kind) ? `gateway.networking.k8s.io/${release.gatewayApiSchemas}/${lower}_v1.json` : undefined;
    case "networking.k8s.io/v1":
      return kind === "NetworkPolicy" ? "networking.k8s.io/networkpolicy_v1.json" : undefined;
    case "v1":
      return kind === "Secret" ? "core/secret_v1.json" : undefined;
    case "cert-manager.io/v1":
      return kind === "Certificate" ? "cert-manager.io/certificate_v1.json" : undefined;
    case "helm.toolkit.fluxcd.io/v2":
      return kind === "HelmRelease" ? "helm.toolkit.fluxcd.io/helmrelease_v2.json" : undefined;
    case "source.toolkit.fluxcd.io/v1":
      return kind === "OCIRepository" ? "source.toolkit.fluxcd.io/ocirepository_v1.json" : undefined;
    default:
      return undefined;
  }
}

/** Schema problems of one object, as "path: message" strings (empty = valid). */
export function schemaProblems(doc: Record<string, unknown>, release: ReleaseInfo): string[] {
  const apiVersion = String(doc.apiVersion);
  const kind = String(doc.kind);
  const file = schemaFileFor(apiVersion, kind, release);
  if (!file) return [`no vendored schema for ${apiVersion} ${kind}`];
  const validate = compiledValidator(file);
  // Round-trip through JSON: what is validated is what gets serialized (undefined dropped).
  const plain = JSON.parse(JSON.stringify(doc)) as unknown;
  if (validate(plain)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message ?? "invalid"}${e.params && "additionalProperty" in e.params ? ` ("${String(e.params.additionalProperty)}")` : ""}`);
}

/**
 * The vendored schemas of the agentgateway kinds this package emits for a release, keyed
 * `"<apiVersion> <kind>"`: pass them to flux-apps' `buildFluxTree({ extraSchemas })`, which vendors the
 * Kubernetes, Gateway API, cert-manager and Flux kinds itself.
 */
export function mcpContributionSchemas(release: AgentgatewayRelease = DEFAULT_RELEASE): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [key, file] of contributionFiles(release)) {
    out[key] = JSON.parse(readFileSync(new URL(file, SCHEMA_ROOT), "utf8")) as object;
  }
  return out;
}

/**
 * The build-time compiled validators of the same kinds as {@link mcpContributionSchemas}, keyed
 * `"<apiVersion> <kind>"`: pass them to flux-apps' `buildFluxTree({ extraValidators })`. Each validator is
 * loaded the first time it is read.
 */
export function mcpContributionValidators(release: AgentgatewayRelease = DEFAULT_RELEASE): Record<string, CompiledValidator> {
  const out: Record<string, CompiledValidator> = {};
  for (const [key, file] of contributionFiles(release)) {
    Object.defineProperty(out, key, { enumerable: true, get: () => compiledValidator(file) });
  }
  return out;
}

function contributionFiles(release: AgentgatewayRelease): Array<[key: string, file: string]> {
  const info = RELEASES[release];
  return ["AgentgatewayBackend", "AgentgatewayPolicy", "AgentgatewayParameters"].map((kind) => [
    `agentgateway.dev/v1alpha1 ${kind}`,
    schemaFileFor("agentgateway.dev/v1alpha1", kind, info) as string,
  ]);
}
