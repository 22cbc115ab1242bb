import type { FluxContribution, FluxDependency } from "@talos-cluster/flux-apps";
import { checkInput, checkPlan } from "./check-input.js";
import { CONTROLLER_NAMESPACE, controllerApps, envoyGatewayValues } from "./emit-controller.js";
import { gatewayApp, resolveGateway } from "./emit-gateway.js";
import { providerApp } from "./emit-provider.js";
import { resolveFamilyPolicies } from "./families.js";
import type { AiGatewayIssue } from "./issues.js";
import { planCatalog } from "./plan.js";
import {
  AI_GATEWAY_RELEASES,
  type AiGatewayRelease,
  compareVersions,
  DEFAULT_AI_GATEWAY_RELEASE,
  isAiGatewayRelease,
} from "./releases.js";
import { releaseLimits, validateObject } from "./schema-store.js";
import type { AiGatewayInput } from "./types.js";
import { verifyReferences } from "./verify-references.js";

export interface BuildAiGatewayOptions {
  /**
   * Envoy AI Gateway release to target. Default: "v1.1.0" (current stable), or, when
   * `envoyGatewayVersion` is given, the newest release that Envoy Gateway supports (with a warning
   * when that is not the current stable one).
   */
  release?: AiGatewayRelease;
  /** The Envoy Gateway app/HelmRelease of the tree; default network/envoy-gateway. */
  envoyGateway?: { name: string; namespace: string };
  /**
   * The Envoy Gateway chart version the tree deploys (e.g. flux-apps' `CHARTS["envoy-gateway"].version`).
   * When given, a release that needs a newer Envoy Gateway is an error.
   */
  envoyGatewayVersion?: string;
}

