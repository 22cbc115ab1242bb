import { parseAllDocuments } from "yaml";
import type { TreeIssue } from "./issue.js";

export type Doc = Record<string, unknown>;

export interface ParsedDocument {
  file: string;
  index: number;
  value: Doc;
}

/** A Kubernetes object as the cluster would see it, with the namespace kustomize/Flux give it. */
export interface TreeObject extends ParsedDocument {
  apiVersion: string;
  kind: string;
  name: string;
  /** Effective namespace ("" when none applies, e.g. cluster-scoped kinds). */
  namespace: string;
}

export interface ParsedTree {
  files: ReadonlyMap<string, string>;
  documents: ParsedDocument[];
  byFile: Map<string, ParsedDocument[]>;
  objects: TreeObject[];
  issues: TreeIssue[];
}

const isObj = (v: unknown): v is Doc => v !== null && typeof v === "object" && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const obj = (v: unknown): Doc | undefined => (isObj(v) ? v : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function isYamlFile(path: string): boolean {
  return /\.ya?ml$/.test(path);
}

/** Normalises `dir` + a relative entry (`./x`, `../y`) to a repository path. */
export function joinPath(dir: string, entry: string): string {
  const parts = dir ? dir.split("/") : [];
  for (const seg of entry.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

export function isKustomizeFile(path: string): boolean {
  return /(^|\/)kustomization\.ya?ml$/.test(path);
}

function kustomizationIn(files: ReadonlyMap<string, string>, dir: string): string | undefined {
  for (const name of ["kustomization.yaml", "kustomization.yml"]) {
    const p = dir ? `${dir}/${name}` : name;
    if (files.has(p)) return p;
  }
  return undefined;
}

export function dirExists(files: ReadonlyMap<string, string>, dir: string): boolean {
  const prefix = `${dir}/`;
  for (const f of files.keys()) if (f.startsWith(prefix)) return true;
  return false;
}

export { kustomizationIn };

/** A YAML document that is unusable (a syntax error, or not a mapping); `index` counts the non-empty documents of the file. */
export interface YamlProblem {
  index: number;
  /** 1-based position of a syntax error. */
  line?: number;
  col?: number;
  message: string;
}

/** The mappings of a multi-document YAML text, numbered as in {@link YamlProblem}; empty documents are skipped. */
export function parseYamlDocuments(text: string): { documents: { index: number; value: Doc }[]; problems: YamlProblem[] } {
  const documents: { index: number; value: Doc }[] = [];
  const problems: YamlProblem[] = [];
  let index = 0;
  for (const d of parseAllDocuments(text)) {
    const error = d.errors[0];
    if (error) {
      const at = error.linePos?.[0];
      problems.push({ index: index++, line: at?.line, col: at?.col, message: `Invalid YAML: ${error.message.split("\n")[0]}` });
      continue;
    }
    const value: unknown = d.toJS();
    if (value === null || value === undefined) continue;
    if (isObj(value)) documents.push({ index: index++, value });
    else problems.push({ index: index++, message: "Expected a YAML mapping (a Kubernetes object)." });
  }
  return { documents, problems };
}

/**
 * Parses every YAML file of the tree and works out each object's effective namespace. A file in
 * `parsed` is taken as those documents (exactly what parsing its text would give, e.g. from
 * `plainDocuments`) and not parsed again.
 */
export function parseTree(files: ReadonlyMap<string, string>, parsed?: ReadonlyMap<string, readonly Doc[]>): ParsedTree {
  const issues: TreeIssue[] = [];
  const documents: ParsedDocument[] = [];
  const byFile = new Map<string, ParsedDocument[]>();
  for (const [file, text] of files) {
    if (!isYamlFile(file)) continue;
    const list: ParsedDocument[] = [];
    const known = parsed?.get(file);
    if (known) {
      known.forEach((value, index) => list.push({ file, index, value }));
      documents.push(...list);
      byFile.set(file, list);
      continue;
    }
    const yaml = parseYamlDocuments(text);
    for (const p of yaml.problems) issues.push({ file, document: p.index, path: "", rule: "yaml", message: p.message });
    for (const { index, value } of yaml.documents) list.push({ file, index, value });
    documents.push(...list);
    byFile.set(file, list);
  }
  const objects = resolveNamespaces(files, byFile, documents);
  return { files, documents, byFile, objects, issues };
}

function isKubernetesObject(d: Doc): boolean {
  return typeof d.apiVersion === "string" && typeof d.kind === "string" && !String(d.apiVersion).startsWith("kustomize.config.k8s.io/");
}

function resolveNamespaces(
  files: ReadonlyMap<string, string>,
  byFile: Map<string, ParsedDocument[]>,
  documents: ParsedDocument[],
): TreeObject[] {
  const reached = new Map<ParsedDocument, Set<string>>();
  const mark = (d: ParsedDocument, ns: string | undefined): void => {
    const own = str(obj(d.value.metadata)?.namespace);
    const effective = ns ?? own ?? "";
    const set = reached.get(d) ?? new Set<string>();
    set.add(effective);
    reached.set(d, set);
  };

  const walk = (dir: string, outer: string | undefined, stack: Set<string>): void => {
    if (stack.has(dir)) return;
    const seen = new Set([...stack, dir]);
    const kfile = kustomizationIn(files, dir);
    if (kfile) {
      const k = byFile.get(kfile)?.[0]?.value;
      if (!k) return;
      const ns = outer ?? str(k.namespace);
      const entries = [...arr(k.resources), ...arr(k.components)].filter((e): e is string => typeof e === "string");
      for (const e of entries) {
        const target = joinPath(dir, e);
        if (files.has(target)) for (const d of byFile.get(target) ?? []) mark(d, ns);
        else if (kustomizationIn(files, target)) walk(target, ns, seen);
      }
      return;
    }
    // Flux generates a kustomization for a directory without one: YAML files here, and
    // subdirectories (those with a kustomization.yaml are built as a unit).
    const prefix = dir ? `${dir}/` : "";
    const subdirs = new Set<string>();
    for (const f of files.keys()) {
      if (!f.startsWith(prefix)) continue;
      const rest = f.slice(prefix.length);
      const slash = rest.indexOf("/");
      if (slash < 0) {
        if (isYamlFile(f)) for (const d of byFile.get(f) ?? []) if (isKubernetesObject(d.value)) mark(d, outer);
      } else subdirs.add(prefix + rest.slice(0, slash));
    }
    for (const s of [...subdirs].sort()) walk(s, outer, seen);
  };

  for (const d of documents) {
    const v = d.value;
    if (v.apiVersion === "kustomize.toolkit.fluxcd.io/v1" && v.kind === "Kustomization") {
      const spec = obj(v.spec);
      const path = str(spec?.path);
      if (path === undefined) continue;
      walk(joinPath("", path), str(spec?.targetNamespace), new Set());
    }
  }

  const out: TreeObject[] = [];
  for (const d of documents) {
    const v = d.value;
    if (!isKubernetesObject(v)) continue;
    const base = {
      ...d,
      apiVersion: String(v.apiVersion),
      kind: String(v.kind),
      name: str(obj(v.metadata)?.name) ?? "",
    };
    const namespaces = reached.get(d) ?? new Set([str(obj(v.metadata)?.namespace) ?? ""]);
    for (const namespace of [...namespaces].sort()) out.push({ ...base, namespace });
  }
  return out;
}
