import { describe, expect, it } from "vitest";
import { buildSmokeRequests, defaultModelCatalog } from "../src/index.js";

describe("buildSmokeRequests", () => {
  const requests = buildSmokeRequests(defaultModelCatalog({ usEast: "e", usEast2: "e2" }), "https://llms.example.com/");
  const byModel = new Map(requests.map((r) => [r.model, r]));

  it("uses max_completion_tokens for reasoning and codex models, never max_tokens", () => {
    for (const model of ["o3", "gpt-5", "gpt-5.1-codex"]) {
      const r = byModel.get(model)!;
      expect(r.url).toBe("https://llms.example.com/v1/chat/completions");
      expect(r.body).toHaveProperty("max_completion_tokens");
      expect(r.body).not.toHaveProperty("max_tokens");
      expect(r.body).not.toHaveProperty("temperature");
    }
  });

  it("sends embedding models to /v1/embeddings with an input", () => {
    const r = byModel.get("text-embedding-3-large")!;
    expect(r.url).toBe("https://llms.example.com/v1/embeddings");
    expect(r.body).toEqual({ model: "text-embedding-3-large", input: "ok" });
  });

  it("asks audio models for an audio modality and chat models for a short completion", () => {
    expect(byModel.get("gpt-audio")!.body).toMatchObject({ modalities: ["text", "audio"], audio: { voice: "alloy", format: "wav" } });
    expect(byModel.get("gpt-4.1")!.body).toMatchObject({ model: "gpt-4.1", max_tokens: 16 });
  });

  it("waits at most the model's route timeout", () => {
    expect(byModel.get("o3")!.timeoutMs).toBe(300_000);
    expect(byModel.get("text-embedding-3-small")!.timeoutMs).toBe(60_000);
  });
});
