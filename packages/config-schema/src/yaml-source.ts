import { type Document, LineCounter, type Node, type Pair, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { ConfigIssue, PathSegment } from "./issues.js";
import { formatPath } from "./issues.js";

/** A YAML file parsed with source positions, so any key path can be mapped back to line:col. */
export interface YamlSource {
  file: string;
  /** The parsed value (YAML 1.2 core schema); undefined when the file has syntax errors. */
  data: unknown;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Syntax errors: the file could not be read as YAML, so it is not validated further. */
  errors: ConfigIssue[];
  /** Keys that appear twice in one mapping: errors, but the file is still validated. */
  duplicates: ConfigIssue[];
  warnings: ConfigIssue[];
}

export interface Position {
  line: number;
  col: number;
}

function keyOf(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
}

/** Walks every mapping and reports keys that appear twice (the later ones). */
function duplicateKeys(source: Pick<YamlSource, "file" | "lineCounter">, node: unknown, path: PathSegment[], out: ConfigIssue[]): void {
  if (isMap(node)) {
    const seen = new Map<unknown, number>();
    for (const pair of node.items) {
      const key = keyOf(pair);
      const at = pair.key && (pair.key as Node).range ? (pair.key as Node).range![0] : 0;
      const pos = source.lineCounter.linePos(at);
      const first = seen.get(key);
      if (first !== undefined) {
        out.push({
          file: source.file,
          line: pos.line,
          col: pos.col,
          path: formatPath([...path, String(key)]),
          message: `Duplicate key: ${String(key)} is already set on line ${first}. Keep only one of them.`,
        });
      } else {
        seen.set(key, pos.line);
      }
      duplicateKeys(source, pair.value, [...path, String(key)], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => duplicateKeys(source, item, [...path, index], out));
  }
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, version: "1.2" });
  const issue = (offset: number, message: string): ConfigIssue => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, col: pos.col, path: "", message };
  };
  const errors: ConfigIssue[] = document.errors.map((error) =>
    issue(
      error.pos[0],
      error.code === "MULTIPLE_DOCS"
        ? "The file holds more than one YAML document. Keep a single document (remove the extra ---)."
        : `YAML syntax error: ${firstLine(error.message)}. Fix the syntax at this position.`,
    ),
  );
  const warnings = document.warnings.map((warning) => issue(warning.pos[0], `YAML warning: ${firstLine(warning.message)}.`));
  const base = { file, document, lineCounter };
  const duplicates: ConfigIssue[] = [];
  if (errors.length > 0) return { ...base, data: undefined, errors, duplicates, warnings };
  duplicateKeys(base, document.contents, [], duplicates);
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    errors.push(issue(0, `The YAML could not be read: ${firstLine(error instanceof Error ? error.message : String(error))}.`));
  }
  return { ...base, data, errors, duplicates, warnings };
}

/**
 * Where a key path is in the file: the value of the key (or the key itself with `at: "key"`).
 * When the path does not exist (a missing key, a default), the deepest existing parent is used.
 */
export function locate(source: Pick<YamlSource, "document" | "lineCounter">, path: readonly PathSegment[], at: "value" | "key" = "value"): Position {
  let node: unknown = source.document.contents;
  let best: Node | undefined = (node as Node | null) ?? undefined;
  let lastKey: Node | undefined;
  for (const segment of path) {
    let next: unknown;
    lastKey = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyOf(p) === segment || String(keyOf(p)) === String(segment));
      if (pair) {
        next = pair.value;
        lastKey = pair.key as Node;
        if (!next || !(next as Node).range) next = undefined;
        if (!next) {
          best = lastKey;
          node = undefined;
          break;
        }
      }
    } else if (isSeq(node) && typeof segment === "number") {
      next = node.items[segment];
    }
    if (!next) break;
    node = next;
    best = next as Node;
  }
  const target = at === "key" && lastKey?.range ? lastKey : best;
  const offset = target?.range?.[0] ?? 0;
  return source.lineCounter.linePos(offset);
}
