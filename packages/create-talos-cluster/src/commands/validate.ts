import { relative, resolve } from "node:path";
import { type ConfigIssue, formatIssue, loadClusterConfig, redactSecrets, sortIssues } from "@talos-cluster/config-schema";
import type { Command } from "../cli/command.js";
import { parseCommandArgs, usageError } from "../cli/parse-command-args.js";

const USAGE = `Usage: talos-cluster validate [--dir DIR] [--json] [--show-secrets]

Checks DIR/cluster.yaml and DIR/nodes.yaml and prints every problem, one per line, as
file:line:col  key.path  message. Exit code 0 when both are valid, 1 when not.

Options:
  --dir DIR        directory holding cluster.yaml and nodes.yaml (default: the current directory)
  --json           print the resolved configuration (every default and derived value) as JSON on stdout;
                   secret values are shown as "<redacted>"
  --show-secrets   with --json: print secret values as they are
  -h, --help       show this help`;

function parse(args: string[]): { dir: string; json: boolean; showSecrets: boolean } {
  const { values } = parseCommandArgs(
    "validate",
    USAGE,
    args,
    { dir: { type: "string" }, json: { type: "boolean" }, "show-secrets": { type: "boolean" } },
    { positionalHint: (arg) => `To check another directory, use --dir ${arg}.`, valueExamples: { "--dir": "examples/cluster" } },
  );
  if (values["show-secrets"] && !values.json) throw usageError("validate", USAGE, "--show-secrets only applies to --json.");
  if (values.dir === "") throw usageError("validate", USAGE, "--dir needs a directory.");
  return { dir: values.dir ?? ".", json: values.json ?? false, showSecrets: values["show-secrets"] ?? false };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function issueLines(errors: readonly ConfigIssue[], warnings: readonly ConfigIssue[], files: string[]): string {
  const tagged = [
    ...errors.map((issue) => ({ ...issue, warning: false })),
    ...warnings.map((issue) => ({ ...issue, warning: true })),
  ];
  const sorted = sortIssues(tagged, files);
  return sorted.map((issue) => `${formatIssue(issue.warning ? { ...issue, message: `warning: ${issue.message}` } : issue)}\n`).join("");
}

export const validate: Command = {
  path: ["validate"],
  summary: "Check cluster.yaml and nodes.yaml; --json prints the resolved configuration",
  usage: USAGE,
  async run(args, ctx) {
    const options = parse(args);
    const result = await loadClusterConfig(options.dir, { cwd: ctx.cwd });
    const shown = (file: string) => {
      const rel = relative(ctx.cwd, resolve(ctx.cwd, options.dir, file));
      return rel.startsWith("..") ? resolve(ctx.cwd, options.dir, file) : rel;
    };
    const files = [shown("cluster.yaml"), shown("nodes.yaml")];
    if (!result.ok) {
      ctx.stderr(issueLines(result.errors, result.warnings, files));
      const warnings = result.warnings.length > 0 ? ` and ${plural(result.warnings.length, "warning")}` : "";
      ctx.stderr(`${plural(result.errors.length, "error")}${warnings} in ${files.join(" and ")}.\n`);
      return 1;
    }
    ctx.stderr(issueLines([], result.warnings, files));
    const config = options.showSecrets ? result.config : redactSecrets(result.config);
    if (options.json) {
      ctx.stdout(`${JSON.stringify(config, null, 2)}\n`);
    } else {
      const nodes = result.config.nodes;
      const controllers = nodes.filter((n) => n.controller).length;
      const warnings = result.warnings.length > 0 ? `, ${plural(result.warnings.length, "warning")}` : "";
      ctx.stderr(
        `${files.join(" and ")} are valid (${plural(nodes.length, "node")}: ${plural(controllers, "controller")}, ${plural(nodes.length - controllers, "worker")}${warnings}).\n`,
      );
    }
    return 0;
  },
};
