import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built `talos-cluster` bin that the e2e tests run as a user runs it. */
export const BIN = fileURLToPath(new URL("../dist/talos-cluster.js", import.meta.url));

/** For `beforeAll`: the e2e tests need the build. */
export function requireBuiltBin(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (pnpm --filter create-talos-cluster build).`);
}

/**
 * Runs the built bin asynchronously (stdin ignored, only PATH in the environment), so that a fake
 * server in this process can answer it.
 */
export function spawnBin(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
