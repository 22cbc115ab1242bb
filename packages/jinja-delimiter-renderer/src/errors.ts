/** Template error values and their one-line, compiler-style rendering. */
import type { TemplateError } from "./types.js";

/**
 * `template:line:col message` (line/col omitted when unknown); with `withExcerpt`, the failing template line
 * follows on the same line: `a.yaml.j2:2:10 'x' is undefined  ›  name: #{ x }#`.
 */
export function formatTemplateError(error: TemplateError, withExcerpt = false): string {
  const where = error.line ? `${error.template}:${error.line}:${error.col || 1}` : error.template;
  const excerpt = withExcerpt && error.excerpt ? `  \u203a  ${error.excerpt}` : "";
  return `${where} ${error.message}${excerpt}`;
}

/** Sort by template, then line, then column (stable). */
export function sortTemplateErrors(errors: TemplateError[]): TemplateError[] {
  return [...errors].sort((a, b) =>
    a.template < b.template ? -1 : a.template > b.template ? 1 : a.line - b.line || a.col - b.col,
  );
}
