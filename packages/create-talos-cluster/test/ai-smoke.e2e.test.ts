import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { startFakeGateway } from "./ai-smoke-server.js";
import { requireBuiltBin, spawnBin } from "./built-bin.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/ai-smoke/", import.meta.url));

/** Runs the built bin the way a user does (stdin ignored), without blocking the fake gateway. */
const runBin = (args: string[]) => spawnBin(args, FIXTURE);

describe("talos-cluster ai smoke (built bin)", () => {
  beforeAll(requireBuiltBin);

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
