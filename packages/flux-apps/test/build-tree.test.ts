import { describe, expect, it } from "vitest";
import { buildFluxTree, type FluxTreeSecrets } from "../src/index.js";
import { parseTree } from "../src/validate/tree-model.js";
import { fakeSecrets, fullConfig, minimalConfig } from "./fixtures/configs.js";

const cases = [
  ["minimal", minimalConfig],
  ["all-features", fullConfig],
] as const;

async function build(config: typeof minimalConfig, secrets: FluxTreeSecrets = fakeSecrets) {
  const result = await buildFluxTree(config, { secrets });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.file} ${e.path ?? ""} ${e.message}`).join("\n"));
  return result.files;
}

describe("golden trees", () => {
  it.each(cases)("%s", async (name, config) => {
    const files = await build(config);
    await expect([...files.keys()].join("\n") + "\n").toMatchFileSnapshot(`golden/${name}.files.txt`);
    for (const [path, text] of files) {
      await expect(text).toMatchFileSnapshot(`golden/${name}/${path}`);
    }
  });
});

describe("object inventory (kind, namespace, name) — compare with the README's differences from the reference", () => {
  it.each(cases)("%s", async (name, config) => {
    const files = await build(config);
    const objects = parseTree(files)
      .objects.filter((o) => !o.apiVersion.startsWith("kustomize.config.k8s.io/"))
      .map((o) => `${o.apiVersion} ${o.kind} ${o.namespace || "-"}/${o.name}`);
    await expect([...new Set(objects)].sort().join("\n") + "\n").toMatchFileSnapshot(`golden/${name}.objects.txt`);
  });
});

describe("determinism", () => {
  it.each(cases)("%s renders byte-identical twice", async (_name, config) => {
    const a = await build(config);
    const b = await build(config);
    expect([...b.entries()]).toEqual([...a.entries()]);
  });
});

describe("secrets", () => {
  const secretValues = [
    fullConfig.cloudflare_token,
    fullConfig.proxmox_csi_token_secret!,
    fullConfig.keycloak_admin_password,
    fullConfig.keycloak_db_password,
    fullConfig.keycloak_oidc_client_secret,
    fullConfig.keycloak_entra_id_client_secret,
    /AGE-SECRET-KEY-\w+/.exec(fakeSecrets.ageKey)![0],
    "0123456789abcdef0123456789abcdef",
    "tunnel-secret-0123456789",
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
  ];

  it.each(cases)("%s: no secret value appears outside *.sops.yaml", async (_name, config) => {
    const files = await build(config);
    const leaks: string[] = [];
    for (const [path, text] of files) {
      if (path.endsWith(".sops.yaml")) continue;
      for (const v of secretValues) if (text.includes(v)) leaks.push(path);
    }
    expect(leaks).toEqual([]);
  });

  it("keeps every secret value in a Secret of a *.sops.yaml file", async () => {
    const files = await build(fullConfig);
    const sops = [...files].filter(([p]) => p.endsWith(".sops.yaml")).map(([, t]) => t).join("\n");
    // The tunnel token is base64 of the tunnel JSON; the deploy key is only used by private repositories.
    for (const v of secretValues.slice(0, -2)) expect(sops).toContain(v);
    expect(sops).toContain(Buffer.from('{"a":"account-tag-0123","t":"11111111-2222-3333-4444-555555555555","s":"tunnel-secret-0123456789"}').toString("base64"));
  });

  it("writes the Keycloak realm (with client secrets) into a SOPS Secret, never a ConfigMap", async () => {
    const files = await build(fullConfig);
    const realm = files.get("kubernetes/apps/keycloak/keycloak/app/realm-config.sops.yaml")!;
    expect(realm).toContain("kind: Secret");
    expect(realm).toContain(fullConfig.keycloak_oidc_client_secret);
    expect([...files.values()].some((t) => t.includes("kind: ConfigMap"))).toBe(false);
  });
});

describe("configuration switches", () => {
  it("adds the deploy-key Secret and an SSH sync URL only for a private repository", async () => {
    const priv = await build(minimalConfig);
    expect(priv.has("bootstrap/github-deploy-key.sops.yaml")).toBe(true);
    expect(priv.get("kubernetes/apps/flux-system/flux-instance/app/helmrelease.yaml")).toContain(
      "url: ssh://git@github.com/example/home-cluster.git",
    );
    const pub = await build({ ...minimalConfig, repository_visibility: "public" });
    expect(pub.has("bootstrap/github-deploy-key.sops.yaml")).toBe(false);
    expect(pub.get("kubernetes/apps/flux-system/flux-instance/app/helmrelease.yaml")).toContain(
      "url: https://github.com/example/home-cluster.git",
    );
  });

  it("deploys cloudnative-pg only when Keycloak uses it", async () => {
    expect((await build(minimalConfig)).has("kubernetes/apps/cnpg-system/kustomization.yaml")).toBe(false);
    expect((await build(fullConfig)).has("kubernetes/apps/cnpg-system/kustomization.yaml")).toBe(true);
    const noPg = await build({ ...fullConfig, keycloak_postgresql_enabled: false });
    expect(noPg.has("kubernetes/apps/cnpg-system/kustomization.yaml")).toBe(false);
    expect(noPg.has("kubernetes/apps/keycloak/keycloak/app/postgresql.yaml")).toBe(false);
    expect(noPg.get("kubernetes/apps/keycloak/keycloak/app/kustomization.yaml")).not.toContain("postgresql");
  });

  it("installs the CNPG CRDs with the operator", async () => {
    const files = await build(fullConfig);
    expect(files.get("kubernetes/apps/cnpg-system/cloudnative-pg/app/helmrelease.yaml")).toContain("create: true");
  });

  it("adds spegel only with more than one node, and BGP objects only when BGP is configured", async () => {
    const min = await build(minimalConfig);
    expect(min.has("kubernetes/apps/kube-system/spegel/ks.yaml")).toBe(false);
    expect(min.get("bootstrap/helmfile.d/01-apps.yaml")).not.toContain("spegel");
    expect(min.get("kubernetes/apps/kube-system/cilium/app/networks.yaml")).not.toContain("CiliumBGPClusterConfig");
    const full = await build(fullConfig);
    expect(full.has("kubernetes/apps/kube-system/spegel/ks.yaml")).toBe(true);
    expect(full.get("kubernetes/apps/kube-system/cilium/app/networks.yaml")).toContain("localASN: 64514");
  });

  it("leaves out csi-proxmox without both CSI token keys", async () => {
    const files = await build({ ...minimalConfig, proxmox_csi_enabled: false, proxmox_csi_token_secret: undefined });
    expect([...files.keys()].some((p) => p.includes("csi-proxmox"))).toBe(false);
  });
});

describe("errors a user can act on", () => {
  it("reports unusable secret inputs without echoing them", async () => {
    const result = await buildFluxTree(minimalConfig, {
      secrets: { ageKey: "not a key", githubPushToken: "", cloudflareTunnel: "{not json", githubDeployKey: undefined },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.file}: ${e.message}`)).toMatchInlineSnapshot(`
      [
        "age.key: No '# public key: age1…' line found. Create the key with \`age-keygen --output age.key\`.",
        "age.key: No AGE-SECRET-KEY-… line found. Create the key with \`age-keygen --output age.key\`.",
        "github-push-token.txt: The GitHub push token is empty. Write a random token, e.g. \`openssl rand -hex 16 > github-push-token.txt\`.",
        "github-deploy.key: repository_visibility is "private", so Flux needs a deploy key. Create it with \`ssh-keygen -t ed25519 -f github-deploy.key -q -P ""\` and add the public key to the repository.",
        "cloudflare-tunnel.json: Not valid JSON. Re-create it with \`cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes\`.",
      ]
    `);
  });

  it("rejects Keycloak without its passwords", async () => {
    const result = await buildFluxTree({ ...fullConfig, keycloak_admin_password: "" }, { secrets: fakeSecrets });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { file: "cluster.yaml", path: "keycloak_admin_password", message: "keycloak_enabled is true but keycloak_admin_password is empty. Set a long random value." },
    ]);
  });
});
