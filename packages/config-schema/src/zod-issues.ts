import { stringify } from "yaml";
import type { z } from "zod";
import { didYouMean } from "./did-you-mean.js";
import { type PathSegment, formatPath } from "./issues.js";
import { unsupportedKeyMessage } from "./unsupported-keys.js";

/** A problem before it is placed in a file: which file, which key path, where to point. */
export interface RawIssue {
  source: "cluster" | "nodes";
  path: PathSegment[];
  message: string;
  /** Point at the key instead of its value (unknown keys). */
  at?: "key" | "value";
  /** Place the issue at this path instead of `path` (e.g. the key that turned a feature on). */
  anchor?: PathSegment[];
}

export interface KeyCatalog {
  /** Known keys of the object at this path of this file. */
  keysAt(source: RawIssue["source"], path: readonly PathSegment[]): readonly string[];
  /** Keys of the other file, to say "this belongs in nodes.yaml". */
  otherFileKeys(source: RawIssue["source"], path: readonly PathSegment[]): readonly string[];
  /** An example value for a missing required key, if one is documented. */
  example(source: RawIssue["source"], path: readonly PathSegment[]): unknown;
  /** Whether the key must be present. */
  required(source: RawIssue["source"], path: readonly PathSegment[]): boolean;
  /** The documentation of a key, if any. */
  description(source: RawIssue["source"], path: readonly PathSegment[]): string | undefined;
}

const FILE_NAME = { cluster: "cluster.yaml", nodes: "nodes.yaml" } as const;

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return "no value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isInteger(value) ? "a whole number" : "a decimal number";
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: "text",
  boolean: "true or false",
  number: "a number",
  int: "a whole number",
  array: "a list",
  object: "a mapping (key: value lines)",
  record: "a mapping (key: value lines)",
};

/** An example value as the user would write it in YAML (flow style, quoted only when needed). */
function describeExample(example: unknown): string {
  return stringify(example, { collectionStyle: "flow", lineWidth: 0, version: "1.2" }).trim();
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

function typeMessage(
  issue: z.core.$ZodIssueInvalidType,
  input: unknown,
  key: string,
  example: unknown,
  description: string | undefined,
  required: boolean,
): string {
  if (input === undefined) {
    if (example !== undefined) return `Missing required key ${key}. Add it, e.g. ${key}: ${describeExample(example)}.`;
    const what = description ? `: ${description.replace(/\.$/, "")}` : "";
    return `Missing required key ${key}${what}. Add it.`;
  }
  if (input === null && /^[0-9]+$/.test(key)) return "This list entry is empty. Fill it in or remove the line.";
  if (input === null) {
    if (!required) return `${key} has no value. Set a value or remove the line.`;
    if (example !== undefined) return `${key} has no value. Set it, e.g. ${key}: ${describeExample(example)}.`;
    return `${key} has no value. Set it${description ? ` (${lowerFirst(description.replace(/\.$/, ""))})` : ""}.`;
  }
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  let fix = "";
  if (issue.expected === "boolean") fix = typeof input === "string" ? " Write true or false without quotes." : " Write true or false.";
  else if (issue.expected === "string" && (typeof input === "number" || typeof input === "boolean")) fix = " Put the value in quotes.";
  else if (issue.expected === "string") fix = " Write a single value.";
  else if (issue.expected === "array") fix = ' Write a YAML list: one "- item" line per entry, or [item1, item2].';
  else if ((issue.expected === "number" || issue.expected === "int") && typeof input === "string") {
    fix = /^[+-]?[0-9][0-9_.]*$/.test(input.trim())
      ? " Write the number without quotes."
      : ` Write a number${typeof example === "number" ? `, e.g. ${key}: ${example}` : ""}.`;
  }
  else if (issue.expected === "int" || issue.expected === "number") fix = " Write a whole number.";
  return `Expected ${expected}, got ${kindOf(input)}.${fix}`;
}

/** Turns zod issues into messages that say what is wrong and how to fix it. */
export function fromZodIssues(
  source: RawIssue["source"],
  issues: readonly z.core.$ZodIssue[],
  data: unknown,
  catalog: KeyCatalog,
): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p === "string" || typeof p === "number");
    const key = String(path[path.length - 1] ?? FILE_NAME[source]);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const unknown of issue.keys) {
          out.push({ source, path: [...path, unknown], at: "key", message: unknownKeyMessage(source, path, unknown, catalog) });
        }
        break;
      case "invalid_type": {
        const input = valueAt(data, path);
        if (path.length === 0) {
          out.push({
            source,
            path,
            message:
              input === null || input === undefined
                ? `${FILE_NAME[source]} is empty. Add the settings as key: value lines (see ${FILE_NAME[source].replace(".yaml", ".sample.yaml")}).`
                : `${FILE_NAME[source]} must be a mapping of key: value lines, not ${kindOf(input)}.`,
          });
        } else {
          out.push({
            source,
            path,
            message: typeMessage(
              issue,
              input,
              key,
              catalog.example(source, path),
              catalog.description(source, path),
              catalog.required(source, path),
            ),
          });
        }
        break;
      }
      case "invalid_key": {
        const inner = issue.issues[0]?.message ?? "Invalid key.";
        out.push({ source, path, at: "key", message: inner });
        break;
      }
      case "invalid_union": {
        const input = valueAt(data, path);
        if (input === null) {
          const fix = catalog.required(source, path) ? "Set a value." : "Set a value or remove the line.";
          out.push({ source, path, message: `${key} has no value. ${fix}` });
        }
        else out.push({ source, path, message: issue.message });
        break;
      }
      case "too_small":
      case "too_big": {
        if (!/^Too (small|big):/.test(issue.message)) {
          out.push({ source, path, message: issue.message });
          break;
        }
        // zod's own bounds (e.g. the safe-integer range behind .int()) repeat a check that already
        // has a message of ours at the same path; only speak when nothing else did.
        const samePath = issues.some((other) => other !== issue && other.path.join("\u0000") === issue.path.join("\u0000"));
        if (!samePath) {
          const bound = issue.code === "too_small" ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
          out.push({ source, path, message: `The value is out of range. Use a value of ${bound}.` });
        }
        break;
      }
      default:
        out.push({ source, path, message: issue.message });
    }
  }
  return out;
}

function unknownKeyMessage(source: RawIssue["source"], path: readonly PathSegment[], key: string, catalog: KeyCatalog): string {
  if (path.length === 0) {
    const unsupported = unsupportedKeyMessage(key);
    if (unsupported) return unsupported;
  }
  const known = catalog.keysAt(source, path);
  const elsewhere = catalog.otherFileKeys(source, path);
  if (elsewhere.includes(key)) {
    const other = source === "cluster" ? "nodes.yaml" : "cluster.yaml";
    return `${key} belongs in ${other}, not ${FILE_NAME[source]}. Move it there.`;
  }
  const where = path.length === 0 ? FILE_NAME[source] : source === "nodes" ? "a node" : formatPath(path);
  const suggestion = didYouMean(key, known);
  if (suggestion) return `Unknown key ${key}. Did you mean ${suggestion}?`;
  return `Unknown key ${key}: it is not a setting of ${where}. Remove it or check the spelling.`;
}
