import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  buildDiskEncryptionPatch,
  buildTalconfig,
  buildTalosFiles,
  formatTalosFilesIssue,
  validateTalconfig,
  validateTalosPatch,
  type TalosFilesIssue,
} from "../src/index.js";
import { minimalSingleNode, referencePublic } from "./fixtures/configs.js";

const lines = (issues: TalosFilesIssue[]) => issues.map(formatTalosFilesIssue);
const CLUSTER = "talos/patches/controller/cluster.yaml";

describe("validateTalosPatch", () => {
  it("rejects the reference's controller patch: a boolean extraArgs value", () => {
    const text = readFileSync(new URL("./fixtures/reference/public/talos/patches/controller/cluster.yaml", import.meta.url), "utf8");
    // talhelper unescapes `$$` before Talos reads the patch.
    const patch = parse(text.replace(/\$\$/g, "$"));
    expect(lines(validateTalosPatch(patch, CLUSTER))).toMatchInlineSnapshot(`
      [
        "talos/patches/controller/cluster.yaml  cluster.apiServer.extraArgs.enable-aggregator-routing  Is a boolean, but the Talos v1.11 machine-config schema requires string. Write it as a quoted string ("true").",
      ]
    `);
  });

  it("names the file and YAML path of unknown keys, with a did-you-mean", () => {
    const issues = validateTalosPatch(
      { machine: { kubelet: { extraArg: { "feature-gates": "x" } }, sysctls: { "net.core.rmem_max": 7500000 } } },
      "talos/patches/global/machine-kubelet.yaml",
    );
    expect(lines(issues)).toMatchInlineSnapshot(`
      [
        "talos/patches/global/machine-kubelet.yaml  machine.kubelet.extraArg  Unknown key "extraArg": the Talos v1.11 machine-config schema has no such field here. Did you mean "extraArgs"? Remove it or fix its spelling.",
        "talos/patches/global/machine-kubelet.yaml  machine.sysctls["net.core.rmem_max"]  Is an integer, but the Talos v1.11 machine-config schema requires string. Write it as a quoted string ("7500000").",
      ]
    `);
  });

  it("tolerates a strategic-merge `$patch: delete` where the schema expects another type", () => {
    expect(validateTalosPatch({ cluster: { apiServer: { admissionControl: { $patch: "delete" } } } }, CLUSTER)).toEqual([]);
  });

  it("still reports a misspelt field that carries `$patch: delete`", () => {
    const issues = validateTalosPatch({ cluster: { apiServer: { admissionControls: { $patch: "delete" } } } }, CLUSTER);
    expect(lines(issues)).toEqual([
      expect.stringContaining(`cluster.apiServer.admissionControls  Unknown key "admissionControls"`),
    ]);
    expect(issues[0]!.message).toContain(`Did you mean "admissionControl"?`);
  });

  it("accepts the deprecated machine.systemDiskEncryption, but checks its contents", () => {
    expect(validateTalosPatch(buildDiskEncryptionPatch(), "x.yaml")).toEqual([]);
    const broken = { machine: { systemDiskEncryption: { state: { provider: "luks2", keys: [{ slot: "0", tmp: {} }] } } } };
    expect(lines(validateTalosPatch(broken, "x.yaml"))).toMatchInlineSnapshot(`
      [
        "x.yaml  machine.systemDiskEncryption.state.keys[0].slot  Is a string, but the Talos v1.11 machine-config schema requires integer.",
        "x.yaml  machine.systemDiskEncryption.state.keys[0].tmp  Unknown key "tmp": the Talos v1.11 machine-config schema has no such field here. Did you mean "tpm"? Remove it or fix its spelling.",
      ]
    `);
  });

  it("validates machine.time (deprecated upstream, still in the v1.11 schema)", () => {
    expect(validateTalosPatch({ machine: { time: { disabled: false, servers: ["pool.ntp.org"] } } }, "t.yaml")).toEqual([]);
    expect(lines(validateTalosPatch({ machine: { time: { disabled: "no" } } }, "t.yaml"))).toEqual([
      expect.stringContaining("t.yaml  machine.time.disabled  Is a string, but the Talos v1.11 machine-config schema requires boolean."),
    ]);
  });
});

describe("validateTalconfig", () => {
  it("reports a node without an install disk, naming both choices", () => {
    const talconfig = buildTalconfig(minimalSingleNode());
    delete talconfig.nodes[0]!.installDisk;
    expect(lines(validateTalconfig(talconfig))).toMatchInlineSnapshot(`
      [
        "talos/talconfig.yaml  nodes[0]  must set one of "installDisk" or "installDiskSelector" (talhelper's talconfig.yaml schema (v3)).",
      ]
    `);
  });

  it("reports a document that is not a mapping instead of throwing", () => {
    expect(lines(validateTalconfig(null))).toEqual([
      "talos/talconfig.yaml  (document)  Is null, but talhelper's talconfig.yaml schema (v3) requires object.",
    ]);
  });

  it("sorts the schema's issues by path even when nodes is not a list", () => {
    // The schema lists talosVersion before endpoint and nodes.
    const talconfig = { ...buildTalconfig(minimalSingleNode()), talosVersion: 1, endpoint: 1, nodes: "cp-1" };
    expect(validateTalconfig(talconfig).map((i) => i.path)).toEqual(["endpoint", "nodes", "talosVersion"]);
  });

  it("checks inline node patches against the Talos schema, with the path of the patch", () => {
    const talconfig = buildTalconfig(referencePublic());
    talconfig.nodes[1]!.patches = ["machine:\n  systemDiskEncryption:\n    state:\n      provider: 2\n"];
    expect(lines(validateTalconfig(talconfig))).toMatchInlineSnapshot(`
      [
        "talos/talconfig.yaml  nodes[1].patches[0] > machine.systemDiskEncryption.state.provider  Is 2, must be one of "luks2" (the Talos v1.11 machine-config schema).",
      ]
    `);
  });
});

describe("buildTalosFiles rejects what it cannot render correctly", () => {
  it("returns the file and YAML path instead of files when a value has the wrong type", () => {
    const config = referencePublic();
    // A caller bypassing the parser: the VLAN id as the string the reference's cluster.yaml holds.
    (config as { node_vlan_tag?: unknown }).node_vlan_tag = "100";
    const result = buildTalosFiles(config);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : lines(result.errors)).toMatchInlineSnapshot(`
      [
        "talos/talconfig.yaml  nodes[0].networkInterfaces[0].vlans[0].vlanId  Is a string, but talhelper's talconfig.yaml schema (v3) requires integer.",
        "talos/talconfig.yaml  nodes[1].networkInterfaces[0].vlans[0].vlanId  Is a string, but talhelper's talconfig.yaml schema (v3) requires integer.",
      ]
    `);
  });

  it("keeps a value talhelper's YAML 1.1 pass would read as a boolean a string, by quoting it", () => {
    const config = minimalSingleNode();
    config.nodes[0]!.nodeLabels = { "example.com/gpu": "yes" };
    const result = buildTalosFiles(config);
    expect(result.ok ? [] : lines(result.errors)).toEqual([]);
    expect(result.ok && result.files.get("talos/talconfig.yaml")).toContain('example.com/gpu: "yes"');
  });
});
