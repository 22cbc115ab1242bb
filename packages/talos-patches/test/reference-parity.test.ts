import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildTalosFiles } from "../src/index.js";
import { referencePrivate, referencePublic } from "./fixtures/configs.js";

const referenceRoot = fileURLToPath(new URL("./fixtures/reference/", import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return path.endsWith(".yaml") ? [path] : [];
  });
}

/**
 * The deliberate differences from the reference's rendered output that change data (the package README
 * lists them all, including the ones that only change the text). Each is applied to the reference's
 * render before the field-for-field comparison, so any other difference fails the test.
 */
const deliberateDifferences: { file: string; why: string; apply: (doc: any) => void }[] = [
  {
    file: "talos/patches/controller/cluster.yaml",
    why: "Talos extraArgs values are strings; the reference's YAML boolean fails the Talos schema",
    apply: (doc) => {
      expect(doc.cluster.apiServer.extraArgs["enable-aggregator-routing"]).toBe(true);
      doc.cluster.apiServer.extraArgs["enable-aggregator-routing"] = "true";
    },
  },
];

describe.each([
  ["public", referencePublic],
  ["private", referencePrivate],
] as const)("the reference's %s test configuration", (name, fixture) => {
  const result = buildTalosFiles(fixture());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const dir = join(referenceRoot, name);
  const referenceFiles = yamlFiles(dir).map((p) => relative(dir, p).split("\\").join("/")).sort();

  it("renders the same YAML files", () => {
    expect([...result.files.keys()].filter((f) => f.endsWith(".yaml"))).toEqual(referenceFiles);
  });

  it.each(referenceFiles)("%s matches field for field, except the deliberate differences", (file) => {
    const reference = parse(readFileSync(join(dir, file), "utf8"));
    for (const difference of deliberateDifferences.filter((d) => d.file === file)) difference.apply(reference);
    expect(parse(result.files.get(file)!)).toEqual(reference);
  });

  it("writes booleans as YAML booleans, not Python's True", () => {
    expect(result.files.get("talos/patches/controller/cluster.yaml")).toContain("allowSchedulingOnControlPlanes: true\n");
    for (const text of result.files.values()) expect(text).not.toMatch(/:\s(True|False)\s*$/m);
  });
});
