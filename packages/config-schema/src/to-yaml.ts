import { stringify } from "yaml";

/** Keys that lead every Kubernetes-style object, in this order. */
const LEADING_KEYS = ["apiVersion", "kind", "metadata"] as const;

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== undefined).map(normalize);
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const keys = Object.keys(source);
    const ordered = [
      ...LEADING_KEYS.filter((k) => keys.includes(k)),
      ...keys.filter((k) => !(LEADING_KEYS as readonly string[]).includes(k)),
    ];
    for (const key of ordered) {
      const v = source[key];
      if (v === undefined) continue;
      out[key] = normalize(v);
    }
    return out;
  }
  return value;
}

export interface ToYamlOptions {
  /** A comment block (without `#`) written above the document. */
  header?: string;
}

/**
 * The project's single YAML serializer: deterministic, `apiVersion, kind, metadata` first,
 * `undefined` dropped, no line folding, block style, YAML 1.2 core schema.
 */
export function toYaml(value: unknown, options: ToYamlOptions = {}): string {
  const body = stringify(normalize(value), {
    lineWidth: 0,
    minContentWidth: 0,
    indent: 2,
    indentSeq: true,
    version: "1.2",
    aliasDuplicateObjects: false,
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
  });
  const header = options.header
    ? options.header
        .split("\n")
        .map((l) => (l ? `# ${l}` : "#"))
        .join("\n") + "\n"
    : "";
  return header + body;
}

/** Several documents in one file, each starting with `---`. */
export function toYamlDocuments(values: readonly unknown[], options: ToYamlOptions = {}): string {
  const header = options.header ? toYaml(null, options).replace(/null\n$/, "") : "";
  return header + values.map((v) => `---\n${toYaml(v)}`).join("");
}
