import {
  Composer,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  type Scalar,
} from "yaml";
import { resolveScalar } from "./go-yaml-scalars.js";
import { fail } from "./issues.js";
import type { CommentItem, MapEntry, MapNode, SeqNode, TreeDocuments, TreeNode } from "./tree.js";

interface Token {
  type: string;
  offset: number;
  source: string;
}

const NON_CONTENT = new Set(["space", "newline", "comment", "doc-start", "doc-end", "directive", "byte-order-mark"]);

/** Every leaf token of the CST, in source order. */
function collectTokens(cst: readonly unknown[]): Token[] {
  const tokens: Token[] = [];
  const walk = (t: unknown): void => {
    if (!t || typeof t !== "object") return;
    if (Array.isArray(t)) {
      for (const x of t) walk(x);
      return;
    }
    const rec = t as Record<string, unknown>;
    if (typeof rec.type === "string" && typeof rec.offset === "number" && typeof rec.source === "string") {
      tokens.push({ type: rec.type, offset: rec.offset, source: rec.source });
    }
    for (const [k, v] of Object.entries(rec)) if (k !== "type" && k !== "source") walk(v);
  };
  walk(cst);
  tokens.sort((a, b) => a.offset - b.offset);
  return tokens;
}

interface Container {
  node: MapNode | SeqNode;
  start: number;
  end: number;
  depth: number;
  /** Source offsets of the container's items, to place comments among them. */
  offsets: number[];
}

/**
 * Parses a plaintext or sops-encrypted YAML stream into sops trees: ordered maps, lists, scalars
 * typed as go-yaml v3 types them, and comments placed in the map or list that holds them (their
 * path is the additional data of an encrypted comment).
 */
export function parseYamlTree(text: string): TreeDocuments {
  // One parse: the CST gives the comments' positions and is composed into the documents.
  const lineCounter = new LineCounter();
  const cst = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const tokens = collectTokens(cst);
  const list = Array.from(new Composer({ schema: "failsafe", uniqueKeys: true }).compose(cst));
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, col: p.col };
  };
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) fail("yaml-syntax", `YAML syntax error: ${error.message.split("\n")[0]}`, at(error.pos[0]));
  }
  const out: TreeDocuments = [];
  let from = 0;
  for (const doc of list) {
    const containers: Container[] = [];
    const root = convertRoot(doc, containers, at);
    const to = Math.max(doc.range?.[2] ?? from, from);
    if (!root) continue;
    root.start = Math.min(root.start, from);
    placeComments(root, containers, tokens.filter((t) => t.offset >= from && t.offset < Math.max(to, from + 1)));
    from = to;
    out.push(root.node as MapNode);
  }
  return out;
}

type At = (offset: number) => { line: number; col: number };

function convertRoot(doc: Document, containers: Container[], at: At): Container | undefined {
  const contents = doc.contents as Node | null;
  const [docStart, , docEnd] = doc.range ?? [0, 0, 0];
  if (contents === null || (isScalar(contents) && (contents.value === "" || contents.value === null))) {
    // An empty document (e.g. only comments) holds an empty map, like sops.
    const node: MapNode = { kind: "map", items: [] };
    const c: Container = { node, start: docStart, end: docEnd, depth: 0, offsets: [] };
    containers.push(c);
    return c;
  }
  if (!isMap(contents)) {
    const where = at(contents.range?.[0] ?? 0);
    fail(
      "unsupported-yaml",
      `A YAML document must be a map at its top level (sops cannot encrypt a top-level ${isSeq(contents) ? "list" : "value"}).`,
      where,
    );
  }
  convertNode(contents, doc, containers, 0, at);
  const rootContainer = containers.find((c) => c.depth === 0);
  if (rootContainer) {
    rootContainer.start = Math.min(rootContainer.start, docStart);
    rootContainer.end = Math.max(rootContainer.end, docEnd);
  }
  return rootContainer;
}

function convertNode(node: Node | null, doc: Document, containers: Container[], depth: number, at: At): TreeNode {
  if (node === null || node === undefined) return { kind: "null" };
  if (isAlias(node)) {
    const target = node.resolve(doc);
    if (!target) fail("unsupported-yaml", `Unknown alias *${node.source}.`, at(node.range?.[0] ?? 0));
    // An alias is a copy of its anchor's value; its comments stay with the anchor.
    return convertNode(target as Node, doc, [], depth, at);
  }
  if (isScalar(node)) return convertScalar(node);
  if (isMap(node)) {
    const out: MapNode = { kind: "map", items: [] };
    const offsets: number[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (!isScalar(keyNode)) {
        fail("unsupported-yaml", "Only string keys are supported by sops.", at(keyNode?.range?.[0] ?? 0));
      }
      const key = convertScalar(keyNode);
      if (key.kind !== "str") {
        fail(
          "unsupported-yaml",
          `Key ${JSON.stringify(String(keyNode.value))} is a ${key.kind}; sops only supports string keys. Quote it.`,
          at(keyNode.range?.[0] ?? 0),
        );
      }
      offsets.push(keyNode.range?.[0] ?? 0);
      const entry: MapEntry = { kind: "entry", key: key.value, value: convertNode(pair.value as Node | null, doc, containers, depth + 1, at) };
      out.items.push(entry);
    }
    const [start, , end] = node.range ?? [0, 0, 0];
    containers.push({ node: out, start, end, depth, offsets });
    return out;
  }
  if (isSeq(node)) {
    const out: SeqNode = { kind: "seq", items: [] };
    const offsets: number[] = [];
    for (const item of node.items) {
      offsets.push((item as Node | null)?.range?.[0] ?? 0);
      out.items.push(convertNode(item as Node | null, doc, containers, depth + 1, at));
    }
    const [start, , end] = node.range ?? [0, 0, 0];
    containers.push({ node: out, start, end, depth, offsets });
    return out;
  }
  fail("unsupported-yaml", "Unsupported YAML node.", at(0));
}

