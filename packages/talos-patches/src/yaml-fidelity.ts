import { parse, Schema, type Tags } from "yaml";
import type { TalosFilesIssue } from "./issues.js";
import { formatYamlPath } from "./yaml-path.js";

/**
 * YAML 1.1 as Go's gopkg.in/yaml.v2 reads it: `yes`/`no`/`on`/`off`/`y`/`n` are booleans and `1_000` is
 * an integer, but base-60 numbers are not supported and timestamps stay strings when decoded untyped.
 * talhelper re-reads talconfig.yaml this way (its relative-path substitution round-trips the document
 * through yaml.v2), so a plain `on` label value would come back as `true`.
 */
const goYamlV2Tags = (tags: Tags): Tags =>
  tags.filter((tag) => {
    const t = tag as { format?: string; tag?: string };
    return t.format !== "TIME" && t.tag !== "tag:yaml.org,2002:timestamp";
  });

/** Built once: constructing a schema with custom tags costs more than parsing a talconfig.yaml. */
let goYamlV2Schema: Schema | undefined;
const goYamlV2 = () => (goYamlV2Schema ??= new Schema({ schema: "yaml-1.1", customTags: goYamlV2Tags }));

function firstDifference(expected: unknown, actual: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return path;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], [...path, i]);
      if (d) return d;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return path;
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const keys = Object.keys(e).filter((k) => e[k] !== undefined);
    if (keys.length !== Object.keys(a).length) return path;
    for (const key of keys) {
      if (!(key in a)) return [...path, key];
      const d = firstDifference(e[key], a[key], [...path, key]);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : path;
}

/**
 * Reads the serialized text back (YAML 1.2, and YAML 1.1 the way talhelper's yaml.v2 pass does when
 * `yaml11` is set) and reports the first place where a reader would see something other than `expected`.
 */
export function checkYamlFidelity(file: string, text: string, expected: unknown, yaml11: boolean): TalosFilesIssue[] {
  const issues: TalosFilesIssue[] = [];
  const readers: [string, () => unknown][] = [["YAML 1.2", () => parse(text)]];
  if (yaml11) readers.push(["talhelper's YAML 1.1 reader", () => parse(text, { version: "1.1", schema: goYamlV2() })]);
  for (const [name, read] of readers) {
    const difference = firstDifference(expected, read(), []);
    if (difference) {
      issues.push({
        file,
        path: formatYamlPath(difference),
        message: `${name} reads this value differently from what was generated (an unquoted YAML 1.1 boolean or number such as "yes", "on" or "1_000"). Use another value here.`,
      });
    }
  }
  return issues;
}
