import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const here = fileURLToPath(new URL(".", import.meta.url));
const cli = join(here, "../dist/cli.js");
const temp = mkdtempSync(join(tmpdir(), "jdr-cli-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { PATH: process.env.PATH } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function copyProject(name: string): string {
  const dir = join(temp, name);
  cpSync(join(here, "fixtures/project"), dir, { recursive: true });
  return dir;
}

function writeProject(name: string, files: Record<string, string>): string {
  const dir = join(temp, name);
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

describe("jinja-delimiter-renderer CLI (built dist/cli.js)", () => {
  it("renders a makejinja project in its root, writing the config's output", () => {
    const dir = copyProject("render");
    const r = run([], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("12 file(s) written to ./\n");
    expect(readFileSync(join(dir, "kubernetes/apps/demo/helmrelease.yaml"), "utf8")).toBe(
      readFileSync(join(here, "golden/project/kubernetes/apps/demo/helmrelease.yaml"), "utf8"),
    );
    expect(existsSync(join(dir, "optional"))).toBe(false);
  });

  it("--check exits 0 when the output is current and 1 listing the paths that would change", () => {
    const dir = copyProject("check");
    expect(run(["--quiet"], dir).code).toBe(0);
    const clean = run(["--check"], dir);
    expect(clean).toEqual({ code: 0, stdout: "12 file(s) up to date\n", stderr: "" });
    writeFileSync(join(dir, "comments.txt"), "edited by hand\n");
    rmSync(join(dir, ".sops.yaml"));
    const dirty = run(["--check"], dir);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toBe(".sops.yaml\ncomments.txt\n");
    expect(dirty.stderr).toBe("2 file(s) would change; run jinja-delimiter-renderer to update them\n");
    expect(readFileSync(join(dir, "comments.txt"), "utf8")).toBe("edited by hand\n");
  });

  it("--output replaces the configured output and --config points at another project", () => {
    const out = join(temp, "elsewhere");
    const r = run(["--config", join(here, "fixtures/project/makejinja.toml"), "--output", out, "--quiet"], temp);
    expect(r).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(out, "python.txt"), "utf8")).toBe(readFileSync(join(here, "golden/project/python.txt"), "utf8"));
  });

  it("reports every template error as template:line:col with the undefined name, writes nothing, exits 1", () => {
    const dir = writeProject("errors", {
      "makejinja.toml": [
        "[makejinja]",
        'inputs = ["t"]',
        'output = "out"',
        'jinja_suffix = ".j2"',
        'undefined = "strict"',
        "[makejinja.delimiter]",
        'block_start = "#%"',
        'block_end = "%#"',
        'comment_start = "#|"',
        'comment_end = "#|"',
        'variable_start = "#{"',
        'variable_end = "}#"',
        "",
      ].join("\n"),
      "t/a.yaml.j2": "ok: 1\nname: #{ cluster_nmae }#\n",
      "t/b.yaml.j2": "#% if x %#\n#{ nodes[0].name }#\n",
      "t/c.yaml.j2": "x: #{ 1 + }#\n",
      "t/fine.yaml.j2": "fine: true\n",
    });
    const r = run([], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "a.yaml.j2:2:10 'cluster_nmae' is undefined  \u203a  name: #{ cluster_nmae }#",
        "b.yaml.j2:2:1 Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.  \u203a  #{ nodes[0].name }#",
        "c.yaml.j2:1:11 unexpected token: }#  \u203a  x: #{ 1 + }#",
        "3 error(s); nothing written",
        "",
      ].join("\n"),
    );
    expect(existsSync(join(dir, "out/fine.yaml"))).toBe(false);
  });

  it("exits 2 with usage for unknown arguments and config problems", () => {
    const bad = run(["--frobnicate"], temp);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n")[0]).toBe('jinja-delimiter-renderer: unknown argument "--frobnicate"');
    const missing = run([], join(here));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      "jinja-delimiter-renderer: cannot read makejinja.toml. Run in a makejinja project root or pass --config FILE.\n",
    );
    const dir = writeProject("badconfig", { "makejinja.toml": '[makejinja]\ninputs = ["t"]\noutput = "o"\nexclude_pattern = ["x"]\n' });
    const typo = run([], dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'makejinja.toml makejinja.exclude_pattern: unknown key. Did you mean "exclude_patterns"?\n1 error(s) in makejinja.toml\n',
    );
  });
});
