/** makejinja's tree rendering (`makejinja/app.py`), in memory: inputs → sorted file map + directories + errors. */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, isAbsolute, join, resolve } from "node:path";
import { applyDataVars, loadDataFiles } from "./data-files.js";
import { createEnvironment } from "./environment.js";
import { sortTemplateErrors } from "./errors.js";
import { comparePaths, globMatch, pathMatch } from "./path-match.js";
import { applyPlugins } from "./plugins.js";
import type { RenderedDir, RenderedFile, RenderTreeOptions, RenderTreeResult, TemplateError } from "./types.js";

interface Entry {
  rel: string;
  full: string;
  isDir: boolean;
}

function walk(root: string): Entry[] {
  const out: Entry[] = [];
  const visit = (dir: string, prefix: string) => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${dirent.name}` : dirent.name;
      const full = join(dir, dirent.name);
      let isDir = dirent.isDirectory();
      if (dirent.isSymbolicLink()) {
        try {
          isDir = statSync(full).isDirectory();
        } catch {
          continue;
        }
      }
      out.push({ rel, full, isDir });
      if (isDir) visit(full, rel);
    }
  };
  visit(root, "");
  return out;
}

/** Python `PurePath.suffix` of the last component. */
function pySuffix(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const i = name.lastIndexOf(".");
  return i > 0 && i < name.length - 1 ? name.slice(i) : "";
}

function posix(p: string): string {
  return p.split("\\").join("/");
}

/** Render a makejinja project tree in memory. Nothing is written; see `writeTree`. */
export async function renderTree(options: RenderTreeOptions): Promise<RenderTreeResult> {
  const errors: TemplateError[] = [];
  const cwd = options.cwd;
  const abs = (p: string): string | undefined => (isAbsolute(p) ? p : cwd ? resolve(cwd, p) : undefined);
  const jinjaSuffix = options.jinjaSuffix ?? ".j2";
  const includePatterns = options.includePatterns ?? ["**/*"];
  const excludePatterns = options.excludePatterns ?? [];

  const inputs: Array<{ given: string; path: string; isDir: boolean }> = [];
  for (const given of options.inputs) {
    const path = abs(given);
    if (!path) {
      errors.push({ template: given, line: 0, col: 0, message: "relative input path needs the cwd option" });
      continue;
    }
    try {
      const st = statSync(path);
      inputs.push({ given, path, isDir: st.isDirectory() });
    } catch {
      errors.push({ template: given, line: 0, col: 0, message: "input does not exist. Fix inputs in makejinja.toml." });
    }
  }

  const loaded = loadDataFiles(options.dataFiles ?? [], cwd ?? "/");
  errors.push(...loaded.errors);
  const data: Record<string, unknown> = { ...loaded.data, ...(options.data ?? {}) };
  if (options.dataVars) applyDataVars(data, options.dataVars);

  // Walk every input once; the walk doubles as the template index (first input wins, like FileSystemLoader).
  const walked = new Map<string, Entry[]>();
  const templateFiles = new Map<string, string>();
  for (const input of inputs.filter((i) => i.isDir)) {
    const entries = walk(input.path);
    walked.set(input.path, entries);
    for (const e of entries) if (!e.isDir && !templateFiles.has(e.rel)) templateFiles.set(e.rel, e.full);
  }
  const env = createEnvironment({ ...options, searchPaths: inputs.filter((i) => i.isDir).map((i) => i.path), templateFiles });
  for (const i of inputs.filter((x) => !x.isDir)) env.addTemplate(basename(i.path), readFileSync(i.path, "utf8"));
  for (const [k, v] of Object.entries(data)) env.addGlobal(k, v);
  env.addGlobal("env", { ...(options.environ ?? {}) });
  errors.push(...(await applyPlugins(options.plugins ?? [], { data, config: { ...options, jinjaSuffix, includePatterns, excludePatterns }, env, cwd }, options.importPaths ?? [], cwd)));

  const files = new Map<string, RenderedFile>();
  const seen = new Set<string>();
  const dirs = new Map<string, RenderedDir>();
  const outputPath = (rel: string) =>
    pySuffix(rel) === jinjaSuffix && !options.keepJinjaSuffix ? rel.slice(0, -jinjaSuffix.length) : rel;

  const renderOne = (templateName: string, full: string, out: string) => {
    const result = env.renderTemplate(templateName);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    if (result.output.trim() === "" && !options.keepEmpty) return;
    const file: RenderedFile = { path: out, contents: result.output, source: full, rendered: true };
    if (options.copyMetadata) {
      const st = statSync(full);
      file.mode = st.mode & 0o7777;
      file.mtime = st.mtime;
    }
    files.set(out, file);
  };

  for (const input of inputs) {
    if (!input.isDir) {
      const name = basename(input.path);
      const out = outputPath(name);
      if (!seen.has(out)) renderOne(name, input.path, out);
      seen.add(out);
      continue;
    }
    const entries = walked.get(input.path) ?? [];
    for (const pattern of includePatterns) {
      const matched = entries
        .filter((e) => globMatch(e.rel, pattern) && (!pattern.endsWith("**") || e.isDir))
        .sort((a, b) => comparePaths(a.rel, b.rel));
      for (const entry of matched) {
        const out = outputPath(entry.rel);
        const matchPath = posix(`${input.given.replace(/\/+$/, "")}/${entry.rel}`);
        if (excludePatterns.some((p) => pathMatch(matchPath, p))) continue;
        if (!entry.isDir && !seen.has(out)) {
          if (pySuffix(entry.rel) === jinjaSuffix) renderOne(entry.rel, entry.full, out);
          else {
            const st = statSync(entry.full);
            files.set(out, {
              path: out,
              contents: new Uint8Array(readFileSync(entry.full)),
              mode: st.mode & 0o7777,
              mtime: st.mtime,
              source: entry.full,
              rendered: false,
            });
          }
          seen.add(out);
        } else if (entry.isDir && !dirs.has(out)) {
          const dir: RenderedDir = { path: out, source: entry.full };
          const st = statSync(entry.full);
          dir.mode = st.mode & 0o7777;
          dir.mtime = st.mtime;
          dirs.set(out, dir);
        }
      }
    }
  }

  const sortedErrors = sortTemplateErrors(errors);
  return {
    ok: sortedErrors.length === 0,
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    dirs: [...dirs.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    errors: sortedErrors,
  };
}
