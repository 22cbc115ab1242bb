#!/usr/bin/env node
// Build step: compiles every vendored schema to standalone ajv validation code (CommonJS), one
// module per schema in dist/validators/, so validateTree never compiles a schema at run time.
// Run after tsup: node tools/generate-validators.mjs
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const final = join(root, "dist", "validators");
const indexText = readFileSync(join(root, "schemas", "index.json"), "utf8");
const schemasHash = createHash("sha256").update(indexText).update(readFileSync(fileURLToPath(import.meta.url))).digest("hex");
const manifestPath = join(final, "manifest.json");
const previous = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : undefined;
if (previous?.schemasHash === schemasHash && Object.values(previous.files).every((f) => existsSync(join(final, f)))) {
  console.log("dist/validators is up to date");
  process.exit(0);
}
// Generate next to the final directory, then swap it in, so readers never see a half-written set.
const out = join(root, "dist", `validators.tmp-${process.pid}`);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const standaloneCode = standalone.default ?? standalone;

/** Keywords whose value is a schema, a list of schemas, or a map of name → schema (JSON Schema draft-07). */
const SCHEMA_KEYWORDS = ["items", "additionalItems", "additionalProperties", "contains", "propertyNames", "not", "if", "then", "else"];
const SCHEMA_LIST_KEYWORDS = ["allOf", "anyOf", "oneOf", "items"];
const SCHEMA_MAP_KEYWORDS = ["properties", "patternProperties", "definitions", "$defs", "dependencies"];

/** A copy of a schema node with `fn` applied to each direct sub-schema (and `description`s dropped: ajv ignores them). */
function mapSubschemas(node, fn) {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "description") continue;
    if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) out[key] = value.map(fn);
    else if (SCHEMA_KEYWORDS.includes(key)) out[key] = fn(value);
    else if (SCHEMA_MAP_KEYWORDS.includes(key) && value !== null && typeof value === "object" && !Array.isArray(value)) {
      // `dependencies` entries may be lists of property names: left as they are.
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v : fn(v)]));
    } else out[key] = value;
  }
  return out;
}

/** Sub-schemas smaller than this (characters of JSON) are cheaper inline than as a function call. */
const SHARE_MIN_CHARS = 150;

/**
 * CRD schemas are fully expanded: the same sub-schema (a container, an affinity, a probe…) is written
 * out wherever it is used. Every sub-schema of at least SHARE_MIN_CHARS characters that occurs more
 * than once becomes one `definitions` entry used through `$ref`, so with `inlineRefs: false` its code
 * exists once. Validation results (instancePath, keyword, params, message) do not change.
 */
function shareRepeats(schema) {
  const clean = (node) => mapSubschemas(node, clean);
  const stripped = clean(schema);
  const counts = new Map();
  const count = (node) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
    const key = JSON.stringify(node);
    if (key.length >= SHARE_MIN_CHARS) counts.set(key, (counts.get(key) ?? 0) + 1);
    mapSubschemas(node, count);
    return node;
  };
  mapSubschemas(stripped, count);
  const names = new Map();
  const definitions = {};
  const share = (node) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
    const key = JSON.stringify(node);
    if ((counts.get(key) ?? 0) < 2) return mapSubschemas(node, share);
    let name = names.get(key);
    if (!name) {
      name = `shared${names.size}`;
      names.set(key, name);
      definitions[name] = mapSubschemas(node, share);
    }
    return { $ref: `#/definitions/${name}` };
  };
  const root = mapSubschemas(stripped, share);
  if (names.size === 0) return root;
  if (root.definitions && Object.keys(root.definitions).some((k) => k.startsWith("shared"))) throw new Error("schema already has definitions named shared*");
  return { ...root, definitions: { ...root.definitions, ...definitions } };
}
const index = JSON.parse(indexText);
const manifest = {};
for (const entry of index.files) {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    unicodeRegExp: true,
    code: { source: true },
    // A referenced schema (the Kubernetes definitions, the sub-schemas shareRepeats moves out) is one
    // function called from every use, not a copy per use: much less code to load and compile.
    inlineRefs: false,
  });
  const schema = JSON.parse(readFileSync(join(root, "schemas", entry.file), "utf8"));
  delete schema.$id;
  const validate = ajv.compile(shareRepeats(schema));
  const name = entry.file.replace(/\.json$/, "").replace(/[^A-Za-z0-9]+/g, "_");
  writeFileSync(join(out, `${name}.cjs`), standaloneCode(ajv, validate));
  manifest[entry.file] = `${name}.cjs`;
}
writeFileSync(join(out, "manifest.json"), `${JSON.stringify({ schemasHash, files: manifest }, null, 1)}\n`);
rmSync(final, { recursive: true, force: true });
renameSync(out, final);
console.log(`generated ${Object.keys(manifest).length} validators in dist/validators`);
