import type { ScalarValue } from "./go-yaml-scalars.js";
import { type CryptRules, shouldBeEncrypted } from "./crypt-rules.js";
import type { CommentItem, MapEntry, MapNode, SeqNode, TreeDocuments, TreeNode } from "./tree.js";

/**
 * Called for every leaf in sops's order (documents, then items depth-first), with the value's
 * path (map keys only: list items take their list's path) and whether the rules encrypt it.
 * Nulls are skipped, as sops skips them.
 */
export type LeafVisitor = (
  leaf: ScalarValue | CommentItem,
  path: string[],
  encrypted: boolean,
) => ScalarValue | CommentItem;

export function walkDocuments(docs: TreeDocuments, rules: CryptRules, visit: LeafVisitor): TreeDocuments {
  return docs.map((doc) => walkNode(doc, [], [], rules, visit) as MapNode);
}

function walkNode(node: TreeNode, path: string[], stack: string[][], rules: CryptRules, visit: LeafVisitor): TreeNode {
  if (node.kind === "map" || node.kind === "seq") {
    const own: string[][] = [...stack, []];
    const items: Array<MapEntry | CommentItem | TreeNode> = [];
    for (const item of node.items as Array<MapEntry | CommentItem | TreeNode>) {
      if (item.kind === "comment") {
        own[own.length - 1] = [...(own[own.length - 1] as string[]), item.text];
        items.push(visit(item, path, shouldBeEncrypted(rules, path, own, true)));
        continue;
      }
      if (item.kind === "entry") {
        items.push({ kind: "entry", key: item.key, value: walkNode(item.value, [...path, item.key], own, rules, visit) });
      } else {
        items.push(walkNode(item, path, own, rules, visit));
      }
      own[own.length - 1] = [];
    }
    return node.kind === "map"
      ? ({ kind: "map", items } as MapNode)
      : ({ kind: "seq", items } as SeqNode);
  }
  if (node.kind === "null") return node;
  return visit(node, path, shouldBeEncrypted(rules, path, stack, false)) as ScalarValue;
}

/** Every map and list path in the documents: the additional data a comment may carry. */
export function containerPaths(docs: TreeDocuments): string[] {
  const out = new Set<string>();
  const visit = (node: TreeNode, path: string[]): void => {
    if (node.kind === "map") {
      out.add(aadOf(path));
      for (const item of node.items) if (item.kind === "entry") visit(item.value, [...path, item.key]);
    } else if (node.kind === "seq") {
      out.add(aadOf(path));
      for (const item of node.items) if (item.kind !== "comment") visit(item, path);
    }
  };
  for (const doc of docs) visit(doc, []);
  return [...out];
}

/** sops's additional data for a path: the keys joined with ":" plus a trailing ":". */
export function aadOf(path: string[]): string {
  return `${path.join(":")}:`;
}
