import { resolve } from "node:path";
import type { Command } from "../cli/command.js";
import { UsageError } from "../cli/context.js";
import { parseCommandArgs } from "../cli/parse-command-args.js";
import { createDefaultStages } from "../configure/default-stages.js";
import { runConfigure } from "../configure/pipeline.js";

const USAGE = `Usage: talos-cluster configure [--dir DIR] [--check] [--dry-run]

Validates cluster.yaml and nodes.yaml, generates talos/, kubernetes/, bootstrap/ and .sops.yaml,
encrypts every *.sops.yaml, validates the whole tree, and only then writes it (atomically).
Files a previous run generated and this run does not are removed; other files are never touched.

Options:
  --dir DIR    The cluster repository (default: the current directory)
  --check      Write nothing; exit 1 if the tree is out of date (for CI)
  --dry-run    Write nothing; list what would change
`;

export const configureCommand: Command = {
  path: ["configure"],
  summary: "Render, encrypt and validate the cluster tree, then write it atomically",
  usage: USAGE,
  async run(args, ctx) {
    const { values } = parseCommandArgs("configure", USAGE, args, {
      dir: { type: "string" },
      check: { type: "boolean" },
      "dry-run": { type: "boolean" },
    });
    if (values.check && values["dry-run"]) throw new UsageError("--check and --dry-run cannot be combined.");
    const dir = resolve(ctx.cwd, values.dir ?? ".");
    const outcome = await runConfigure(ctx, { dir, check: values.check, dryRun: values["dry-run"] }, createDefaultStages());
    return outcome.exitCode;
  },
};
