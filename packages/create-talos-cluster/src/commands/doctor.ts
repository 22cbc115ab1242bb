import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { resolve } from "node:path";
import { loadClusterConfig } from "@talos-cluster/config-schema";
import { discoverAgeIdentities, SOPS_FORMAT_VERSION } from "@talos-cluster/secrets";
import type { Command } from "../cli/command.js";
import type { Context } from "../cli/context.js";
import { parseCommandArgs } from "../cli/parse-command-args.js";
import { createDefaultStages } from "../configure/default-stages.js";
import { runConfigure } from "../configure/pipeline.js";
import { isPlaceholderTunnelCredentials } from "../ops/credentials.js";
import { findTool, TOOLS } from "../ops/tools.js";

const USAGE = `Usage: talos-cluster doctor [--dir DIR]

Checks the cluster repository and this machine: external tools and their versions, the SOPS
implementation in use, age key conflicts, the configuration, and whether the generated tree is
up to date. Exit code 1 when something must be fixed; warnings alone exit 0.
`;

/** How each tool prints its version (first line of output is shown). */
const VERSION_ARGS: Record<string, string[]> = {
  talosctl: ["version", "--client", "--short"],
  talhelper: ["--version"],
  kubectl: ["version", "--client"],
  helmfile: ["--version"],
  helm: ["version", "--short"],
  yq: ["--version"],
  flux: ["--version"],
  cloudflared: ["--version"],
  sops: ["--version"],
};

/** Runs `file args` with a time limit and returns the first non-empty output line. */
function firstLine(file: string, args: string[], env: Record<string, string | undefined>): Promise<string> {
  return new Promise((done) => {
    const child = spawn(file, args, { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", () => done("(could not run)"));
    child.on("close", () => {
      clearTimeout(timer);
      done(out.split("\n").map((l) => l.trim()).find(Boolean) ?? "(no version output)");
    });
  });
}

type Level = "ok" | "warn" | "fail";
const MARK: Record<Level, string> = { ok: "✔", warn: "!", fail: "✖" };

/** A silent context for running configure in check mode. */
function quiet(ctx: Context): Context & { output: () => string } {
  let text = "";
  return { ...ctx, stdout: (t) => (text += t), stderr: (t) => (text += t), interactive: false, output: () => text };
}

export const doctor: Command = {
  path: ["doctor"],
  summary: "Check tools, keys, configuration and whether the tree is up to date",
  usage: USAGE,
  async run(args, ctx) {
    const { values } = parseCommandArgs("doctor", USAGE, args, { dir: { type: "string" } });
    const dir = resolve(ctx.cwd, values.dir ?? ".");
    const counts: Record<Level, number> = { ok: 0, warn: 0, fail: 0 };
    const report = (level: Level, text: string) => {
      counts[level]++;
      ctx.stdout(`${MARK[level]} ${text}\n`);
    };

    ctx.stdout("Tools\n");
    for (const [tool, purpose] of [...Object.entries(TOOLS), ["cloudflared", "creates the Cloudflare tunnel and its credentials file"] as const]) {
      const path = findTool(tool, ctx.env);
      if (path) report("ok", `${tool.padEnd(11)} ${await firstLine(path, VERSION_ARGS[tool] ?? ["--version"], ctx.env)}  (${path})`);
      else report("warn", `${tool.padEnd(11)} not found on PATH (${purpose}). \`mise install\` installs the pinned version.`);
    }

    ctx.stdout("\nSecrets\n");
    const sops = findTool("sops", ctx.env);
    report(
      "ok",
      `SOPS: built-in implementation (@talos-cluster/secrets, writes sops ${SOPS_FORMAT_VERSION} format)` +
        (sops ? `; a sops binary is also on PATH (${await firstLine(sops, ["--version"], ctx.env)}), not used by talos-cluster` : ""),
    );
    const ids = await discoverAgeIdentities({ env: ctx.env, cwd: dir, homedir: ctx.env.HOME ?? homedir() });
    if (ids.identities.length === 0) report("fail", "age.key: no age identity found. Run `talos-cluster init` to create one (and back it up).");
    else report("ok", `age identities: ${ids.sources.map((s) => s.label).join(", ")}`);
    for (const w of ids.warnings) report("warn", w);
    for (const e of ids.errors) report("fail", e);
    try {
      const tunnel: unknown = JSON.parse(await readFile(resolve(dir, "cloudflare-tunnel.json"), "utf8"));
      if (isPlaceholderTunnelCredentials(tunnel)) {
        report("warn", "cloudflare-tunnel.json is the example PLACEHOLDER: bootstrap refuses it. Create the real one with `cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes`.");
      } else report("ok", "cloudflare-tunnel.json present");
    } catch {
      report("fail", "cloudflare-tunnel.json missing or not JSON. Create it with `cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes`.");
    }

    ctx.stdout("\nConfiguration\n");
    const config = await loadClusterConfig(".", { cwd: dir });
    if (config.ok) {
      report("ok", `cluster.yaml and nodes.yaml are valid (${config.config.nodes.length} nodes)`);
      const check = quiet(ctx);
      const outcome = await runConfigure(check, { dir, check: true }, createDefaultStages());
      if (outcome.exitCode === 0) report("ok", "the generated tree is up to date");
      else if (outcome.changes) report("fail", "the generated tree is out of date: run `talos-cluster configure`");
      else report("fail", `the tree cannot be generated:\n${check.output().replace(/^/gm, "    ")}`);
    } else {
      report("fail", `the configuration has ${config.errors.length} problem(s): run \`talos-cluster validate\` to see them`);
    }

    ctx.stdout(`\n${counts.ok} ok, ${counts.warn} warning(s), ${counts.fail} problem(s)\n`);
    return counts.fail > 0 ? 1 : 0;
  },
};
