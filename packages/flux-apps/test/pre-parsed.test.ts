import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toYamlDocuments } from "@talos-cluster/config-schema";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { buildFluxTree, validateTree, type FluxContribution } from "../src/index.js";
import { plainDocuments } from "../src/validate/plain-documents.js";
import { fakeSecrets, fullConfig, minimalConfig } from "./fixtures/configs.js";

/** What validateTree sees for a file: its text parsed back. */
const reparse = (docs: unknown[]): unknown[] => parseAllDocuments(toYamlDocuments(docs)).map((d) => d.toJS() as unknown);

/** Equal values with equal key order (JSON.stringify is order-sensitive). */
function expectSame(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe("buildFluxTree validates the objects it wrote without parsing them again", () => {
  it.each([
    ["minimal", minimalConfig],
    ["all-features", fullConfig],
  ] as const)("the objects are exactly what parsing the %s tree's files gives", async (_name, config) => {
    const built = await buildFluxTree(config, { secrets: fakeSecrets });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    let checked = 0;
    for (const [file, text] of built.files) {
      if (!/\.ya?ml$/.test(file) || !text.startsWith("---\n")) continue;
      const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
      expectSame(plainDocuments(docs), reparse(docs));
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("copies values the way the YAML writer and reader would see them", () => {
    const tricky = [
      "", " leading", "trailing ", "a\r\nb", "multi\nline\n", "tab\tx", "#x", "- x", "a: b", "null", "~", "yes", "0x1F",
      "1e3", "012", "1:20", "2024-01-01", "'quoted'", '"dq"', "\u2028", "${VAR}", "é ü 漢", "{a: 1}", "[1]", "*alias", "&anchor", "!tag", "%x", "@x", "`x",
    ];
    const doc = {
      spec: { b: undefined, values: { list: [1, undefined, null, true, 0.5, 1e21, -3, 2 ** 53 + 2], strings: tricky, nested: [{ x: [] }, {}] } },
      metadata: { name: "x", labels: Object.assign(Object.create(null) as object, { a: "1" }) },
      kind: "ConfigMap",
      apiVersion: "v1",
    };
    expectSame(plainDocuments([doc]), reparse([doc]));
    expect(Object.keys(plainDocuments([doc])![0]!)).toEqual(["apiVersion", "kind", "metadata", "spec"]);
  });

  it("leaves values whose YAML form differs to the parser", () => {
    for (const odd of [new Date(0), Number.NaN, Number.POSITIVE_INFINITY, -0, 1n, () => 1, new Map()]) {
      expect(plainDocuments([{ kind: "ConfigMap", data: { x: odd } }])).toBeUndefined();
    }
    expect(plainDocuments([null])).toBeUndefined();
    expect(plainDocuments([["a"]])).toBeUndefined();
    expect(plainDocuments([JSON.parse('{"__proto__": {"a": 1}}')])).toBeUndefined();
  });

  it("reports schema problems in a contributed object by file and YAML path", async () => {
    const bad: FluxContribution = {
      apps: [
        {
          namespace: "default",
          name: "bad",
          kustomization: {},
          files: [{ path: "cm.yaml", documents: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "bad", labels: { n: 1 } }, data: { a: "x" }, bogus: true }] }],
        },
      ],
    };
    const result = await buildFluxTree(minimalConfig, { secrets: fakeSecrets, contributions: [bad] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.file} ${e.path} ${e.rule} ${e.message}`)).toEqual([
      'kubernetes/apps/default/bad/app/cm.yaml [0].bogus schema Unknown field "bogus". Remove it or check its spelling against the schema.',
      "kubernetes/apps/default/bad/app/cm.yaml [0].metadata.labels.n schema Must be of type string,null.",
    ]);
  });

  it("parses a generated file that an override replaced, and validates that text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flux-overrides-"));
    mkdirSync(join(dir, "kubernetes/apps/default/echo"), { recursive: true });
    writeFileSync(
      join(dir, "kubernetes/apps/default/echo/ks.yaml.j2"),
      "---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: echo\n  namespace: default\nspec:\n  interval: 1h\n  path: ./kubernetes/apps/default/echo/app\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n    namespace: flux-system\n  bogus: 1\n",
    );
    const result = await buildFluxTree(minimalConfig, { secrets: fakeSecrets, overridesDir: dir });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.file} ${e.path} ${e.message}`)).toEqual([
      'kubernetes/apps/default/echo/ks.yaml [0].spec.bogus Unknown field "bogus". Remove it or check its spelling against the schema.',
    ]);
  });

  it("gives the same verdict as validateTree on the returned text", async () => {
    const built = await buildFluxTree(fullConfig, { secrets: fakeSecrets });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    expect(validateTree(built.files)).toEqual([]);
  });
});
