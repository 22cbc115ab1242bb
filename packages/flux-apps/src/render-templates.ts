import { packageTemplatesDir } from "./package-paths.js";
import * as renderer from "@talos-cluster/jinja-delimiter-renderer";

/** The subset of `@talos-cluster/jinja-delimiter-renderer`'s `renderTree` this package uses. */
interface RenderTree {
  (options: {
    inputs: string[];
    data?: Record<string, unknown>;
    undefined?: "default" | "chainable" | "strict" | "debug";
    filters?: Record<string, (...args: any[]) => unknown>;
    excludePatterns?: string[];
  }): Promise<{
    ok: boolean;
    files: { path: string; contents: string | Uint8Array; source: string }[];
    errors: { template: string; line: number; col: number; message: string }[];
  }>;
}

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

/**
 * Renders the package templates with the user's overrides in front (makejinja semantics: the first
 * input that has a path wins). Files that render to whitespace only are absent from the result.
 */
export async function renderTemplates(
  data: Record<string, unknown>,
  overridesDir: string | undefined,
): Promise<{ ok: true; files: Map<string, RenderedTemplate> } | { ok: false; errors: TemplateIssue[] }> {
  const renderTree = (renderer as unknown as { renderTree?: RenderTree }).renderTree;
  if (typeof renderTree !== "function") {
    return {
      ok: false,
      errors: [{ file: "@talos-cluster/jinja-delimiter-renderer", line: 0, col: 0, message: "renderTree is not available in the installed renderer." }],
    };
  }
  const inputs = overridesDir ? [overridesDir, packageTemplatesDir()] : [packageTemplatesDir()];
  const result = await renderTree({
    inputs,
    data,
    undefined: "chainable",
    excludePatterns: ["*.partial.yaml.j2"],
  });
  if (!result.ok || result.errors.length > 0) {
    return {
      ok: false,
      errors: result.errors.map((e) => ({ file: e.template, line: e.line, col: e.col, message: e.message })),
    };
  }
  const files = new Map<string, RenderedTemplate>();
  for (const f of result.files) {
    const contents = typeof f.contents === "string" ? f.contents : new TextDecoder().decode(f.contents);
    files.set(f.path, { contents, source: f.source });
  }
  return { ok: true, files };
}
