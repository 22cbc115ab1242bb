import { Document, isScalar, visit } from "yaml";

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

/**
 * Plain scalars that a YAML 1.1 reader (PyYAML, go-yaml v2 as used by talhelper and older
 * Kubernetes tooling) would load as something other than a string: booleans (`yes`, `on`, `y`),
 * null (`~`), octal/binary/hex/underscored/sexagesimal numbers, floats and timestamps.
 * Such strings are written double-quoted so every reader sees the same string.
 */
const YAML11_NON_STRING = new RegExp(
  [
    "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$",
    "^(?:~|null|Null|NULL)$",
    "^[-+]?0b[0-1_]+$",
    "^[-+]?0[0-7_]+$",
    "^[-+]?(?:0|[1-9][0-9_]*)$",
    "^[-+]?0x[0-9a-fA-F_]+$",
    "^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$",
    // Floats as PyYAML resolves them (the 1.1 spec's `[0-9.]*` would make "192.168.1.10" a float; no reader does that).
    "^[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?$",
    "^\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?$",
    "^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*$",
    "^[-+]?\\.(?:inf|Inf|INF)$",
    "^\\.(?:nan|NaN|NAN)$",
    "^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)?$",
    "^(?:<<|=)$",
  ].join("|"),
);

export interface ToYamlOptions {
  /** A comment block (without `#`) written above the document. */
  header?: string;
}

/**
 * The project's single YAML serializer: deterministic, `apiVersion, kind, metadata` first,
 * `undefined` dropped, no line folding, block style, YAML 1.2 output that YAML 1.1 readers
 * load identically (strings that 1.1 would retype are quoted).
 */
export function toYaml(value: unknown, options: ToYamlOptions = {}): string {
  const doc = new Document(normalize(value), { version: "1.2", aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && YAML11_NON_STRING.test(node.value)) {
        node.type = "QUOTE_DOUBLE";
      }
    },
  });
  const body = doc.toString({
    lineWidth: 0,
    minContentWidth: 0,
    indent: 2,
    indentSeq: true,
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
  });
  return commentBlock(options.header) + body;
}

/** Several documents in one file, each starting with `---`. */
export function toYamlDocuments(values: readonly unknown[], options: ToYamlOptions = {}): string {
  return commentBlock(options.header) + values.map((v) => `---\n${toYaml(v)}`).join("");
}

/** `header` as `# ` comment lines ("" when there is none). */
function commentBlock(header: string | undefined): string {
  if (!header) return "";
  return `${header
    .split("\n")
    .map((l) => (l ? `# ${l}` : "#"))
    .join("\n")}\n`;
}
