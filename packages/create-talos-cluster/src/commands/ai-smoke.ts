import { relative, resolve } from "node:path";
import {
  aiGatewayInputFromConfig,
  buildSmokeRequests,
  formatAiGatewayIssues,
  type SmokeRequest,
} from "@talos-cluster/ai-gateway-routes";
import { formatIssue, loadClusterConfig, sortIssues } from "@talos-cluster/config-schema";
import type { Command } from "../cli/command.js";
import type { Context, UsageError } from "../cli/context.js";
import { parseCommandArgs, usageError } from "../cli/parse-command-args.js";
import { singleQuote } from "../ops/shell-quote.js";

const USAGE = `Usage: talos-cluster ai smoke [--dir DIR] [--url URL] [--model M]... [--dry-run]

Sends one minimal request per model of the Envoy AI Gateway catalog (from DIR/cluster.yaml) to the
gateway and prints model, HTTP status and latency. Reasoning and codex models get
max_completion_tokens, embedding models go to /v1/embeddings, audio models ask for an audio
modality. The gateway holds the Azure credentials: requests carry no key, and none is printed.
Exit code 0 when every model answers 2xx, 1 otherwise.

Options:
  --dir DIR     directory holding cluster.yaml and nodes.yaml (default: the current directory)
  --url URL     gateway base URL (default: https://llms.<primary domain>)
  --model M     test only model M; repeat for several (default: every model)
  --dry-run     print the requests as curl commands instead of sending them
  -h, --help    show this help`;

interface Options {
  dir: string;
  url: string | undefined;
  models: string[];
  dryRun: boolean;
}

function usage(reason: string): UsageError {
  return usageError("ai smoke", USAGE, reason);
}

function parse(args: string[]): Options {
  const { values } = parseCommandArgs("ai smoke", USAGE, args, { dir: { type: "string" }, url: { type: "string" }, model: { type: "string", multiple: true }, "dry-run": { type: "boolean" } }, {
    positionalHint: (arg) => `To test one model, use --model ${arg}.`,
  });
  if (values.dir === "") throw usage("--dir needs a directory.");
  if (values.url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(values.url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
      throw usage(`--url "${values.url}" is not an http(s) URL such as https://llms.example.com.`);
    }
  }
  return { dir: values.dir ?? ".", url: values.url, models: values.model ?? [], dryRun: values["dry-run"] ?? false };
}

function curlCommand(r: SmokeRequest): string {
  return [
    "curl -sS -o /dev/null -w '%{http_code} %{time_total}s\\n'",
    `--max-time ${Math.ceil(r.timeoutMs / 1000)}`,
    `-X ${r.method} ${singleQuote(r.url)}`,
    "-H 'Content-Type: application/json'",
    `-d ${singleQuote(JSON.stringify(r.body))}`,
  ].join(" ");
}

interface Outcome {
  request: SmokeRequest;
  status: string;
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

/** The error message of an OpenAI-style error body, shortened; never a header or credential. */
function errorDetail(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === "string" && message) return message.length > 160 ? `${message.slice(0, 157)}...` : message;
  } catch {
    // not JSON
  }
  const text = body.trim().split("\n")[0] ?? "";
  return text ? (text.length > 160 ? `${text.slice(0, 157)}...` : text) : undefined;
}

async function send(request: SmokeRequest): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = await response.text();
    const latencyMs = performance.now() - started;
    const ok = response.status >= 200 && response.status < 300;
    return { request, status: String(response.status), ok, latencyMs, ...(ok ? {} : { detail: errorDetail(body) }) };
  } catch (error) {
    const latencyMs = performance.now() - started;
    const err = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    const detail =
      err.name === "TimeoutError"
        ? `no answer within the route timeout (${Math.round(request.timeoutMs / 1000)}s)`
        : (err.cause?.code ?? err.cause?.message ?? err.message ?? "request failed");
    return { request, status: "error", ok: false, latencyMs, detail };
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd()).join("\n");
}

async function run(args: string[], ctx: Context): Promise<number> {
  const options = parse(args);
  const loaded = await loadClusterConfig(options.dir, { cwd: ctx.cwd });
  const clusterFile = (() => {
    const rel = relative(ctx.cwd, resolve(ctx.cwd, options.dir, "cluster.yaml"));
    return rel.startsWith("..") ? resolve(ctx.cwd, options.dir, "cluster.yaml") : rel;
  })();
  if (!loaded.ok) {
    ctx.stderr(`${sortIssues(loaded.errors).map(formatIssue).join("\n")}\n`);
    ctx.stderr(`talos-cluster ai smoke: the configuration has errors; run "talos-cluster validate" for details.\n`);
    return 1;
  }
  const input = aiGatewayInputFromConfig(loaded.config);
  if (!input.ok) {
    ctx.stderr(`${formatAiGatewayIssues(input.errors, clusterFile)}\n`);
    return 1;
  }
  if (!input.input) {
    ctx.stderr(
      `${clusterFile}  envoy_ai_gateway_enabled  The Envoy AI Gateway is not enabled, so there is nothing to test. Set envoy_ai_gateway_enabled: true (and the Azure OpenAI keys) first.\n`,
    );
    return 1;
  }
  const secrets = input.input.providers
    .map((p) => (p.auth.type === "AzureAPIKey" ? p.auth.apiKey : p.auth.clientSecret))
    .filter((v) => v.length > 0);
  const redact = (text: string): string => secrets.reduce((t, s) => t.replaceAll(s, "<redacted>"), text);
  const catalog = input.input.models;
  const known = new Set(catalog.map((m) => m.name));
  const unknown = options.models.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    throw usage(
      `${unknown.map((m) => `"${m}"`).join(", ")} ${unknown.length === 1 ? "is" : "are"} not in the catalog. Known models: ${[...known].join(", ")}.`,
    );
  }
  const selected = options.models.length > 0 ? catalog.filter((m) => options.models.includes(m.name)) : catalog;
  const baseUrl = options.url ?? `https://${input.input.gateway.hostname}`;
  const requests = buildSmokeRequests(selected, baseUrl, input.input.families);

  if (options.dryRun) {
    ctx.stdout(`${requests.map((r) => `# ${r.model} (${r.family})\n${curlCommand(r)}`).join("\n")}\n`);
    return 0;
  }

  ctx.stdout(`Testing ${requests.length} model${requests.length === 1 ? "" : "s"} at ${baseUrl}\n`);
  const outcomes: Outcome[] = [];
  for (const request of requests) outcomes.push(await send(request));
  const rows = [
    ["MODEL", "FAMILY", "STATUS", "LATENCY"],
    ...outcomes.map((o) => [o.request.model, o.request.family, o.status, `${Math.round(o.latencyMs)} ms`]),
  ];
  ctx.stdout(`${table(rows)}\n`);
  const failed = outcomes.filter((o) => !o.ok);
  for (const o of failed) ctx.stderr(redact(`${o.request.model}: ${o.status}${o.detail ? ` ${o.detail}` : ""}\n`));
  ctx.stdout(
    failed.length === 0
      ? `All ${outcomes.length} models answered.\n`
      : `${failed.length} of ${outcomes.length} models failed.\n`,
  );
  return failed.length === 0 ? 0 : 1;
}

export const aiSmoke: Command = {
  path: ["ai", "smoke"],
  summary: "Send one request per AI gateway model and print status and latency",
  usage: USAGE,
  run,
};
