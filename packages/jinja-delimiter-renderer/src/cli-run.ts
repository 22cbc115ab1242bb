/** The `jinja-delimiter-renderer` command, as a function of an injected context (testable without a process). */
import { readFileSync, rmSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { RenderedFile } from "./types.js";

export interface CliContext {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(line: string): void;
  stderr(line: string): void;
  /** Change the process working directory (plugins run with the project root as cwd). */
  chdir?(dir: string): void;
}

export const USAGE = `Usage: jinja-delimiter-renderer [--config makejinja.toml] [--output DIR] [--check] [--quiet]

Renders a makejinja project (run it in the project root, or point --config at its makejinja.toml).
  --config FILE   makejinja.toml to read (default: ./makejinja.toml)
  --output DIR    write here instead of the config's output
  --check         render in memory; exit 1 and list paths whose output would change
  --quiet         print errors only
  --help          show this help`;

interface Args {
  config: string;
  output?: string;
  check: boolean;
  quiet: boolean;
  help: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { config: "makejinja.toml", check: false, quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
      return v;
    };
    try {
      switch (flag) {
        case "--config":
        case "-c":
          args.config = value();
          break;
        case "--output":
        case "-o":
          args.output = value();
          break;
        case "--check":
          args.check = true;
          break;
        case "--quiet":
        case "-q":
          args.quiet = true;
          break;
        case "--verbose":
          break;
        case "--help":
        case "-h":
          args.help = true;
          break;
        default:
          return `unknown argument "${a}"`;
      }
    } catch (e) {
      return (e as Error).message;
    }
  }
  return args;
}

function differs(file: RenderedFile, outputDir: string): boolean {
  try {
    const current = readFileSync(join(outputDir, file.path));
    const next = typeof file.contents === "string" ? Buffer.from(file.contents, "utf8") : Buffer.from(file.contents);
    return !current.equals(next);
  } catch {
    return true;
  }
}

/** Run the CLI; returns the exit code (0 ok, 1 render/check failure, 2 usage). */
export async function run(ctx: CliContext): Promise<number> {
  const args = parseArgs(ctx.argv);
  if (typeof args === "string") {
    ctx.stderr(`jinja-delimiter-renderer: ${args}`);
    ctx.stderr(USAGE);
    return 2;
  }
  if (args.help) {
    ctx.stdout(USAGE);
    return 0;
  }
  // The renderer (and the TOML, YAML and template engines it pulls in) loads only for a run that renders; in the
  // built CLI it is a separate file, so `--help` and usage errors do not even parse it.
  const { loadMakejinjaConfig, formatTemplateError, renderTree, writeTree } = await import("./index.js");
  const configPath = resolve(ctx.cwd, args.config);
  let text: string;
  try {
    text = readFileSync(configPath, "utf8");
  } catch {
    ctx.stderr(`jinja-delimiter-renderer: cannot read ${args.config}. Run in a makejinja project root or pass --config FILE.`);
    return 2;
  }
  const loaded = loadMakejinjaConfig(text, args.config);
  if (!loaded.ok) {
    for (const e of loaded.errors) ctx.stderr(formatTemplateError(e));
    ctx.stderr(`${loaded.errors.length} error(s) in ${args.config}`);
    return 2;
  }
  const { config } = loaded;
  const root = dirname(configPath);
  const quiet = args.quiet || config.quiet;
  ctx.chdir?.(root);
  const result = await renderTree({ ...config.options, cwd: root, environ: ctx.env });
  if (!result.ok) {
    for (const e of result.errors) ctx.stderr(formatTemplateError(e, true));
    ctx.stderr(`${result.errors.length} error(s); nothing written`);
    return 1;
  }
  const outputArg = args.output ?? config.output;
  const outputDir = isAbsolute(outputArg) ? outputArg : resolve(args.output ? ctx.cwd : root, outputArg);
  if (args.check) {
    const changed: string[] = [];
    for (const file of result.files) if (differs(file, outputDir)) changed.push(file.path);
    if (changed.length) {
      for (const p of changed) ctx.stdout(p);
      ctx.stderr(`${changed.length} file(s) would change; run jinja-delimiter-renderer to update them`);
      return 1;
    }
    if (!quiet) ctx.stdout(`${result.files.length} file(s) up to date`);
    return 0;
  }
  if (config.clean) {
    // makejinja would delete the whole output directory; refuse when that is the project itself.
    if (root === outputDir || root.startsWith(outputDir + "/")) {
      ctx.stderr(`jinja-delimiter-renderer: clean = true would delete ${outputArg}, which contains ${args.config}. Set clean = false or point output elsewhere.`);
      return 2;
    }
    rmSync(outputDir, { recursive: true, force: true });
  }
  const written = await writeTree(result.files, outputDir, {
    force: config.force,
    keepEmpty: config.options.keepEmpty ?? false,
    copyMetadata: config.options.copyMetadata ?? false,
    dirs: result.dirs,
  });
  if (!quiet) {
    for (const p of written.skipped) ctx.stdout(`Skip existing file '${p}'`);
    ctx.stdout(`${written.written.length} file(s) written to ${outputArg}`);
  }
  return 0;
}
