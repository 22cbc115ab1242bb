import type { ScalarValue } from "./go-yaml-scalars.js";

/** A comment line, without its leading `#`. */
export interface CommentItem {
  kind: "comment";
  text: string;
}

export interface MapEntry {
  kind: "entry";
  key: string;
  value: TreeNode;
}

export interface MapNode {
  kind: "map";
  items: Array<MapEntry | CommentItem>;
}

export interface SeqNode {
  kind: "seq";
  items: Array<TreeNode | CommentItem>;
}

/** One node of a sops tree: ordered maps, lists, typed scalars, and comments as items. */
export type TreeNode = ScalarValue | MapNode | SeqNode;

/** A YAML stream: one top-level map per document. */
export type TreeDocuments = MapNode[];

/** Converts a tree to plain JavaScript data (comments dropped; ints as numbers when safe). */
export function toPlainData(node: TreeNode): unknown {
  switch (node.kind) {
    case "map": {
      const out: Record<string, unknown> = {};
      for (const item of node.items) if (item.kind === "entry") out[item.key] = toPlainData(item.value);
      return out;
    }
    case "seq":
      return node.items.filter((i) => i.kind !== "comment").map((i) => toPlainData(i as TreeNode));
    case "int":
      return node.value >= BigInt(Number.MIN_SAFE_INTEGER) && node.value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(node.value)
        : node.value;
    case "null":
      return null;
    default:
      return node.value;
  }
}

/** Structural equality of two trees, comments included. */
export function treesEqual(a: TreeNode | CommentItem, b: TreeNode | CommentItem): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "comment":
      return a.text === (b as CommentItem).text;
    case "map": {
      const bi = (b as MapNode).items;
      return (
        a.items.length === bi.length &&
        a.items.every((item, i) => {
          const other = bi[i] as MapEntry | CommentItem;
          if (item.kind !== other.kind) return false;
          if (item.kind === "comment") return item.text === (other as CommentItem).text;
          return item.key === (other as MapEntry).key && treesEqual(item.value, (other as MapEntry).value);
        })
      );
    }
    case "seq": {
      const bi = (b as SeqNode).items;
      return a.items.length === bi.length && a.items.every((item, i) => treesEqual(item, bi[i] as TreeNode));
    }
    case "null":
      return true;
    case "float":
      return Object.is(a.value, (b as { value: number }).value);
    default:
      return a.value === (b as { value: unknown }).value;
  }
}
