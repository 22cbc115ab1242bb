import { afterAll, describe, expect, it } from "vitest";
import { renderTree } from "../src/index.js";
import { makeTree, removeTrees } from "./helpers.js";

afterAll(removeTrees);

const text = (c: string | Uint8Array) => (typeof c === "string" ? c : Buffer.from(c).toString("utf8"));

describe("makejinja plugins (module:Export)", () => {
  it("resolves <import_path>/<module>.mjs before .js, constructs with {data, config, env} and applies methods in makejinja's order", async () => {
    const cwd = makeTree({
      "scripts/plugin.mjs": `
        export class Plugin {
          constructor({ data, config, env }) { this.d = data; this.suffix = config.jinjaSuffix; this.env = env; }
          globals() { return [function shout(s) { return String(s).toUpperCase() + "!"; }]; }
          functions() { return { order: () => "function", greet: (n) => "hi " + n }; }
          data() { return { ...this.d, order: "data", seen_suffix: this.suffix }; }
          filters() { return [function double(v) { return v * 2; }]; }
          tests() { return { small: (v) => v < 10 }; }
        }`,
      "scripts/plugin.js": "export class Plugin { data() { return { order: 'js file was used' }; } }",
      "scripts/other.js": "export class Extra { data() { return { extra: 'from .js' }; } }",
      "t/out.txt.j2": "#{ order }# #{ greet(name) }# #{ shout('a') }# #{ 4 | double }# #{ 3 is small }# #{ seen_suffix }# #{ extra }#\n",
      "data.yaml": "name: world\n",
    });
    const result = await renderTree({ inputs: ["t"], cwd, dataFiles: ["data.yaml"], plugins: ["plugin:Plugin", "other:Extra"], importPaths: ["scripts"] });
    expect(result.errors).toEqual([]);
    // data() runs after functions(), so its "order" wins — as in makejinja's process_loader.
    expect(text(result.files[0]!.contents)).toBe("data hi world A! 8 True .j2 from .js\n");
  });

  it("reports a plugin that cannot be found with the paths it looked in", async () => {
    const cwd = makeTree({ "t/x.txt.j2": "x\n", "scripts/": "" });
    const result = await renderTree({ inputs: ["t"], cwd, plugins: ["missing:Plugin"], importPaths: ["scripts"] });
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        template: "makejinja.toml",
        line: 0,
        col: 0,
        message: 'plugin "missing:Plugin": no missing.mjs or missing.js in import_paths (scripts). Add the directory holding it to import_paths.',
      },
    ]);
  });
});
