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
const index = JSON.parse(indexText);
const manifest = {};
for (const entry of index.files) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: true, code: { source: true } });
  const schema = JSON.parse(readFileSync(join(root, "schemas", entry.file), "utf8"));
  delete schema.$id;
  const validate = ajv.compile(schema);
  const name = entry.file.replace(/\.json$/, "").replace(/[^A-Za-z0-9]+/g, "_");
  writeFileSync(join(out, `${name}.cjs`), standaloneCode(ajv, validate));
  manifest[entry.file] = `${name}.cjs`;
}
writeFileSync(join(out, "manifest.json"), `${JSON.stringify({ schemasHash, files: manifest }, null, 1)}\n`);
rmSync(final, { recursive: true, force: true });
renameSync(out, final);
console.log(`generated ${Object.keys(manifest).length} validators in dist/validators`);
