import { parseDuration } from "./duration.js";
import type { AiGatewayIssue } from "./issues.js";
import { slug } from "./names.js";
import type { AzureOpenAIProvider, BodyMutation, FamilyPolicy, ModelEntry, ModelFamily } from "./types.js";

/** A model with its policy applied. */
export interface PlannedModel {
  /** Index in `input.models` (for error paths). */
  index: number;
  entry: ModelEntry;
  timeout: string;
  timeoutMs: number;
  bodyMutation: BodyMutation | undefined;
  /** AIServiceBackend name. */
  backend: string;
}

/** One AIServiceBackend: a provider + api-version (+ family unless named explicitly). */
export interface PlannedBackend {
  name: string;
  provider: string;
  apiVersion: string;
  families: ModelFamily[];
  models: PlannedModel[];
}

export interface PlannedRule {
  backend: string;
  timeout: string;
  bodyMutation: BodyMutation | undefined;
  modelNameOverride: string | undefined;
  streamIdleTimeout: string | undefined;
  models: PlannedModel[];
}

export interface PlannedRoute {
  name: string;
  provider: string;
  rules: PlannedRule[];
}

export interface Plan {
  models: PlannedModel[];
  backends: PlannedBackend[];
  routes: PlannedRoute[];
}

export interface PlanLimits {
  rulesPerRoute: number;
  matchesPerRule: number;
}

function normalizeMutation(m: BodyMutation | undefined): BodyMutation | undefined {
  if (!m) return undefined;
  const set = m.set && m.set.length > 0 ? m.set : undefined;
  const remove = m.remove && m.remove.length > 0 ? m.remove : undefined;
  return set || remove ? { ...(set ? { set } : {}), ...(remove ? { remove } : {}) } : undefined;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Groups the catalog into AIServiceBackends and route rules. Models whose provider is unknown
 * are skipped (the input check reports them). Order follows the catalog, so output is stable.
 */
export function planCatalog(
  providers: readonly AzureOpenAIProvider[],
  models: readonly ModelEntry[],
  families: Record<ModelFamily, FamilyPolicy>,
  limits: PlanLimits,
): { plan: Plan; issues: AiGatewayIssue[] } {
  const issues: AiGatewayIssue[] = [];
  const providerNames = new Set(providers.map((p) => p.name));
  const usable = models
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => providerNames.has(entry.provider) && Object.hasOwn(families, entry.family));

  // Auto-named backends: <provider>-<family>, plus -<api-version> when a family of a provider uses several.
  const versionsPerFamily = new Map<string, Set<string>>();
  for (const { entry } of usable) {
    if (entry.backend) continue;
    const key = `${entry.provider}\u0000${entry.family}`;
    const set = versionsPerFamily.get(key) ?? new Set<string>();
    set.add(entry.apiVersion);
    versionsPerFamily.set(key, set);
  }
  const backendName = (entry: ModelEntry): string => {
    if (entry.backend) return entry.backend;
    const several = (versionsPerFamily.get(`${entry.provider}\u0000${entry.family}`)?.size ?? 0) > 1;
    return `${entry.provider}-${entry.family}${several ? `-${slug(entry.apiVersion)}` : ""}`;
  };

  const planned: PlannedModel[] = usable.map(({ entry, index }) => {
    const policy = families[entry.family];
    const timeout = entry.timeout ?? policy.defaultTimeout;
    return {
      index,
      entry,
      timeout,
      timeoutMs: parseDuration(timeout) ?? 0,
      bodyMutation: normalizeMutation(entry.bodyMutation ?? policy.bodyMutation),
      backend: backendName(entry),
    };
  });

  const backends = new Map<string, PlannedBackend>();
  for (const model of planned) {
    const existing = backends.get(model.backend);
    if (!existing) {
      backends.set(model.backend, {
        name: model.backend,
        provider: model.entry.provider,
        apiVersion: model.entry.apiVersion,
        families: [model.entry.family],
        models: [model],
      });
      continue;
    }
    const first = existing.models[0] as PlannedModel;
    if (existing.provider !== model.entry.provider) {
      issues.push({
        code: "AGR-BSP",
        path: `models[${model.index}].backend`,
        message: `AIServiceBackend "${model.backend}" would be targeted by the security policies of providers "${existing.provider}" (model "${first.entry.name}") and "${model.entry.provider}" (model "${model.entry.name}"): attaching multiple BackendSecurityPolicies to the same AIServiceBackend is invalid. Give each provider's models their own backend name.`,
      });
      continue;
    }
    if (existing.apiVersion !== model.entry.apiVersion) {
      issues.push({
        code: "AGR-API",
        path: `models[${model.index}].apiVersion`,
        message: `AIServiceBackend "${model.backend}" gets api-version "${existing.apiVersion}" from model "${first.entry.name}" and "${model.entry.apiVersion}" from model "${model.entry.name}"; schema.version is one per backend. Use one api-version, or give the model another backend name.`,
      });
      continue;
    }
    if (!existing.families.includes(model.entry.family)) existing.families.push(model.entry.family);
    existing.models.push(model);
  }

  const routes: PlannedRoute[] = [];
  for (const provider of providers) {
    const rules = new Map<string, PlannedRule>();
    for (const model of planned) {
      if (model.entry.provider !== provider.name) continue;
      const backend = backends.get(model.backend);
      if (!backend || !backend.models.includes(model)) continue;
      const override =
        model.entry.deployment !== undefined && model.entry.deployment !== model.entry.name
          ? model.entry.deployment
          : undefined;
      const key = JSON.stringify([
        model.backend,
        model.timeout,
        model.bodyMutation ?? null,
        model.entry.streamIdleTimeout ?? null,
        override ? model.entry.name : null,
      ]);
      const rule = rules.get(key);
      if (rule) rule.models.push(model);
      else
        rules.set(key, {
          backend: model.backend,
          timeout: model.timeout,
          bodyMutation: model.bodyMutation,
          modelNameOverride: override,
          streamIdleTimeout: model.entry.streamIdleTimeout,
          models: [model],
        });
    }
    const split = [...rules.values()].flatMap((rule) =>
      chunk(rule.models, limits.matchesPerRule).map((models) => ({ ...rule, models })),
    );
    chunk(split, limits.rulesPerRoute).forEach((routeRules, i) => {
      routes.push({ name: `${provider.name}-route${i === 0 ? "" : `-${i + 1}`}`, provider: provider.name, rules: routeRules });
    });
  }

  return { plan: { models: planned, backends: [...backends.values()], routes }, issues };
}
