import { parseDuration } from "./duration.js";
import { resolveFamilyPolicies } from "./families.js";
import type { FamilyPolicy, ModelEntry, ModelFamily } from "./types.js";

/** One minimal request that proves a model answers through the gateway. Carries no credentials. */
export interface SmokeRequest {
  model: string;
  family: ModelFamily;
  method: "POST";
  url: string;
  body: Record<string, unknown>;
  /** The route timeout of the model: waiting longer is pointless. */
  timeoutMs: number;
}

const PROMPT = "Reply with the single word: ok";

function bodyFor(model: string, family: ModelFamily): Record<string, unknown> {
  const messages = [{ role: "user", content: PROMPT }];
  switch (family) {
    case "embedding":
      return { model, input: "ok" };
    case "reasoning":
    case "codex":
      // Reasoning models reject max_tokens ("Use 'max_completion_tokens' instead").
      return { model, messages, max_completion_tokens: 64 };
    case "audio":
      // Audio models answer chat completions with an audio modality.
      return { model, modalities: ["text", "audio"], audio: { voice: "alloy", format: "wav" }, messages };
    default:
      return { model, messages, max_tokens: 16 };
  }
}

/**
 * The smoke-test requests for a catalog against a gateway base URL (e.g. "https://llms.example.com"):
 * `/v1/embeddings` for embedding models, `/v1/chat/completions` otherwise.
 */
export function buildSmokeRequests(
  models: readonly ModelEntry[],
  baseUrl: string,
  families?: Partial<Record<ModelFamily, Partial<FamilyPolicy>>>,
): SmokeRequest[] {
  const policies = resolveFamilyPolicies(families);
  const base = baseUrl.replace(/\/+$/, "");
  return models.map((m) => ({
    model: m.name,
    family: m.family,
    method: "POST",
    url: `${base}${m.family === "embedding" ? "/v1/embeddings" : "/v1/chat/completions"}`,
    body: bodyFor(m.name, m.family),
    timeoutMs: parseDuration(m.timeout ?? policies[m.family].defaultTimeout) ?? 60_000,
  }));
}
