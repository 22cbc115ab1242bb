import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const PACKAGES = resolve(here, "../..");

/**
 * Release readiness: every package packed with `pnpm pack` (workspace:^ becomes a version range),
 * installed from the tarballs into an empty directory with npm (third-party dependencies come from
 * the npm registry), then `create-talos-cluster --yes` run from there as a user would.
 */
describe("packed tarballs, installed with npm", () => {
  it("npm create talos-cluster works and the new repository's configure --check passes", () => {
    const work = mkdtempSync(join(tmpdir(), "tc-pack-"));
    const tarballs = join(work, "tarballs");
    mkdirSync(tarballs);
    for (const pkg of readdirSync(PACKAGES)) {
      if (!existsSync(join(PACKAGES, pkg, "package.json"))) continue;
      execFileSync("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(PACKAGES, pkg), stdio: "ignore" });
    }
    const files = readdirSync(tarballs).filter((f) => f.endsWith(".tgz"));
    expect(files).toHaveLength(8);

    const app = join(work, "app");
    mkdirSync(app);
    execFileSync("npm", ["init", "-y"], { cwd: app, stdio: "ignore" });
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...files.map((f) => join(tarballs, f))], {
      cwd: app,
      stdio: "ignore",
    });

    const bin = join(app, "node_modules/.bin");
    const created = spawnSync(join(bin, "create-talos-cluster"), ["cluster", "--yes", "--no-git"], {
      cwd: app,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: app },
    });
    expect(created.stderr).not.toContain("internal error");
    expect(created.status, created.stderr).toBe(0);
    const repo = join(app, "cluster");
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies["create-talos-cluster"]).toMatch(/^\^\d+\.\d+\.\d+/);
    // The modelines of cluster.yaml/nodes.yaml point into the repository's own node_modules: the repository
    // depends on config-schema itself, and the published package ships the schemas there.
    expect(pkg.devDependencies["@talos-cluster/config-schema"]).toMatch(/^\^\d+\.\d+\.\d+/);
    const modeline = readFileSync(join(repo, "cluster.yaml"), "utf8").split("\n")[0]!;
    expect(modeline).toBe("# yaml-language-server: $schema=./node_modules/@talos-cluster/config-schema/schema/cluster.schema.json");
    expect(existsSync(join(app, "node_modules/@talos-cluster/config-schema/schema/cluster.schema.json"))).toBe(true);

    const check = spawnSync(join(bin, "talos-cluster"), ["configure", "--check"], {
      cwd: repo,
      encoding: "utf8",
      env: { PATH: `${bin}:${process.env.PATH}`, HOME: app },
    });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toMatch(/^Up to date/);
  }, 600_000);
});
