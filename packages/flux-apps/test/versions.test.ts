import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allPins, CHARTS } from "../src/index.js";

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

  it("validates Envoy Gateway objects against the CRDs of the pinned gateway-helm release", () => {
    // Bumping the chart without re-vendoring (tools/vendor-schemas.mjs) would validate against stale CRDs.
    const index = JSON.parse(readFileSync(new URL("../schemas/index.json", import.meta.url), "utf8")) as {
      files: Array<{ file: string; source: string; release?: string }>;
    };
    const notice = readFileSync(new URL("../schemas/NOTICE.md", import.meta.url), "utf8");
    const pin = CHARTS["envoy-gateway"].version;
    const envoy = index.files.filter((f) => f.file.startsWith("gateway.envoyproxy.io/"));
    const gatewayApi = index.files.filter((f) => f.file.startsWith("gateway.networking.k8s.io/"));
    expect(envoy.length).toBeGreaterThan(0);
    expect(gatewayApi.length).toBeGreaterThan(0);
    for (const f of envoy) expect({ file: f.file, release: f.release }).toEqual({ file: f.file, release: pin });
    // Gateway API comes from the bundle inside that same chart: its source row names the chart's tag.
    for (const source of new Set(gatewayApi.map((f) => f.source))) {
      const row = notice.split("\n").find((l) => l.startsWith(`| ${source} |`));
      expect(row?.split("|").map((c) => c.trim())[3]).toBe(pin);
    }
  });
});
