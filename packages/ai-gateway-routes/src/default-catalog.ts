import type { ModelEntry, ModelFamily } from "./types.js";

interface CatalogRow {
  name: string;
  family: ModelFamily;
  apiVersion: string;
}

const CHAT_API = "2025-01-01-preview";
const APR_API = "2025-04-01-preview";
const EMBEDDING_API = "2023-05-15";

/** The reference's US East deployments (seed-inventory §10.1). */
export const US_EAST_MODELS: readonly CatalogRow[] = [
  { name: "gpt-4.1", family: "chat", apiVersion: CHAT_API },
  { name: "gpt-4.1-nano", family: "chat", apiVersion: CHAT_API },
  { name: "gpt-4o-mini", family: "chat", apiVersion: CHAT_API },
  { name: "o3", family: "reasoning", apiVersion: CHAT_API },
  { name: "o4-mini", family: "reasoning", apiVersion: CHAT_API },
  { name: "text-embedding-3-small", family: "embedding", apiVersion: EMBEDDING_API },
  { name: "text-embedding-ada-002", family: "embedding", apiVersion: EMBEDDING_API },
];

/**
 * The reference's US East2 deployments. The GPT-5 models are reasoning models (Azure accepts
 * only `max_completion_tokens` and temperature 1 for them), so they get the reasoning policy.
 */
export const US_EAST2_MODELS: readonly CatalogRow[] = [
  { name: "gpt-5", family: "reasoning", apiVersion: CHAT_API },
  { name: "gpt-5-nano", family: "reasoning", apiVersion: CHAT_API },
  { name: "gpt-5-chat", family: "reasoning", apiVersion: CHAT_API },
  { name: "gpt-5.1-chat", family: "reasoning", apiVersion: CHAT_API },
  { name: "gpt-5-mini", family: "reasoning", apiVersion: APR_API },
  { name: "gpt-5.1", family: "reasoning", apiVersion: APR_API },
  { name: "gpt-5.1-codex", family: "codex", apiVersion: APR_API },
  { name: "gpt-5.1-codex-mini", family: "codex", apiVersion: APR_API },
  { name: "gpt-audio", family: "audio", apiVersion: CHAT_API },
  { name: "gpt-audio-mini", family: "audio", apiVersion: CHAT_API },
  { name: "text-embedding-3-large", family: "embedding", apiVersion: EMBEDDING_API },
];

/**
 * The built-in catalog (18 models over two regions) for the providers that exist: pass the
 * provider names of the regions you have, e.g. `{ usEast: "azure-openai-us-east" }`.
 */
export function defaultModelCatalog(providers: { usEast?: string; usEast2?: string }): ModelEntry[] {
  const rows = (provider: string | undefined, models: readonly CatalogRow[]): ModelEntry[] =>
    provider ? models.map((m) => ({ ...m, provider })) : [];
  return [...rows(providers.usEast, US_EAST_MODELS), ...rows(providers.usEast2, US_EAST2_MODELS)];
}
