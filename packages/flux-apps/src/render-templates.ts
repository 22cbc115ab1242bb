import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createEnvironment } from "@talos-cluster/jinja-delimiter-renderer";
import { packageTemplatesDir } from "./package-paths.js";

export interface RenderedTemplate {
  contents: string;
  /** Absolute path of the template it came from (package or user override). */
  source: string;
}

export interface TemplateIssue {
  file: string;
  line: number;
  col: number;
  message: string;
}

function listFiles(root: string): string[] {
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/**
 * Renders the package templates with the user's overrides in front, with makejinja semantics:
 * the first input that has a relative path wins; `*.j2` files are rendered (the suffix dropped),
 * other files copied; `*.partial.yaml.j2` files are only includable; renders that are empty after
 * stripping whitespace are absent from the result. Undefined names are chainable (render as "").
 */
export function renderTemplates(
  data: Record<string, unknown>,
  overridesDir: string | undefined,
): { ok: true; files: Map<string, RenderedTemplate> } | { ok: false; errors: TemplateIssue[] } {
  const inputs = overridesDir ? [overridesDir, packageTemplatesDir()] : [packageTemplatesDir()];
  const env = createEnvironment({ undefined: "chainable", searchPaths: inputs, globals: data });
  const chosen = new Map<string, string>();
  for (const input of inputs) {
    for (const rel of listFiles(input)) if (!chosen.has(rel)) chosen.set(rel, join(input, rel));
  }
  const files = new Map<string, RenderedTemplate>();
  const errors: TemplateIssue[] = [];
  for (const [rel, source] of chosen) {
    if (/\.partial\.yaml\.j2$/.test(rel)) continue;
    const text = readFileSync(source, "utf8");
    if (!rel.endsWith(".j2")) {
      files.set(rel, { contents: text, source });
      continue;
    }
    const result = env.renderString(text, {}, rel);
    if (!result.ok) {
      errors.push(...result.errors.map((e) => ({ file: source === join(inputs[0]!, rel) && overridesDir ? `templates/overrides/${rel}` : rel, line: e.line, col: e.col, message: e.message })));
      continue;
    }
    if (result.output.trim() === "") continue;
    files.set(rel.slice(0, -3), { contents: result.output, source });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, files };
}