function convertScalar(node: Scalar): TreeNode {
  const raw = node.value;
  const text = raw === null || raw === undefined ? "" : String(raw);
  return resolveScalar(text, node.type === "PLAIN", node.tag);
}

/**
 * Puts every comment into the container sops (go-yaml v3) attributes it to: the deepest map or
 * list that holds the content before it. A comment right after `key:` that opens a nested block
 * goes into that block. A trailing comment (`a: 1 # note`) goes before its entry, as sops writes it.
 */
function placeComments(root: Container, containers: Container[], inDoc: Token[]): void {
  const pending = new Map<Container, Array<{ offset: number; text: string; beforeEntryAt?: number }>>();
  const deepestContaining = (offset: number): Container | undefined => {
    let best: Container | undefined;
    for (const c of containers) {
      if (c.start <= offset && offset <= c.end && (!best || c.depth > best.depth)) best = c;
    }
    return best;
  };
  let prev: Token | undefined;
  for (let i = 0; i < inDoc.length; i++) {
    const tok = inDoc[i] as Token;
    if (tok.type !== "comment") {
      if (!NON_CONTENT.has(tok.type)) prev = tok;
      continue;
    }
    const next = nextContent(inDoc, i);
    const sameLine = prev !== undefined && !lineBreakBetween(inDoc, i, prev.offset);
    let target: Container = root;
    let beforeEntryAt: number | undefined;
    if (prev) {
      const a = deepestContaining(prev.offset) ?? root;
      target = a;
      if (!sameLine && next) {
        const b = deepestContaining(next.offset);
        if (b && b.start > prev.offset && b.depth > a.depth) target = b;
      }
      if (sameLine) beforeEntryAt = lastEntryStartBefore(target, prev.offset);
    }
    const list = pending.get(target) ?? [];
    list.push({ offset: tok.offset, text: tok.source.slice(1), ...(beforeEntryAt !== undefined ? { beforeEntryAt } : {}) });
    pending.set(target, list);
  }
  for (const [container, comments] of pending) insertComments(container, comments);
}

/** The first content token after `tokens[index]`. */
function nextContent(tokens: Token[], index: number): Token | undefined {
  for (let j = index + 1; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (!NON_CONTENT.has(t.type)) return t;
  }
  return undefined;
}

/**
 * Whether a line break lies in the tokens from offset `from` up to `tokens[index]` (exclusive).
 * Tokens are sorted by offset, so they are the ones just before `index`: scanned backwards, the
 * scan usually stops at the newline that ends the previous line.
 */
function lineBreakBetween(tokens: Token[], index: number, from: number): boolean {
  const to = (tokens[index] as Token).offset;
  for (let j = index - 1; j >= 0; j--) {
    const t = tokens[j] as Token;
    if (t.offset < from) break;
    if (t.offset < to && (t.type === "newline" || t.type === "block-scalar" || t.source.includes("\n"))) return true;
  }
  return false;
}

function lastEntryStartBefore(c: Container, offset: number): number | undefined {
  let found: number | undefined;
  for (const o of c.offsets) if (o <= offset) found = o;
  return found;
}

function insertComments(c: Container, comments: Array<{ offset: number; text: string; beforeEntryAt?: number }>): void {
  const items = c.node.items as Array<TreeNode | MapEntry | CommentItem>;
  const slots: Array<Array<CommentItem>> = Array.from({ length: items.length + 1 }, () => []);
  for (const comment of comments) {
    const key = comment.beforeEntryAt ?? comment.offset;
    let index = c.offsets.findIndex((o) => (comment.beforeEntryAt !== undefined ? o >= key : o > key));
    if (index < 0) index = items.length;
    (slots[index] as CommentItem[]).push({ kind: "comment", text: comment.text });
  }
  const merged: Array<TreeNode | MapEntry | CommentItem> = [];
  for (let i = 0; i <= items.length; i++) {
    merged.push(...(slots[i] as CommentItem[]));
    if (i < items.length) merged.push(items[i] as TreeNode | MapEntry);
  }
  c.node.items = merged as typeof c.node.items;
}
