import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runTalosCluster } from "../src/index.js";
import { captureContext } from "./helpers.js";

const hasSshKeygen = spawnSync("ssh-keygen", ["-?"], { stdio: "ignore" }).error === undefined;

async function init(cwd: string, args: string[] = []) {
  const ctx = captureContext({ cwd, env: { HOME: join(cwd, "no-home") } });
  const code = await runTalosCluster(["init", ...args], ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

describe("talos-cluster init", () => {
  it("creates the four files with mode 0600 and says so, printing no secret", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "init-"));
    const r = await init(cwd, ["--dir", "repo"]);
    expect(r.code).toBe(0);
    const dir = join(cwd, "repo");
    const age = readFileSync(join(dir, "age.key"), "utf8");
    const recipient = /# public key: (age1\w+)/.exec(age)?.[1];
    expect(r.out).toBe(
      `created  age.key (public key ${recipient})\n` +
        "created  github-deploy.key and github-deploy.key.pub (add the .pub as a deploy key on GitHub)\n" +
        "created  github-push-token.txt\n",
    );
    for (const f of ["age.key", "github-deploy.key", "github-push-token.txt"]) {
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    }
    expect(readFileSync(join(dir, "github-push-token.txt"), "utf8")).toMatch(/^[0-9a-f]{32}\n$/);
    expect(readFileSync(join(dir, "github-deploy.key.pub"), "utf8")).toMatch(/^ssh-ed25519 AAAA\S+ deploy-key\n$/);
    for (const secret of [/AGE-SECRET-KEY-1\w+/.exec(age)?.[0] as string, readFileSync(join(dir, "github-push-token.txt"), "utf8").trim()]) {
      expect(r.out + r.err).not.toContain(secret);
    }
  });

  it("keeps files that exist and never overwrites them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "init-"));
    writeFileSync(join(dir, "github-push-token.txt"), "mine\n");
    await init(dir);
    const before = readFileSync(join(dir, "age.key"), "utf8");
    const r = await init(dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      "kept     age.key (already present)\n" +
        "kept     github-deploy.key (already present)\n" +
        "kept     github-deploy.key.pub (already present)\n" +
        "kept     github-push-token.txt (already present)\n",
    );
    expect(readFileSync(join(dir, "age.key"), "utf8")).toBe(before);
    expect(readFileSync(join(dir, "github-push-token.txt"), "utf8")).toBe("mine\n");
  });

  it("refuses a lone github-deploy.key.pub instead of replacing it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "init-"));
    writeFileSync(join(dir, "github-deploy.key.pub"), "ssh-ed25519 AAAA x\n");
    const r = await init(dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/github-deploy.key.pub exists without github-deploy.key/);
  });

  it.skipIf(!hasSshKeygen)("writes a deploy key the real ssh-keygen reads (skipped: ssh-keygen not on PATH)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "init-"));
    await init(dir);
    const pub = execFileSync("ssh-keygen", ["-y", "-f", join(dir, "github-deploy.key")], { encoding: "utf8" });
    expect(`${pub.trim()} deploy-key\n`.replace(/ deploy-key deploy-key/, " deploy-key")).toBe(
      readFileSync(join(dir, "github-deploy.key.pub"), "utf8"),
    );
  });

  it("exits 2 on an unknown option", async () => {
    const dir = mkdtempSync(join(tmpdir(), "init-"));
    const out = await init(dir, ["--force"]);
    expect(out.code).toBe(2);
    expect(out.err.split("\n")[0]).toBe("talos-cluster init: unknown option --force.");
  });
});
