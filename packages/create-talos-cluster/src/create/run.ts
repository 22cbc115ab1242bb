import { execFile } from "node:child_process";
import { access, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { type Context, UsageError, UserError } from "../cli/context.js";
import { runGuarded } from "../cli/run.js";
import { VERSION } from "../version.js";
import { createDefaultStages } from "../configure/default-stages.js";
import { runConfigure } from "../configure/pipeline.js";
import { init } from "../commands/init.js";
import { exampleClusterYaml, exampleNodesYaml } from "./example.js";
import {
  clusterReadme,
  GITIGNORE,
  miseToml,
  packageJson,
  placeholderTunnelCredentials,
  withModeline,
} from "./files.js";
import { askConfiguration } from "./prompts.js";

export const CREATE_USAGE = `Usage: npm create talos-cluster [dir] [options]

Creates a cluster repository: cluster.yaml, nodes.yaml, keys, and the generated talos/, kubernetes/, bootstrap/.

Options:
  --yes             No questions: use the embedded example configuration (documentation addresses; edit it afterwards)
  --config FILE     Use your cluster.yaml (with --nodes)
  --nodes FILE      Use your nodes.yaml (with --config)
  --no-git          Do not run "git init"
  -h, --help        Show this help
`;

/** The version range of this toolkit that a new cluster repository pins. */
export interface CreateOptions {
  toolkitVersion: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function readUserFile(cwd: string, file: string, flag: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch {
    throw new UserError(`${flag} ${file}: file not found. Pass the path of an existing file.`);
  }
}

/** `npm create talos-cluster`; returns the exit code. */
export async function runCreate(argv: string[], ctx: Context, options: CreateOptions = { toolkitVersion: `^${VERSION}` }): Promise<number> {
  return runGuarded(() => create(argv, ctx, options), ctx, argv.includes("--verbose"));
}

async function create(argv: string[], ctx: Context, options: CreateOptions): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        yes: { type: "boolean", short: "y" },
        config: { type: "string" },
        nodes: { type: "string" },
        "no-git": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        verbose: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${CREATE_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    ctx.stdout(CREATE_USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`Expected at most one directory, got ${positionals.length}.\n\n${CREATE_USAGE}`);
  if (Boolean(values.config) !== Boolean(values.nodes)) {
    throw new UsageError("--config and --nodes go together: pass both files.");
  }
  const prompter = ctx.interactive ? ctx.prompter : undefined;
  const mode = values.config ? "files" : values.yes ? "example" : prompter ? "interactive" : undefined;
  if (!mode) {
    throw new UsageError(
      "No terminal to ask questions on. Pass --yes to use the example configuration, or --config cluster.yaml --nodes nodes.yaml.",
    );
  }

  if (mode === "interactive") prompter!.intro("create-talos-cluster");
  let dirArg = positionals[0];
  if (!dirArg && mode === "interactive") {
    dirArg = await prompter!.text({ message: "Directory for the cluster repository", initialValue: "my-cluster" });
  }
  dirArg ??= "my-cluster";
  const dir = resolve(ctx.cwd, dirArg);
  if ((await exists(dir)) && (await readdir(dir)).length > 0) {
    throw new UserError(`${dirArg} already exists and is not empty. Choose a new directory; nothing was written.`);
  }

  let clusterYaml: string;
  let nodesYaml: string;
  if (mode === "files") {
    clusterYaml = await readUserFile(ctx.cwd, values.config!, "--config");
    nodesYaml = await readUserFile(ctx.cwd, values.nodes!, "--nodes");
  } else if (mode === "example") {
    clusterYaml = exampleClusterYaml();
    nodesYaml = exampleNodesYaml();
  } else {
    const asked = await askConfiguration(prompter!);
    clusterYaml = asked.clusterYaml;
    nodesYaml = asked.nodesYaml;
  }

  // Validate before writing anything: a bad --config leaves no half-made directory behind.
  const stages = createDefaultStages();
  const preflight = await stages.validateTexts({ "cluster.yaml": clusterYaml, "nodes.yaml": nodesYaml });
  if (!preflight.ok) {
    for (const p of preflight.problems) ctx.stderr(`${p}\n`);
    ctx.stderr(`✖ The configuration has ${preflight.problems.length} problem(s). Nothing was written.\n`);
    return 1;
  }

  await mkdir(dir, { recursive: true });
  const name = basename(dir);
  const files: Record<string, string> = {
    "cluster.yaml": withModeline(clusterYaml, "cluster"),
    "nodes.yaml": withModeline(nodesYaml, "nodes"),
    ".gitignore": GITIGNORE,
    "package.json": packageJson(name, options.toolkitVersion),
    ".mise.toml": miseToml(),
    "README.md": clusterReadme(name),
  };
  for (const [file, contents] of Object.entries(files)) await writeFile(join(dir, file), contents);
  ctx.stderr(`• wrote ${Object.keys(files).join(", ")}\n`);

  const keysExit = await init.run(["--dir", dir], { ...ctx, stdout: ctx.stderr });
  if (keysExit !== 0) return keysExit;

  const tunnel = join(dir, "cloudflare-tunnel.json");
  if (!(await exists(tunnel))) {
    if (mode === "example") {
      await writeFile(tunnel, placeholderTunnelCredentials(), { mode: 0o600 });
      ctx.stderr(
        "• wrote a PLACEHOLDER cloudflare-tunnel.json (example mode). `talos-cluster bootstrap` refuses it: create the real one with\n" +
          "  cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes\n",
      );
    } else {
      ctx.stderr(
        `cloudflare-tunnel.json is missing. Create it in ${dirArg} with\n` +
          "  cloudflared tunnel login && cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes\n" +
          `then run: cd ${dirArg} && npx talos-cluster configure\n`,
      );
    }
  }

  let exitCode = 0;
  if (await exists(tunnel)) {
    const outcome = await runConfigure({ ...ctx, cwd: dir }, { dir }, stages);
    exitCode = outcome.exitCode;
  }

  if (!values["no-git"]) {
    try {
      await promisify(execFile)("git", ["init", "--quiet", "--initial-branch=main"], { cwd: dir, env: ctx.env as NodeJS.ProcessEnv });
      ctx.stderr("• git init\n");
    } catch {
      ctx.stderr("warning: git init failed (is git installed?); the repository was created without it.\n");
    }
  }

  if (exitCode !== 0) {
    ctx.stderr(`The repository in ${dirArg} was created, but configure failed (see above). Fix the problem, then run: cd ${dirArg} && npx talos-cluster configure\n`);
    return exitCode;
  }
  if (mode === "interactive") {
    prompter!.outro(`Cluster repository ready in ${dirArg}.`);
    ctx.stdout(
      `To repeat this without questions:\n  npm create talos-cluster ANOTHER_DIR -- --config ${join(dirArg, "cluster.yaml")} --nodes ${join(dirArg, "nodes.yaml")}${values["no-git"] ? " --no-git" : ""}\n`,
    );
  } else {
    ctx.stdout(`Cluster repository ready in ${dirArg}. Next: cd ${dirArg}, then read README.md.\n`);
  }
  return exitCode;
}
