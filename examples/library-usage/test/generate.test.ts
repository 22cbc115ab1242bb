import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { generate } from "../src/generate.js";

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLE = resolve(here, "../../cluster");

it("generates the example cluster's talos/ and kubernetes/ trees in memory", async () => {
  const { files, problems } = await generate(EXAMPLE);
  expect(problems).toEqual([]);
  expect(files.get("talos/talconfig.yaml")).toContain("clusterName:");
  expect(files.has("kubernetes/flux/cluster/ks.yaml")).toBe(true);
  expect([...files.keys()].filter((p) => p.endsWith("/ks.yaml")).length).toBeGreaterThan(5);
});

it("runs as a program (the built dist/generate.js) and lists the files", () => {
  const r = spawnSync(process.execPath, [resolve(here, "../dist/generate.js"), EXAMPLE], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^ +\d+  talos\/talconfig\.yaml$/m);
});

it("runs as a program through a symlinked path with a space in it", () => {
  const dir = mkdtempSync(join(tmpdir(), "library usage "));
  try {
    const link = join(dir, "generate.js");
    symlinkSync(resolve(here, "../dist/generate.js"), link);
    const r = spawnSync(process.execPath, [link, EXAMPLE], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ +\d+  talos\/talconfig\.yaml$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
