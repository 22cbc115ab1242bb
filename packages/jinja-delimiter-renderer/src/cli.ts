#!/usr/bin/env node
/** Process entry point: the only module touching `process`. */
import { setFlagsFromString } from "node:v8";
import { run } from "./cli-run.js";

// A render is a short burst of code that runs a few hundred times: V8's optimizing compiler would spend a core
// compiling it while the render finishes in the interpreter. Asking for 16× more interpreted runs before
// optimizing cuts the CPU time of a ~200-template tree by about a fifth and still optimizes long renders
// (measured with `pnpm bench`; see README). JIT tiering never changes results. A budget given on the command
// line or in NODE_OPTIONS wins. Set before the renderer is loaded (`run` imports it when it needs it), so its
// functions get the budget.
const INTERRUPT_BUDGET = "--interrupt-budget";
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) => arg.includes(INTERRUPT_BUDGET))) {
  setFlagsFromString(`${INTERRUPT_BUDGET}=${67584 * 16}`);
}

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
