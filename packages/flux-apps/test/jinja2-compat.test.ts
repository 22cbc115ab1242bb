/**
 * The package's templates are plain makejinja/Jinja2 templates: rendered by real Jinja2 (makejinja's settings and
 * the reference delimiters) with the data buildFluxTree passes to the renderer, every template gives the same
 * bytes as this package's renderer. Users can copy any template into templates/overrides and keep using it with
 * makejinja. Skipped when python3 with jinja2 is not installed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { ResolvedConfig } from "@talos-cluster/config-schema";
import { fakeSecrets, fullConfig, minimalConfig } from "./fixtures/configs.js";

// The globals buildFluxTree gives the renderer, recorded as it creates its environment.
const rendererGlobals: Array<Record<string, unknown>> = [];
vi.mock("@talos-cluster/jinja-delimiter-renderer", async (importOriginal) => {
  const renderer = await importOriginal<typeof import("@talos-cluster/jinja-delimiter-renderer")>();
  return {
    ...renderer,
    createEnvironment: (options: Parameters<typeof renderer.createEnvironment>[0]) => {
      rendererGlobals.push(options?.globals ?? {});
      return renderer.createEnvironment(options);
    },
  };
});
const { buildFluxTree } = await import("../src/index.js");
const { createEnvironment } = await import("@talos-cluster/jinja-delimiter-renderer");

const hasJinja2 = spawnSync("python3", ["-c", "import jinja2"], { stdio: "ignore" }).status === 0;
const templatesDir = fileURLToPath(new URL("../templates/", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "flux-apps-jinja2-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const JINJA2 = `
import jinja2, json, sys
data, root, names = json.load(open(sys.argv[1])), sys.argv[2], json.loads(sys.argv[3])
env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(root),
    block_start_string="#%", block_end_string="%#", variable_start_string="#{", variable_end_string="}#",
    comment_start_string="#|", comment_end_string="#|",
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.ChainableUndefined)
env.globals.update(data)
out = {}
for name in names:
    try:
        out[name] = env.get_template(name).render()
    except Exception as e:
        out[name] = f"error: {type(e).__name__}: {e}"
print(json.dumps(out))
`;

const templateNames = readdirSync(templatesDir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith(".j2"))
  .map((e) => relative(templatesDir, join(e.parentPath, e.name)).split("\\").join("/"))
  .sort();

describe.skipIf(!hasJinja2)(`templates render like Jinja2${hasJinja2 ? "" : " (skipped: python3 with jinja2 is not installed)"}`, () => {
  it.each([
    ["every feature on", fullConfig],
    ["a minimal cluster", minimalConfig],
  ])("%s", async (_, config: ResolvedConfig) => {
    rendererGlobals.length = 0;
    const built = await buildFluxTree(config, { secrets: fakeSecrets });
    expect(built.ok).toBe(true);
    expect(rendererGlobals).toHaveLength(1);
    const data = rendererGlobals[0]!;
    const env = createEnvironment({ undefined: "chainable", searchPaths: [templatesDir], globals: data });
    const ours = Object.fromEntries(
      templateNames.map((name) => {
        const r = env.renderTemplate(name);
        return [name, r.ok ? r.output : `error: ${r.errors.map((e) => e.message).join("; ")}`];
      }),
    );
    const dataFile = join(temp, "data.json");
    writeFileSync(dataFile, JSON.stringify(data));
    const py = spawnSync("python3", ["-c", JINJA2, dataFile, templatesDir, JSON.stringify(templateNames)], { encoding: "utf8", maxBuffer: 1 << 28 });
    expect(py.stderr).toBe("");
    const jinja2: Record<string, string> = JSON.parse(py.stdout);
    expect(templateNames.length).toBeGreaterThan(20);
    expect(Object.values(ours).filter((text) => text.trim() !== "").length).toBeGreaterThan(10);
    expect(ours).toEqual(jinja2);
  });
});