export type BuildAiGatewayResult =
  | {
      ok: true;
      contribution: FluxContribution;
      warnings: AiGatewayIssue[];
      /** The release the objects target (pass it to `contributionSchemas`). */
      release: AiGatewayRelease;
    }
  | { ok: false; errors: AiGatewayIssue[]; warnings: AiGatewayIssue[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Where input from JavaScript lacks the shape the checks read (so they would throw), or undefined. */
function malformedAt(input: unknown): string | undefined {
  if (!isObject(input)) return "";
  if (!isObject(input.gateway)) return "gateway";
  if (!Array.isArray(input.providers)) return "providers";
  if (!Array.isArray(input.models)) return "models";
  const p = input.providers.findIndex((provider) => !isObject(provider) || !isObject(provider.auth));
  if (p >= 0) return isObject(input.providers[p]) ? `providers[${p}].auth` : `providers[${p}]`;
  const m = input.models.findIndex((model) => !isObject(model));
  return m >= 0 ? `models[${m}]` : undefined;
}

/**
 * Checks the input against every invariant, then emits the Flux apps of Envoy AI Gateway
 * routing to Azure OpenAI for one release, validated against that release's schemas.
 * Never throws for bad input: problems come back as `errors`.
 */
export function buildAiGateway(input: AiGatewayInput, options: BuildAiGatewayOptions = {}): BuildAiGatewayResult {
  const selectionWarnings: AiGatewayIssue[] = [];
  let releaseName = options.release ?? DEFAULT_AI_GATEWAY_RELEASE;
  if (options.release === undefined && options.envoyGatewayVersion !== undefined) {
    const eg = options.envoyGatewayVersion;
    const supported = (Object.keys(AI_GATEWAY_RELEASES) as AiGatewayRelease[]).filter(
      (r) => (compareVersions(eg, AI_GATEWAY_RELEASES[r].envoyGatewayMin) ?? -1) >= 0,
    );
    const newest = supported.sort((a, b) => (compareVersions(b, a) ?? 0))[0];
    if (newest && newest !== DEFAULT_AI_GATEWAY_RELEASE) {
      releaseName = newest;
      selectionWarnings.push({
        code: "AGR-VER",
        path: "release",
        message: `the tree deploys Envoy Gateway ${eg}, which runs Envoy AI Gateway up to ${newest}; emitting ${newest}. Upgrade Envoy Gateway to ${AI_GATEWAY_RELEASES[DEFAULT_AI_GATEWAY_RELEASE].envoyGatewayMin} or later for ${DEFAULT_AI_GATEWAY_RELEASE}.`,
      });
    }
  }
  if (!isAiGatewayRelease(releaseName)) {
    return {
      ok: false,
      warnings: [],
      errors: [
        {
          code: "AGR-VER",
          path: "release",
          message: `Envoy AI Gateway release "${String(releaseName)}" is not supported. Use one of: ${Object.keys(AI_GATEWAY_RELEASES).join(", ")}.`,
        },
      ],
    };
  }
  const malformed = malformedAt(input);
  if (malformed !== undefined) {
    return {
      ok: false,
      warnings: [],
      errors: [
        {
          code: "AGR-REF",
          path: malformed,
          message:
            "the input needs a gateway object, providers and models arrays of objects, and an auth object on every provider (see AiGatewayInput).",
        },
      ],
    };
  }
  const release = AI_GATEWAY_RELEASES[releaseName];
  const families = resolveFamilyPolicies(input.families);
  const limits = releaseLimits(releaseName);

  const errors = checkInput(input, { release, limits, families });
  if (options.envoyGatewayVersion !== undefined) {
    const cmp = compareVersions(options.envoyGatewayVersion, release.envoyGatewayMin);
    if (cmp === undefined || cmp < 0) {
      errors.unshift({
        code: "AGR-VER",
        path: "release",
        message: `Envoy AI Gateway ${release.release} needs Envoy Gateway ${release.envoyGatewayMin} or later (its extension hooks and CRDs are built on ${release.envoyGateway}), but the tree deploys Envoy Gateway ${options.envoyGatewayVersion}. Upgrade Envoy Gateway, or select an AI Gateway release that supports it${releaseName === "v0.5.0" ? "" : " (v0.5.0 runs on Envoy Gateway v1.6)"}.`,
      });
    }
  }
  const { plan, issues: planIssues } = planCatalog(input.providers, input.models, families, {
    rulesPerRoute: limits.rulesPerRoute,
    matchesPerRule: limits.matchesPerRule,
  });
  const planCheck = checkPlan(plan, input.providers);
  errors.push(...planIssues, ...planCheck.errors);
  const warnings = [...selectionWarnings, ...planCheck.warnings];
  if (errors.length > 0) return { ok: false, errors, warnings };

  const namespace = input.namespace ?? "ai-system";
  const envoyGateway = options.envoyGateway ?? { name: "envoy-gateway", namespace: "network" };
  const gw = resolveGateway(input.gateway);
  const longest = Math.max(...plan.models.map((m) => m.timeoutMs));
  const providerDeps: FluxDependency[] = [
    { name: "ai-gateway", namespace: CONTROLLER_NAMESPACE },
    { name: gw.name, namespace: gw.namespace },
  ];
  const apps = [
    ...controllerApps(release, input.charts),
    gatewayApp(gw, longest, envoyGateway),
    ...input.providers
      .filter((p) => plan.models.some((m) => m.entry.provider === p.name))
      .map((p) =>
        providerApp(p, plan, {
          release,
          namespace,
          gateway: gw,
          routeHostnames: input.gateway.routeHostnames,
          dependsOn: providerDeps,
        }),
      ),
  ];

  const emitted = verifyReferences(apps);
  for (const app of apps) {
    for (const file of app.files) {
      for (const doc of file.documents) {
        const meta = doc.metadata as { name?: string } | undefined;
        for (const problem of validateObject(releaseName, doc)) {
          emitted.push({
            code: "AGR-SCHEMA",
            path: `${app.namespace}/${app.name}/app/${file.path}`,
            message: `${String(doc.kind)} "${meta?.name ?? ""}" does not match the Envoy AI Gateway ${releaseName} schema: ${problem}`,
          });
        }
      }
    }
  }
  if (emitted.length > 0) return { ok: false, errors: emitted, warnings };

  const secretValues = input.providers
    .map((p) => (p.auth.type === "AzureAPIKey" ? p.auth.apiKey : p.auth.clientSecret))
    .filter((v) => v !== "");
  return {
    ok: true,
    warnings,
    release: releaseName,
    contribution: {
      name: "@talos-cluster/ai-gateway-routes",
      namespaces: [
        // No pod-security override: the controller runs under the cluster's default (baseline)
        // policy; the reference's "privileged" label granted more than it needs.
        { name: CONTROLLER_NAMESPACE },
        { name: namespace },
      ],
      apps,
      helmValues: [{ namespace: envoyGateway.namespace, name: envoyGateway.name, values: envoyGatewayValues() }],
      secretValues: [...new Set(secretValues)],
    },
  };
}
