import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const validatorsDir = join(root, "dist", "validators");
const built = existsSync(join(validatorsDir, "manifest.json"));
const require = createRequire(import.meta.url);

type Json = Record<string, unknown>;

function goldenDocuments(): Json[] {
  const out: Json[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(p)) {
        for (const d of parseAllDocuments(readFileSync(p, "utf8"))) {
          const v: unknown = d.toJS();
          if (v && typeof v === "object" && !Array.isArray(v)) out.push(v as Json);
        }
      }
    }
  };
  for (const tree of ["all-features", "minimal"]) walk(join(root, "test", "golden", tree));
  return out;
}

/** Every broken variant of a document: an unknown field in each object, a wrong type at each leaf. */
function* brokenVariants(doc: Json): Generator<Json> {
  const paths: { path: (string | number)[]; leaf: boolean }[] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === "object") {
      paths.push({ path, leaf: false });
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    } else paths.push({ path, leaf: true });
  };
  walk(doc, []);
  for (const { path, leaf } of paths) {
    const copy = structuredClone(doc);
    let parent: Json = copy;
    for (const k of path.slice(0, -1)) parent = parent[k] as Json;
    const last = path.at(-1);
    if (!leaf) ((last === undefined ? copy : parent[last]) as Json).zzUnknownField = 1;
    else if (last !== undefined) parent[last] = typeof parent[last] === "string" ? 5 : "x";
    yield copy;
  }
}

const report = (v: ValidateFunction, x: unknown): unknown => [v(x), (v.errors ?? []).map((e) => [e.instancePath, e.keyword, e.params, e.message])];

describe("validators generated at build time (dist/validators)", () => {
  it.skipIf(!built)("report exactly what ajv reports for the vendored schema, for valid and broken documents", () => {
    const index = JSON.parse(readFileSync(join(root, "schemas", "index.json"), "utf8")) as { files: { file: string; apiVersion: string | null; kind: string | null }[] };
    const manifest = (JSON.parse(readFileSync(join(validatorsDir, "manifest.json"), "utf8")) as { files: Record<string, string> }).files;
    const fileOf = new Map(index.files.filter((e) => e.apiVersion && e.kind).map((e) => [`${e.apiVersion} ${e.kind}`, e.file]));
    const pairs = new Map<string, [ValidateFunction, ValidateFunction]>();
    let compared = 0;
    for (const doc of goldenDocuments()) {
      const file = fileOf.get(`${String(doc.apiVersion)} ${String(doc.kind)}`);
      if (!file) continue;
      let pair = pairs.get(file);
      if (!pair) {
        const schema = JSON.parse(readFileSync(join(root, "schemas", file), "utf8")) as Json;
        delete schema.$id;
        const fromSchema = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: true }).compile(schema);
        const loaded = require(join(validatorsDir, manifest[file]!)) as ValidateFunction & { default?: ValidateFunction };
        pair = [fromSchema, loaded.default ?? loaded];
        pairs.set(file, pair);
      }
      for (const x of [doc, ...brokenVariants(doc)]) {
        expect(report(pair[1], x)).toEqual(report(pair[0], x));
        compared++;
      }
    }
    expect(pairs.size).toBeGreaterThan(20);
    expect(compared).toBeGreaterThan(1000);
  });
});
