import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { parseIdentityFile } from "../src/index.js";

export const fixtures = join(import.meta.dirname, "fixtures");
export const vectorsDir = join(fixtures, "sops-vectors");

/** A published test identity (fluxcd/kustomize-controller) and its recipient. */
export const IDENTITY = parseIdentityFile(
  readFileSync(join(vectorsDir, "keys/fluxcd-kustomize-controller-age.txt"), "utf8"),
)[0] as string;
export const RECIPIENT = "age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29";
export const OTHER_IDENTITY = parseIdentityFile(
  readFileSync(join(vectorsDir, "keys/fluxcd-kustomize-controller-age-global.txt"), "utf8"),
)[0] as string;
export const OTHER_RECIPIENT = "age1henwn645drkd3fa34t27t2w2x0nsgw3w4h62gmg5x5xflyjpy38s5cncph";

export const corpus = readdirSync(join(fixtures, "corpus"))
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(fixtures, "corpus", name), "utf8") }));

/** The data of a YAML stream as go-yaml-like plain values (via the yaml package, core schema, ints as bigint). */
export function yamlData(text: string): unknown[] {
  return parseAllDocuments(text, { intAsBigInt: true }).map((d) => normalize(d.toJS()));
}

function normalize(v: unknown): unknown {
  if (typeof v === "bigint") return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
  return v;
}

/** Lines of `text` that hold `key:` followed by a clear-text value (not ENC[…]). */
export function clearLines(text: string): string[] {
  return text.split("\n").filter((l) => /^\s*[\w.-]+: \S/.test(l) && !l.includes("ENC["));
}
