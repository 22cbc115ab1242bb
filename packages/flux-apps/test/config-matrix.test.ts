import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ResolvedConfig } from "@talos-cluster/config-schema";
import { buildFluxTree, configuredSecretValues } from "../src/index.js";
import { fakeSecrets, fullConfig, minimalConfig, twoNodes } from "./fixtures/configs.js";
import { writeTree } from "./fixtures/write-tree.js";

/** Configurations beyond the two golden ones: every feature switch, domain count and repository mode. */
const configArb: fc.Arbitrary<ResolvedConfig> = fc
  .record({
    domains: fc.integer({ min: 1, max: 4 }),
    privateRepo: fc.boolean(),
    bgp: fc.boolean(),
    nodes: fc.integer({ min: 1, max: 2 }),
    csi: fc.boolean(),
    keycloak: fc.boolean(),
    postgres: fc.boolean(),
    entra: fc.boolean(),
    oidc: fc.boolean(),
    lbMode: fc.constantFrom("dsr" as const, "snat" as const),
    branch: fc.constantFrom("main", "release/v2"),
  })
  .map((o) => {
    const domains = ["example.com", "example.org", "home.example.net", "lab.example.io"].slice(0, o.domains);
    return {
      ...fullConfig,
      cloudflare_domains: domains,
      primary_domain: domains[0]!,
      repository_visibility: o.privateRepo ? "private" : "public",
      repository_branch: o.branch,
      cilium_loadbalancer_mode: o.lbMode,
      cilium_bgp_enabled: o.bgp,
      cilium_bgp_router_addr: o.bgp ? fullConfig.cilium_bgp_router_addr : undefined,
      cilium_bgp_router_asn: o.bgp ? fullConfig.cilium_bgp_router_asn : undefined,
      cilium_bgp_node_asn: o.bgp ? fullConfig.cilium_bgp_node_asn : undefined,
      nodes: twoNodes.slice(0, o.nodes),
      spegel_enabled: o.nodes > 1,
      proxmox_csi_enabled: o.csi,
      proxmox_csi_token_id: o.csi ? minimalConfig.proxmox_csi_token_id : undefined,
      proxmox_csi_token_secret: o.csi ? minimalConfig.proxmox_csi_token_secret : undefined,
      keycloak_enabled: o.keycloak,
      keycloak_postgresql_enabled: o.postgres,
      keycloak_entra_id_enabled: o.entra,
      keycloak_oidc_client_secret: o.oidc ? fullConfig.keycloak_oidc_client_secret : "",
    } satisfies ResolvedConfig;
  });

describe("any supported configuration", () => {
  it("builds a tree that validates and keeps every secret in *.sops.yaml", async () => {
    await fc.assert(
      fc.asyncProperty(configArb, async (config) => {
        const result = await buildFluxTree(config, { secrets: fakeSecrets });
        if (!result.ok) throw new Error(result.errors.map((e) => `${e.file} ${e.path ?? ""} ${e.message}`).join("\n"));
        const secrets = configuredSecretValues(config, undefined).map((s) => s.value);
        for (const [path, text] of result.files) {
          if (path.endsWith(".sops.yaml")) continue;
          for (const s of secrets) expect(text.includes(s), `${path} contains a secret`).toBe(false);
        }
        expect(result.files.has("kubernetes/apps/cnpg-system/kustomization.yaml")).toBe(config.keycloak_enabled && config.keycloak_postgresql_enabled);
      }),
      { numRuns: 12, seed: 20261125 },
    );
  });

  const hasKubectl = spawnSync("kubectl", ["version", "--client"]).status === 0;
  it.skipIf(!hasKubectl)("builds with kubectl kustomize (random configurations)", async () => {
    const samples = fc.sample(configArb, { numRuns: 3, seed: 7 });
    for (const config of samples) {
      const result = await buildFluxTree(config, { secrets: fakeSecrets });
      if (!result.ok) throw new Error("does not build");
      const root = writeTree(result.files);
      try {
        for (const path of result.files.keys()) {
          if (!path.endsWith("/kustomization.yaml") || path.startsWith("kubernetes/components/")) continue;
          const run = spawnSync("kubectl", ["kustomize", join(root, path, "..")], { encoding: "utf8" });
          expect(run.status, `${path}: ${run.stderr}`).toBe(0);
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }
  });
});
