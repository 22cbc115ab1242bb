/** Template error values and their one-line, compiler-style rendering. */
import type { TemplateError } from "./types.js";

/** `template:line:col message` (line/col omitted when unknown). */
export function formatTemplateError(error: TemplateError): string {
  const where = error.line ? `${error.template}:${error.line}:${error.col || 1}` : error.template;
  return `${where} ${error.message}`;
}

/** Sort by template, then line, then column (stable). */
export function sortTemplateErrors(errors: TemplateError[]): TemplateError[] {
  return [...errors].sort((a, b) =>
    a.template < b.template ? -1 : a.template > b.template ? 1 : a.line - b.line || a.col - b.col,
  );
}
