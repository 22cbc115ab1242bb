import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { defineConfig, type Options } from "tsup";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/** dist/THIRD_PARTY_LICENSES: name, version, license and the license text of every package bundled into the CLI. */
const thirdPartyLicenses: Plugin = {
  name: "third-party-licenses",
  setup(build) {
    build.initialOptions.metafile = true;
    build.onEnd((result) => {
      if (!result.metafile) return;
      const roots = new Set<string>();
      for (const input of Object.keys(result.metafile.inputs)) {
        const m = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, "/"));
        if (m) roots.add(resolve(m[1]!));
      }
      const sections = [...roots]
        .map((root) => {
          const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string; license?: string };
          const file = readdirSync(root).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
          if (!file) throw new Error(`${pkg.name} is bundled into dist/cli.js but ships no license file`);
          return { name: pkg.name, text: `${pkg.name}@${pkg.version} (${pkg.license ?? "see below"})\n\n${readFileSync(join(root, file), "utf8").trim()}\n` };
        })
        .sort((a, b) => (a.name < b.name ? -1 : 1));
      const header = "Third-party software bundled into dist/cli.js of @talos-cluster/jinja-delimiter-renderer.\n";
      const outDir = build.initialOptions.outdir ?? "dist";
      if (!existsSync(outDir)) return;
      writeFileSync(join(outDir, "THIRD_PARTY_LICENSES"), [header, ...sections.map((s) => s.text)].join(`\n${"-".repeat(78)}\n\n`));
    });
  },
};

const shared: Options = { format: ["esm"], target: "node20", platform: "node", sourcemap: false, splitting: false };

export default defineConfig([
  // The library keeps its dependencies as dependencies. It cleans dist/ except the CLI build's outputs.
  { ...shared, entry: { index: "src/index.ts" }, dts: { entry: { index: "src/index.ts" } }, clean: ["!cli.js", "!cli-renderer.js", "!cli-shared.js", "!THIRD_PARTY_LICENSES"] },
  {
    ...shared,
    // The renderer, which the CLI imports only for a run that renders, is a file of its own (cli-renderer.js);
    // esbuild's helpers both use go to cli-shared.js. Fixed names, so a rebuild leaves no stale files.
    entry: { cli: "src/cli.ts", "cli-renderer": "src/index.ts" },
    clean: false,
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = "cli-shared";
    },
    // One self-contained file: loading yaml, nunjucks and smol-toml from their ~200 separate CommonJS files costs
    // ~40 ms of every run (measured with bench/run.mjs).
    noExternal: ["yaml", "nunjucks", "smol-toml"],
    // nunjucks' file watcher (only loaded with `watch: true`, never used here) stays an unresolved optional require.
    external: ["chokidar", "fsevents"],
    // Bundled CommonJS code calls `require` for Node built-ins; an ES module has none of its own.
    banner: { js: 'import { createRequire as __bundledCreateRequire } from "node:module";\nconst require = __bundledCreateRequire(import.meta.url);' },
    esbuildPlugins: [thirdPartyLicenses],
  },
]);
