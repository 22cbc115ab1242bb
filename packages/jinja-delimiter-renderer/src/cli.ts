#!/usr/bin/env node
/** Process entry point: the only module touching `process`. */
import { run } from "./cli-run.js";

run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout: (line) => process.stdout.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
  chdir: (dir) => process.chdir(dir),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`jinja-delimiter-renderer: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.stderr.write("Please report this with the template that triggers it.\n");
    if (process.argv.includes("--verbose")) process.stderr.write(String((error as Error)?.stack) + "\n");
    process.exitCode = 1;
  },
);
