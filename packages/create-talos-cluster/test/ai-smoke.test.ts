import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { aiSmoke } from "../src/commands/ai-smoke.js";
import { UserError } from "../src/cli/context.js";
import { startFakeGateway } from "./ai-smoke-server.js";
import { captureContext } from "./helpers.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/ai-smoke/", import.meta.url));
const KEYS = ["FAKE-EAST-API-KEY-0123456789", "FAKE-EAST2-API-KEY-9876543210"];

/** Runs the command the way the CLI does: user errors become their exit code and one stderr line. */
async function runCommand(args: string[], ctx: ReturnType<typeof captureContext>): Promise<number> {
  try {
    return await aiSmoke.run(args, ctx);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    ctx.stderr(`${error.message}\n`);
    return error.exitCode;
  }
}

async function run(args: string[]) {
  const ctx = captureContext({ cwd: FIXTURE });
  const code = await runCommand(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/** A copy of the fixture with cluster.yaml lines replaced. */
function fixtureWith(replace: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "ai-smoke-"));
  writeFileSync(join(dir, "cluster.yaml"), replace(readFileSync(join(FIXTURE, "cluster.yaml"), "utf8")));
  writeFileSync(join(dir, "nodes.yaml"), readFileSync(join(FIXTURE, "nodes.yaml"), "utf8"));
  return dir;
}

