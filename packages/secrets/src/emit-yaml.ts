import { doubleQuote, formatGoFloat, isGoYamlTimestamp, needsQuotes, type ScalarValue } from "./go-yaml-scalars.js";
import type { CommentItem, MapNode, SeqNode, TreeDocuments, TreeNode } from "./tree.js";

/**
 * Writes sops trees as YAML laid out the way sops (go-yaml v3) writes them: block style, `indent`
 * spaces per level (nested indentation aligned to a multiple of it, a list's items two columns
 * after their `- `), lists indented under their key, `|` blocks for multi-line strings, comments
 * as `#text` lines in place, documents separated by `---`.
 */
export function emitYamlDocuments(docs: TreeDocuments, indent = 2): string {
  const emitter = new Emitter(indent);
  return docs.map((doc) => emitter.document(doc)).join("---\n");
}

class Emitter {
  constructor(private readonly step: number) {}

  document(doc: MapNode): string {
    const lines: string[] = [];
    if (!doc.items.some((i) => i.kind === "entry")) {
      for (const item of doc.items) lines.push(commentLine(0, item as CommentItem));
      lines.push("{}");
      return `${lines.join("\n")}\n`;
    }
    this.map(doc, 0, lines);
    return `${lines.join("\n")}\n`;
  }

  private align(col: number): number {
    return this.step * Math.floor((col + this.step) / this.step);
  }

  private map(node: MapNode, col: number, lines: string[]): void {
    const pad = " ".repeat(col);
    for (const item of node.items) {
      if (item.kind === "comment") {
        lines.push(commentLine(col, item));
        continue;
      }
      const key = scalarText({ kind: "str", value: item.key });
      this.value(`${pad}${key}:`, item.value, col, lines);
    }
  }

  /** Writes `head` (e.g. `  key:` or `- `) followed by a value that belongs to a line at `col`. */
  private value(head: string, value: TreeNode, col: number, lines: string[]): void {
    const sep = head.endsWith(" ") ? "" : " ";
    if (value.kind === "map") {
      if (!value.items.some((i) => i.kind === "entry")) {
        for (const c of value.items) lines.push(commentLine(col, c as CommentItem));
        lines.push(`${head}${sep}{}`);
        return;
      }
      lines.push(head);
      this.map(value, this.align(col), lines);
      return;
    }
    if (value.kind === "seq") {
      if (!value.items.some((i) => i.kind !== "comment")) {
        for (const c of value.items) lines.push(commentLine(col, c as CommentItem));
        lines.push(`${head}${sep}[]`);
        return;
      }
      lines.push(head);
      this.seq(value, this.align(col), lines);
      return;
    }
    const block = blockScalar(value);
    if (block !== undefined) {
      lines.push(`${head}${sep}${block.header}`);
      const contentCol = this.align(col);
      for (const line of block.lines) lines.push(line === "" ? "" : `${" ".repeat(contentCol)}${line}`);
      return;
    }
    lines.push(`${head}${sep}${scalarText(value)}`);
  }

  private seq(node: SeqNode, col: number, lines: string[]): void {
    const pad = " ".repeat(col);
    for (const item of node.items) {
      if (item.kind === "comment") {
        lines.push(commentLine(col, item));
        continue;
      }
      this.seqItem(`${pad}- `, item, col, lines);
    }
  }

  private seqItem(head: string, item: TreeNode, dashCol: number, lines: string[]): void {
    const inner = dashCol + 2;
    const nonEmptyMap = item.kind === "map" && item.items.some((i) => i.kind === "entry");
    const nonEmptySeq = item.kind === "seq" && item.items.some((i) => i.kind !== "comment");
    if (nonEmptyMap || nonEmptySeq) {
      // The first entry (or item) shares the dash's line; the rest align under it, and the
      // comments before it move above the dash.
      const start = lines.length;
      if (item.kind === "map") this.map(item, inner, lines);
      else this.seq(item as SeqNode, inner, lines);
      let first = start;
      while ((lines[first] as string).trimStart().startsWith("#")) first++;
      const commentsBefore = lines.splice(start, first - start);
      lines[start] = `${head}${(lines[start] as string).slice(inner)}`;
      lines.splice(start, 0, ...commentsBefore.map((c) => `${" ".repeat(dashCol)}${c.trimStart()}`));
      return;
    }
    const block = item.kind !== "map" && item.kind !== "seq" ? blockScalar(item) : undefined;
    if (block !== undefined) {
      lines.push(`${head}${block.header}`);
      for (const line of block.lines) lines.push(line === "" ? "" : `${" ".repeat(inner)}${line}`);
      return;
    }
    this.value(head, item, dashCol, lines);
  }
}

function commentLine(col: number, c: CommentItem): string {
  return `${" ".repeat(col)}#${c.text}`;
}

/** A multi-line string as a literal block (`|`, `|-`), when that reads back byte-for-byte. */
function blockScalar(value: ScalarValue): { header: string; lines: string[] } | undefined {
  if (value.kind !== "str" || !value.value.includes("\n")) return undefined;
  const text = value.value;
  if (/[\r\t\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text)) return undefined;
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  if (body.endsWith("\n") || body === "") return undefined; // several trailing newlines: use quotes
  const lines = body.split("\n");
  // Leading spaces on the first line, or lines of only spaces, do not survive a plain block.
  if (/^ /.test(lines[0] as string) || lines.some((l) => /^ +$/.test(l))) return undefined;
  return { header: text.endsWith("\n") ? "|" : "|-", lines };
}

/** One scalar on one line, typed the way go-yaml reads it back. */
export function scalarText(value: ScalarValue): string {
  switch (value.kind) {
    case "str":
      return needsQuotes(value.value) ? doubleQuote(value.value) : value.value;
    case "int":
      return value.value.toString();
    case "float": {
      if (Number.isNaN(value.value)) return ".nan";
      if (value.value === Number.POSITIVE_INFINITY) return ".inf";
      if (value.value === Number.NEGATIVE_INFINITY) return "-.inf";
      const s = formatGoFloat(value.value);
      return /[.eE]/.test(s) ? s : `${s}.0`;
    }
    case "bool":
      return value.value ? "true" : "false";
    case "null":
      return "null";
    case "time":
      return isGoYamlTimestamp(value.value) ? value.value : doubleQuote(value.value);
  }
}
