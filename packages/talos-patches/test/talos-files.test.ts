import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildTalconfig, buildTalosFiles, formatTalosFilesIssue, installerImage } from "../src/index.js";
import { haCluster, minimalSingleNode, node, referencePublic, resolvedConfig } from "./fixtures/configs.js";

function files(...args: Parameters<typeof buildTalosFiles>): Map<string, string> {
  const result = buildTalosFiles(...args);
  if (!result.ok) throw new Error(result.errors.map(formatTalosFilesIssue).join("\n"));
  return result.files;
}
const talconfigOf = (f: Map<string, string>) => parse(f.get("talos/talconfig.yaml")!);

describe("determinism", () => {
  it("renders byte-identical files twice, and from an equal copy of the config", () => {
    const config = haCluster();
    const first = files(config);
    const second = files(config);
    const copy = files(structuredClone(config));
    expect([...second]).toEqual([...first]);
    expect([...copy]).toEqual([...first]);
  });

  it("does not modify the configuration it is given", () => {
    const config = haCluster();
    const before = structuredClone(config);
    files(config, { userPatches: { global: ["a.yaml"], nodes: { "cp-1": ["b.yaml"] } } });
    expect(config).toEqual(before);
  });
});

describe("talconfig.yaml", () => {
  it("selects each node's link by lowercase MAC and gives it a static address with the node_cidr prefix", () => {
    const config = minimalSingleNode();
    config.nodes[0]!.mac_addr = "BC:24:11:AA:BB:01";
    const [n] = talconfigOf(files(config)).nodes;
    expect(n.networkInterfaces).toEqual([
      {
        deviceSelector: { hardwareAddr: "bc:24:11:aa:bb:01" },
        dhcp: false,
        addresses: ["192.168.1.20/24"],
        routes: [{ network: "0.0.0.0/0", gateway: "192.168.1.1" }],
        mtu: 1500,
        vip: { ip: "192.168.1.10" },
      },
    ]);
  });

  it("puts the shared API VIP on controllers only", () => {
    const nodes = talconfigOf(files(haCluster())).nodes;
    const vips = nodes.map((n: any) => n.networkInterfaces[0].vlans[0].vip?.ip ?? null);
    expect(vips).toEqual(["10.20.0.100", "10.20.0.100", "10.20.0.100", null, null]);
  });

  it("raises the parent link's MTU for jumbo frames on a VLAN, and leaves a 1500 link alone", () => {
    const jumbo = talconfigOf(files(haCluster())).nodes[0].networkInterfaces[0];
    expect(jumbo.mtu).toBe(9000);
    expect(jumbo.vlans[0]).toMatchObject({ vlanId: 20, mtu: 9000, addresses: ["10.20.0.11/22"] });
    const standard = talconfigOf(files(referencePublic())).nodes[0].networkInterfaces[0];
    expect(standard).not.toHaveProperty("mtu");
    expect(standard).not.toHaveProperty("dhcp");
  });

  it("installs to a device path or to the disk with the given serial", () => {
    const nodes = talconfigOf(files(haCluster())).nodes;
    expect(nodes[0]).toMatchObject({ installDiskSelector: { serial: "S6PTNM0T123456A" } });
    expect(nodes[0]).not.toHaveProperty("installDisk");
    expect(nodes[2]).toMatchObject({ installDisk: "/dev/nvme0n1" });
    expect(nodes[2]).not.toHaveProperty("installDiskSelector");
  });

  it("uses the Image Factory installer without a tag (talhelper appends :<talosVersion>)", () => {
    const schematic = "a".repeat(64);
    expect(installerImage({ schematic_id: schematic, secureboot: false })).toBe(`factory.talos.dev/installer/${schematic}`);
    expect(installerImage({ schematic_id: schematic, secureboot: true })).toBe(`factory.talos.dev/installer-secureboot/${schematic}`);
    const n = talconfigOf(files(haCluster())).nodes[0];
    expect(n.machineSpec).toEqual({ secureboot: true });
    expect(n.talosImageURL).not.toContain(":");
  });

  it("lists the SANs 127.0.0.1, the VIP and cluster_api_tls_sans for API server and machine certificates", () => {
    const t = talconfigOf(files(haCluster()));
    const sans = ["127.0.0.1", "10.20.0.100", "k8s.example.net", "api.example.net"];
    expect(t.additionalApiServerCertSans).toEqual(sans);
    expect(t.additionalMachineCertSans).toEqual(sans);
    expect(t).toMatchObject({
      endpoint: "https://10.20.0.100:6443",
      talosVersion: "${talosVersion}",
      kubernetesVersion: "${kubernetesVersion}",
      cniConfig: { name: "none" },
    });
  });

  it("writes node labels and puts the TPM encryption patch before the node's own patch files", () => {
    const n = talconfigOf(files(haCluster(), { userPatches: { nodes: { "cp-1": ["z.yaml", "a.yaml"] } } })).nodes[0];
    expect(n.nodeLabels).toEqual({ "topology.kubernetes.io/region": "home", "topology.kubernetes.io/zone": "a" });
    expect(n.patches).toHaveLength(3);
    expect(parse(n.patches[0])).toEqual({
      machine: {
        systemDiskEncryption: {
          state: { provider: "luks2", keys: [{ slot: 0, tpm: {} }] },
          ephemeral: { provider: "luks2", keys: [{ slot: 0, tpm: {} }] },
        },
      },
    });
    expect(n.patches.slice(1)).toEqual(["@./patches/cp-1/a.yaml", "@./patches/cp-1/z.yaml"]);
  });

  it("references only files that exist: generated ones in the map, or the user's declared ones", () => {
    const userPatches = { global: ["mirrors.yaml"], controller: ["oidc.yaml"], worker: ["gpu.yaml"], nodes: { "worker-1": ["n.yaml"] } };
    const f = files(haCluster(), { userPatches });
    const t = talconfigOf(f);
    const refs: string[] = [
      ...t.patches,
      ...t.controlPlane.patches,
      ...t.worker.patches,
      ...t.nodes.flatMap((n: any) => (n.patches ?? []).filter((p: string) => p.startsWith("@"))),
    ];
    const declared = ["global/mirrors.yaml", "controller/oidc.yaml", "worker/gpu.yaml", "worker-1/n.yaml"];
    for (const ref of refs) {
      const path = ref.replace(/^@\.\/patches\//, "");
      expect(f.has(`talos/patches/${path}`) || declared.includes(path), ref).toBe(true);
    }
    expect(refs).toHaveLength(6 + 2 + 1 + 1); // global 5+1, controller 1+1, worker 1, node 1
  });

  it("omits worker patches when there are no workers, as the reference does", () => {
    const t = talconfigOf(files(minimalSingleNode(), { userPatches: { worker: ["gpu.yaml"] } }));
    expect(t).not.toHaveProperty("worker");
  });

  it("escapes `$` for talhelper's envsubst and keeps the version placeholders", () => {
    const config = minimalSingleNode();
    config.nodes[0]!.disk = "SERIAL$1";
    const f = files(config);
    expect(f.get("talos/talconfig.yaml")).toContain("serial: SERIAL$$1\n");
    expect(f.get("talos/talconfig.yaml")).toContain("talosVersion: ${talosVersion}\n");
    expect(f.get("talos/patches/controller/cluster.yaml")).toContain("      $$patch: delete\n");
  });
});

describe("patches", () => {
  it("takes scheduling, node_cidr, DNS and NTP servers from the configuration", () => {
    const f = files(haCluster());
    const cluster = parse(f.get("talos/patches/controller/cluster.yaml")!).cluster;
    expect(cluster.allowSchedulingOnControlPlanes).toBe(false);
    expect(cluster.etcd.advertisedSubnets).toEqual(["10.20.0.0/22"]);
    expect(parse(f.get("talos/patches/global/machine-kubelet.yaml")!).machine.kubelet.nodeIP).toEqual({
      validSubnets: ["10.20.0.0/22"],
    });
    expect(parse(f.get("talos/patches/global/machine-network.yaml")!).machine.network).toEqual({
      disableSearchDomain: true,
      nameservers: ["10.20.0.1", "9.9.9.9"],
    });
    expect(parse(f.get("talos/patches/global/machine-time.yaml")!).machine.time).toEqual({ disabled: false, servers: ["10.20.0.1"] });
  });

  it("writes every extraArgs and sysctl value as a string", () => {
    const f = files(referencePublic());
    const strings = (o: Record<string, unknown>) => Object.values(o).every((v) => typeof v === "string");
    const cluster = parse(f.get("talos/patches/controller/cluster.yaml")!).cluster;
    for (const part of ["apiServer", "controllerManager", "etcd", "scheduler"]) expect(strings(cluster[part].extraArgs), part).toBe(true);
    expect(strings(parse(f.get("talos/patches/global/machine-sysctls.yaml")!).machine.sysctls)).toBe(true);
  });
});

describe("user patch options", () => {
  it("rejects names talhelper would not find, collisions and unknown nodes", () => {
    const result = buildTalosFiles(haCluster(), {
      userPatches: {
        global: ["../escape.yaml", "machine-time.yaml", "ok.yaml", "ok.yaml"],
        controller: ["cluster.yaml", "notes.txt"],
        nodes: { "cp-9": ["a.yaml"] },
      },
    });
    expect(result.ok ? [] : result.errors.map(formatTalosFilesIssue)).toMatchInlineSnapshot(`
      [
        "options  userPatches.controller[0]  "cluster.yaml" would replace the generated talos/patches/controller/cluster.yaml. Give your patch another name.",
        "options  userPatches.controller[1]  "notes.txt" is not a patch file name: use a plain file name ending in .yaml (letters, digits, ".", "_", "-"), without a directory.",
        "options  userPatches.global[0]  "../escape.yaml" is not a patch file name: use a plain file name ending in .yaml (letters, digits, ".", "_", "-"), without a directory.",
        "options  userPatches.global[1]  "machine-time.yaml" would replace the generated talos/patches/global/machine-time.yaml. Give your patch another name.",
        "options  userPatches.global[3]  "ok.yaml" is listed twice. Remove the duplicate.",
        "options  userPatches.nodes.cp-9  No node is named "cp-9" (nodes: cp-1, cp-2, cp-3, worker-1, worker-2). Rename the folder talos/patches/cp-9/ after its node.",
      ]
    `);
  });
});

describe("buildTalconfig", () => {
  it("returns a plain object a caller can inspect before rendering", () => {
    const t = buildTalconfig(resolvedConfig({ nodes: [node({ name: "a", address: "10.10.10.5", controller: true, disk: "/dev/vda", mac_addr: "00:11:22:33:44:55" })] }));
    expect(t.nodes[0]!.controlPlane).toBe(true);
    expect(t.nodes[0]!.machineSpec.secureboot).toBe(false);
    expect(t.controlPlane.patches).toEqual(["@./patches/controller/cluster.yaml"]);
  });
});
