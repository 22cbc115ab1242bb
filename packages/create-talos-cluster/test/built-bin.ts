import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built bins that the e2e tests run as a user runs them. */
export const BIN = fileURLToPath(new URL("../dist/talos-cluster.js", import.meta.url));
export const CREATE_BIN = fileURLToPath(new URL("../dist/create-talos-cluster.js", import.meta.url));

export interface BinOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** For `beforeAll`: the e2e tests need the build. */
export function requireBuiltBin(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (pnpm --filter create-talos-cluster build).`);
}

/** Runs a built bin in `cwd` with only `env` as its environment, stdin ignored. */
export function runBuiltBin(bin: string, args: string[], cwd: string, env: Record<string, string | undefined>): BinOutcome {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs the built `talos-cluster` asynchronously (stdin ignored, only PATH in the environment), so
 * that a fake server in this process can answer it.
 */
export function spawnBin(args: string[], cwd: string): Promise<BinOutcome> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}
