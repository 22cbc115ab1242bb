import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/**
 * A fake OpenAI-compatible gateway on 127.0.0.1 (no other network): answers 200, except for the
 * models in `failing`, which get Azure's error for codex models on chat completions.
 */
export async function startFakeGateway(failing: string[] = []): Promise<{ url: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => {
      raw += chunk.toString("utf8");
    });
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      seen.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      res.setHeader("content-type", "application/json");
      if (failing.includes(String(body.model))) {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: { code: "OperationNotSupported", message: "The chatCompletion operation does not work with the specified model, gpt-5.1-codex. Please choose different model and try again." } }));
        return;
      }
      res.end(JSON.stringify(req.url?.endsWith("/embeddings") ? { data: [{ embedding: [0.1] }] } : { choices: [{ message: { content: "ok" } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
