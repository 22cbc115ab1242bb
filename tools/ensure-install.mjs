#!/usr/bin/env node
// Makes the two README commands work on a fresh clone: installs pnpm (the pinned
// version) when it is missing, then the workspace dependencies from the lockfile.
import { execSync } from "node:child_process";

const PNPM = "10.34.9";
const run = (cmd) => execSync(cmd, { stdio: "inherit" });
let have = "";
try {
  have = execSync("pnpm --version", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
} catch {}
if (have !== PNPM) {
  console.log(`installing pnpm@${PNPM} (found: ${have || "none"})`);
  run(`npm i -g pnpm@${PNPM}`);
}
run("pnpm install --frozen-lockfile --prefer-offline");
