#!/usr/bin/env node
// `npm run demo [-- DIR]`: installs what is needed, builds the CLI, then runs
// `npm create talos-cluster DIR --yes` on the embedded example configuration (default DIR: demo-cluster).
// A previous demo directory (recognised by configure's manifest) is replaced.
import { execFileSync, execSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const dir = resolve(process.argv[2] ?? "demo-cluster");
execFileSync(process.execPath, [join(root, "tools/ensure-install.mjs")], { stdio: "inherit", cwd: root });
execSync("pnpm exec nx run create-talos-cluster:build --output-style=static", { stdio: "inherit", cwd: root });
if (existsSync(join(dir, ".talos-cluster/manifest.json"))) rmSync(dir, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [join(root, "packages/create-talos-cluster/dist/create-talos-cluster.js"), dir, "--yes", "--no-git"], {
    stdio: "inherit",
  });
} catch (error) {
  process.exitCode = error.status ?? 1;
}
