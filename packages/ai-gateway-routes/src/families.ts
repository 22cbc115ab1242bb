import type { FamilyPolicy, ModelFamily } from "./types.js";

const TEMPERATURE_ONE = { set: [{ path: "temperature", value: "1" }] };

/**
 * Built-in family policies: the reference's timeouts (chat 120s, reasoning/thinking 300s,
 * codex/audio 180s, embedding 60s) as both default and minimum, and `temperature: 1` for
 * reasoning and codex models (they reject any other temperature).
 */
export const DEFAULT_FAMILY_POLICIES: Readonly<Record<ModelFamily, FamilyPolicy>> = {
  chat: { defaultTimeout: "120s", minTimeout: "120s" },
  reasoning: { defaultTimeout: "300s", minTimeout: "300s", bodyMutation: TEMPERATURE_ONE },
  codex: { defaultTimeout: "180s", minTimeout: "180s", bodyMutation: TEMPERATURE_ONE },
  audio: { defaultTimeout: "180s", minTimeout: "180s" },
  embedding: { defaultTimeout: "60s", minTimeout: "60s" },
};

/** Built-in policies with the input's overrides merged in per field. */
export function resolveFamilyPolicies(
  overrides: Partial<Record<ModelFamily, Partial<FamilyPolicy>>> | undefined,
): Record<ModelFamily, FamilyPolicy> {
  const out = {} as Record<ModelFamily, FamilyPolicy>;
  for (const family of Object.keys(DEFAULT_FAMILY_POLICIES) as ModelFamily[]) {
    out[family] = { ...DEFAULT_FAMILY_POLICIES[family], ...(overrides?.[family] ?? {}) };
  }
  return out;
}