describe("talos-cluster ai smoke --dry-run", () => {
  it("prints one curl command per model of the catalog, with no API key", async () => {
    const { code, out, err } = await run(["--dry-run"]);
    expect(code).toBe(0);
    expect(err).toBe("");
    await expect(out).toMatchFileSnapshot("__snapshots__/ai-smoke-dry-run.txt");
    expect(out.match(/^curl /gm)).toHaveLength(18);
    for (const key of KEYS) expect(out).not.toContain(key);
    expect(out).not.toMatch(/api-key|authorization/i);
  });

  it("honours --url and --model", async () => {
    const { code, out } = await run(["--dry-run", "--url", "http://10.0.0.5:8080/", "--model", "gpt-4.1"]);
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "# gpt-4.1 (chat)
      curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n' --max-time 120 -X POST 'http://10.0.0.5:8080/v1/chat/completions' -H 'Content-Type: application/json' -d '{"model":"gpt-4.1","messages":[{"role":"user","content":"Reply with the single word: ok"}],"max_tokens":16}'
      "
    `);
  });
});

describe("talos-cluster ai smoke against a gateway", () => {
  it("sends the right request shape per family and prints model, status and latency", async () => {
    const gateway = await startFakeGateway(["gpt-5.1-codex"]);
    try {
      const { code, out, err } = await run(["--url", gateway.url]);
      expect(code).toBe(1);
      expect(gateway.seen).toHaveLength(18);
      const byModel = new Map(gateway.seen.map((r) => [String(r.body.model), r]));
      expect(byModel.get("o3")).toMatchObject({ method: "POST", path: "/v1/chat/completions", body: { max_completion_tokens: 64 } });
      expect(byModel.get("o3")!.body).not.toHaveProperty("max_tokens");
      expect(byModel.get("gpt-4.1")!.body).toMatchObject({ max_tokens: 16 });
      expect(byModel.get("text-embedding-3-small")).toMatchObject({ path: "/v1/embeddings", body: { input: "ok" } });
      expect(byModel.get("gpt-audio")!.body).toMatchObject({ modalities: ["text", "audio"] });
      for (const r of gateway.seen) {
        expect(r.headers).not.toHaveProperty("api-key");
        expect(r.headers).not.toHaveProperty("authorization");
      }
      const lines = out.trim().split("\n");
      expect(lines[0]).toBe(`Testing 18 models at ${gateway.url}`);
      expect(lines[1]).toMatch(/^MODEL\s+FAMILY\s+STATUS\s+LATENCY$/);
      expect(lines[2]).toMatch(/^gpt-4\.1\s+chat\s+200\s+\d+ ms$/);
      expect(out).toMatch(/^gpt-5\.1-codex\s+codex\s+400\s+\d+ ms$/m);
      expect(lines.at(-1)).toBe("1 of 18 models failed.");
      expect(err).toBe(
        "gpt-5.1-codex: 400 The chatCompletion operation does not work with the specified model, gpt-5.1-codex. Please choose different model and try again.\n",
      );
      for (const key of KEYS) expect(out + err).not.toContain(key);
    } finally {
      await gateway.close();
    }
  });

  it("exits 0 when every selected model answers", async () => {
    const gateway = await startFakeGateway();
    try {
      const { code, out } = await run(["--url", gateway.url, "--model", "o4-mini", "--model", "text-embedding-3-large"]);
      expect(code).toBe(0);
      expect(gateway.seen.map((r) => r.body.model)).toEqual(["o4-mini", "text-embedding-3-large"]);
      expect(out).toContain("All 2 models answered.");
    } finally {
      await gateway.close();
    }
  });

  it("reports a gateway that is not listening as an error row and exits 1", async () => {
    const gateway = await startFakeGateway();
    await gateway.close();
    const { code, out, err } = await run(["--url", gateway.url, "--model", "gpt-4.1"]);
    expect(code).toBe(1);
    expect(out).toMatch(/^gpt-4\.1\s+chat\s+error\s+\d+ ms$/m);
    expect(err).toBe("gpt-4.1: error ECONNREFUSED\n");
  });
});

describe("talos-cluster ai smoke errors", () => {
  it("rejects an unknown model with exit 2 and lists the catalog", async () => {
    const ctx = captureContext({ cwd: FIXTURE });
    expect(await runCommand(["--model", "gpt-6"], ctx)).toBe(2);
    expect(ctx.err()).toContain('talos-cluster ai smoke: "gpt-6" is not in the catalog. Known models: gpt-4.1, gpt-4.1-nano,');
  });

  it.each([
    [["--bogus"], "unknown option --bogus."],
    [["o3"], 'unexpected argument "o3". To test one model, use --model o3.'],
    [["--url", "llms.example.com"], '--url "llms.example.com" is not an http(s) URL such as https://llms.example.com.'],
  ])("rejects %j with exit 2", async (args, message) => {
    const ctx = captureContext({ cwd: FIXTURE });
    expect(await runCommand(args, ctx)).toBe(2);
    expect(ctx.err()).toContain(`talos-cluster ai smoke: ${message}`);
  });

  it("says so when the AI gateway is disabled", async () => {
    const dir = fixtureWith((t) => t.replace("envoy_ai_gateway_enabled: true", "envoy_ai_gateway_enabled: false"));
    const ctx = captureContext({ cwd: dir });
    expect(await runCommand(["--dry-run"], ctx)).toBe(1);
    expect(ctx.err()).toBe(
      "cluster.yaml  envoy_ai_gateway_enabled  The Envoy AI Gateway is not enabled, so there is nothing to test. Set envoy_ai_gateway_enabled: true (and the Azure OpenAI keys) first.\n",
    );
  });

  it("reports a configuration problem of the AI keys without printing the key", async () => {
    const dir = fixtureWith((t) => t.replace("azure_openai_us_east_resource_name: contoso-east\n", ""));
    const ctx = captureContext({ cwd: dir });
    expect(await runCommand(["--dry-run"], ctx)).toBe(1);
    expect(ctx.err()).toMatch(/^cluster\.yaml:\d+:\d+ {2}azure_openai_us_east_resource_name {2}/m);
    expect(ctx.err()).toContain('run "talos-cluster validate" for details');
    for (const key of KEYS) expect(ctx.err()).not.toContain(key);
  });

  it("reports a directory without cluster.yaml", async () => {
    const empty = mkdtempSync(join(tmpdir(), "ai-smoke-empty-"));
    const ctx = captureContext({ cwd: tmpdir() });
    expect(await runCommand(["--dir", empty, "--dry-run"], ctx)).toBe(1);
    expect(ctx.err()).toMatch(/cluster\.yaml\s+File not found\./);
    expect(ctx.err()).toContain('talos-cluster ai smoke: the configuration has errors; run "talos-cluster validate" for details.');
    expect(ctx.out()).toBe("");
  });
});
