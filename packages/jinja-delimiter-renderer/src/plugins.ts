/** makejinja plugins (`loaders` / `plugins` entries `module:Export`), loaded from `import_paths` and applied in makejinja's order. */
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Environment, PluginClass, PluginContext, PluginInstance, PluginSpec, TemplateError, TemplateFunction } from "./types.js";

type Named = Record<string, TemplateFunction> | TemplateFunction[] | undefined | null;

function named(value: Named, what: string, plugin: string): Array<[string, TemplateFunction]> {
  if (!value) return [];
  if (Array.isArray(value)) {
    return value.map((fn) => {
      if (typeof fn !== "function" || !fn.name) {
        throw new Error(`${plugin}: ${what}() must return named functions (or a name → function record)`);
      }
      return [fn.name, fn];
    });
  }
  return Object.entries(value);
}

/** Resolve `module:Export` against the import paths: `<dir>/<module path>.mjs`, then `.js`. */
export function resolvePluginModule(spec: string, importPaths: string[], cwd: string | undefined): { file: string; exportName: string } | string {
  const [mod, exportName] = spec.split(":");
  if (!mod || !exportName) return `plugin "${spec}" must look like module:Export (e.g. plugin:Plugin)`;
  const rel = mod.split(".").join("/");
  const tried: string[] = [];
  for (const dir of importPaths) {
    const base = isAbsolute(dir) ? dir : cwd ? resolve(cwd, dir) : dir;
    for (const ext of [".mjs", ".js"]) {
      const file = join(base, rel + ext);
      tried.push(file);
      if (existsSync(file)) return { file, exportName };
    }
  }
  return `plugin "${spec}": no ${rel}.mjs or ${rel}.js in import_paths (${importPaths.join(", ") || "none configured"}). Add the directory holding it to import_paths.`;
}

async function loadPluginClass(spec: PluginSpec, importPaths: string[], cwd: string | undefined): Promise<PluginClass | string> {
  if (typeof spec === "function") return spec;
  const resolved = resolvePluginModule(spec, importPaths, cwd);
  if (typeof resolved === "string") return resolved;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolved.file).href)) as Record<string, unknown>;
  } catch (e) {
    return `plugin "${spec}": importing ${resolved.file} failed: ${(e as Error).message}`;
  }
  const cls = mod[resolved.exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[resolved.exportName];
  if (typeof cls !== "function") return `plugin "${spec}": ${resolved.file} has no export named ${resolved.exportName}`;
  return cls as PluginClass;
}

/** Load and apply plugins: `globals()`, `functions()`, `data()`, `filters()`, `tests()` — makejinja's order. */
export async function applyPlugins(
  specs: PluginSpec[],
  context: Omit<PluginContext, "env"> & { env: Environment },
  importPaths: string[],
  cwd: string | undefined,
): Promise<TemplateError[]> {
  const errors: TemplateError[] = [];
  for (const spec of specs) {
    const label = typeof spec === "string" ? spec : spec.name;
    const cls = await loadPluginClass(spec, importPaths, cwd);
    if (typeof cls === "string") {
      errors.push({ template: "makejinja.toml", line: 0, col: 0, message: cls });
      continue;
    }
    try {
      const plugin: PluginInstance = new cls(context);
      for (const [name, fn] of named(plugin.globals?.() as Named, "globals", label)) context.env.addGlobal(name, fn);
      for (const [name, fn] of named(plugin.functions?.() as Named, "functions", label)) context.env.addGlobal(name, fn);
      if (plugin.data) for (const [k, v] of Object.entries(plugin.data() ?? {})) context.env.addGlobal(k, v);
      for (const [name, fn] of named(plugin.filters?.() as Named, "filters", label)) context.env.addFilter(name, fn);
      for (const [name, fn] of named(plugin.tests?.() as Named, "tests", label)) context.env.addTest(name, fn);
    } catch (e) {
      errors.push({ template: "makejinja.toml", line: 0, col: 0, message: `plugin "${label}" failed: ${(e as Error).message}` });
    }
  }
  return errors;
}
