import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allPins } from "../src/index.js";

describe("version catalog", () => {
  it.each(allPins())("$name is pinned exactly ($version)", ({ version }) => {
    expect(version).not.toMatch(/latest/i);
    expect(version).not.toMatch(/-main$|^main$|-dev$/);
    expect(version).not.toMatch(/[*^~><=|\s]|(^|\.)x(\.|$)/i);
    // Exact: semver-like, or a release number for images that tag releases by integer (http-https-echo).
    expect(version).toMatch(/^v?\d+(\.\d+){0,2}([-.][0-9A-Za-z.-]+)?$/);
  });

  it("has a renovate annotation above every entry", () => {
    const source = readFileSync(new URL("../src/catalog/versions.ts", import.meta.url), "utf8");
    const lines = source.split("\n");
    const entries = lines.flatMap((l, i) => (/^\s+("?[\w-]+"?): \{ (url|repository):|^\s+("?[\w-]+"?): \{$/.test(l) ? [i] : []));
    expect(entries.length).toBe(allPins().length);
    for (const i of entries) expect(lines[i - 1]).toMatch(/^\s+\/\/ renovate: datasource=\S+( registryUrl=\S+)? depName=\S+$/);
  });

  it("templates reference versions only through the catalog", () => {
    // A template that hard-codes `tag: 1.2.3` would escape the catalog; they use charts/images/artifacts.
    const root = fileURLToPath(new URL("../templates", import.meta.url));
    const hits: string[] = [];
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      readFileSync(path, "utf8").split("\n").forEach((line, i) => {
        if (/(tag|version): *"?v?[0-9]+\.[0-9]/.test(line)) hits.push(`${path}:${i + 1}`);
      });
    }
    expect(hits).toEqual([]);
  });
});
