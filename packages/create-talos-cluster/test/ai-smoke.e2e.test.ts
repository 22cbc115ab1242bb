import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway } from "./ai-smoke-server.js";

const BIN = fileURLToPath(new URL("../dist/talos-cluster.js", import.meta.url));
const FIXTURE = fileURLToPath(new URL("./fixtures/ai-smoke/", import.meta.url));

/** Runs the built bin the way a user does (stdin ignored), without blocking the fake gateway. */
function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: FIXTURE, stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("talos-cluster ai smoke (built bin)", () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (pnpm --filter create-talos-cluster build).`);
  });

  it("--dry-run prints the same curl commands as the snapshot", async () => {
    const out = await runBin(["ai", "smoke", "--dry-run"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(readFileSync(new URL("./__snapshots__/ai-smoke-dry-run.txt", import.meta.url), "utf8"));
  });

  it("tests two models against a local gateway and prints the table", async () => {
    const gateway = await startFakeGateway(["gpt-5.1-codex"]);
    try {
      const out = await runBin(["ai", "smoke", "--url", gateway.url, "--model", "gpt-5", "--model", "gpt-5.1-codex"]);
      expect(out.code).toBe(1);
      expect(out.stdout.replace(/\d+ ms/g, "N ms")).toBe(
        [
          `Testing 2 models at ${gateway.url}`,
          "MODEL          FAMILY     STATUS  LATENCY",
          "gpt-5          reasoning  200     N ms",
          "gpt-5.1-codex  codex      400     N ms",
          "1 of 2 models failed.",
          "",
        ].join("\n"),
      );
      expect(out.stderr).toContain("gpt-5.1-codex: 400 The chatCompletion operation does not work");
      expect(out.stdout + out.stderr).not.toMatch(/FAKE-EAST2?-API-KEY/);
    } finally {
      await gateway.close();
    }
  });

  it("lists the command in the help and exits 2 on a bad flag", async () => {
    expect((await runBin(["--help"])).stdout).toMatch(/ai smoke\s+Send one request per AI gateway model/);
    const bad = await runBin(["ai", "smoke", "--frobnicate"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("talos-cluster ai smoke: unknown option --frobnicate.");
  });
});
