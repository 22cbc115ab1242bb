import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatStep, Runner } from "../src/ops/exec.js";
import { shellJoin, shellQuote } from "../src/ops/shell-quote.js";
import { findTool } from "../src/ops/tools.js";
import { FAKE_BIN, calls, commandLines, fakeEnv, makeRepo } from "./fake-tools/harness.js";
import { captureContext } from "./helpers.js";

describe("shell quoting", () => {
  it("leaves plain words alone and quotes everything a shell would interpret", () => {
    expect(shellJoin(["talosctl", "--nodes=10.0.0.1,10.0.0.2", "talos/clusterconfig/talosconfig"])).toBe(
      "talosctl --nodes=10.0.0.1,10.0.0.2 talos/clusterconfig/talosconfig",
    );
    expect(shellQuote("kubectl apply --filename {}")).toBe("'kubectl apply --filename {}'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("$HOME")).toBe("'$HOME'");
  });

  it("prints env assignments and a working directory as a pasteable line", () => {
    expect(formatStep({ tool: "talhelper", args: ["genconfig"], cwd: "talos", env: { SOPS_AGE_KEY_FILE: "../age.key" } })).toBe(
      "(cd talos && SOPS_AGE_KEY_FILE=../age.key talhelper genconfig)",
    );
    expect(formatStep({ tool: "kubectl", args: ["apply", "--filename=-"], input: "secret: x", inputLabel: "2 objects" })).toBe(
      "kubectl apply --filename=-  # stdin: 2 objects",
    );
  });
});

describe("findTool", () => {
  it("finds executables only on the given PATH, never the process's", () => {
    expect(findTool("kubectl", { PATH: FAKE_BIN })).toBe(join(FAKE_BIN, "kubectl"));
    expect(findTool("kubectl", { PATH: "/nonexistent" })).toBeUndefined();
    expect(findTool("kubectl", {})).toBeUndefined();
  });

  it("skips files that are not executable", () => {
    const dir = join(makeRepo(), "bin");
    mkdirSync(dir);
    writeFileSync(join(dir, "flux"), "#!/bin/sh\n", { mode: 0o644 });
    expect(findTool("flux", { PATH: dir })).toBeUndefined();
  });
});

describe("Runner", () => {
  it("prints the command, streams the tool's output and returns its exit code", async () => {
    const root = makeRepo();
    const ctx = captureContext({ cwd: root, env: fakeEnv(root, { FAKE_FAIL: "kubectl version" }) });
    const runner = new Runner(ctx, root, false);
    runner.requireTools(["kubectl"]);
    const ok = await runner.run({ tool: "kubectl", args: ["get", "nodes"] });
    expect(ok.code).toBe(0);
    const bad = await runner.run({ tool: "kubectl", args: ["version"] }, { allowFailure: true });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("failing as asked");
    expect(ctx.out()).toBe("$ kubectl get nodes\nfake kubectl: ok\n$ kubectl version\n");
    await expect(runner.run({ tool: "kubectl", args: ["version"] }, { hint: "Try again later." })).rejects.toThrow(
      "Command failed with exit code 1: kubectl version\nTry again later.",
    );
  });

  it("never prints what it feeds on stdin or captures from stdout", async () => {
    const root = makeRepo();
    const ctx = captureContext({ cwd: root, env: fakeEnv(root) });
    const runner = new Runner(ctx, root, false);
    const secret = await runner.run({ tool: "talhelper", args: ["gensecret"] }, { capture: true });
    expect(secret.stdout).toContain("FAKE-TALOS-SECRET-VALUE");
    await runner.run({ tool: "kubectl", args: ["apply", "--filename=-"], input: secret.stdout, inputLabel: "the secret" });
    const piped = await runner.pipe(
      { tool: "talhelper", args: ["gensecret"] },
      { tool: "kubectl", args: ["apply", "--filename=-"] },
      { redirect: "out.yaml" },
    );
    expect(piped).toBe("fake kubectl: ok\n");
    expect(ctx.out()).toBe(
      "$ talhelper gensecret\n" +
        "$ kubectl apply --filename=-  # stdin: the secret\n" +
        "fake kubectl: ok\n" +
        "$ talhelper gensecret | kubectl apply --filename=- > out.yaml\n",
    );
    expect(ctx.out() + ctx.err()).not.toContain("FAKE-TALOS-SECRET-VALUE");
    expect(calls(root).map((c) => c.stdin)).toEqual([undefined, secret.stdout, undefined, secret.stdout]);
  });

  it("in dry-run mode prints only, and only warns about missing tools", async () => {
    const root = makeRepo();
    const ctx = captureContext({ cwd: root, env: fakeEnv(root, { PATH: "/nonexistent" }) });
    const runner = new Runner(ctx, root, true);
    runner.requireTools(["talosctl"]);
    await runner.run({ tool: "talosctl", args: ["version"] });
    expect(ctx.out()).toBe("$ talosctl version\n");
    expect(ctx.err()).toContain("warning: Missing required tool on PATH: talosctl");
    expect(commandLines(root)).toEqual([]);
  });
});
