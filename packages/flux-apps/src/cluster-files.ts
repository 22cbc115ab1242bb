import { toYaml, toYamlDocuments, type ResolvedConfig } from "@talos-cluster/config-schema";
import type { BootstrapRelease, FluxApp } from "./app-model.js";
import { secret } from "./catalog/sources.js";
import { CHARTS, type ChartKey } from "./catalog/versions.js";
import type { ParsedSecrets } from "./secrets-input.js";

/** GitHub's SSH host keys (https://api.github.com/meta), for the deploy-key Secret. */
const GITHUB_KNOWN_HOSTS = [
  "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl",
  "github.com ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=",
  "github.com ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCj7ndNxQowgcQnjshcLrqPEiiphnt+VTTvDP6mHBL9j1aNUkY4Ue1gvwnGLVlOhGeYrnZaMgRK6+PKCUXaDbC7qtbW8gIkhL7aGCsOr/C56SJMy/BCZfxd1nWzAOxSDPgVsmerOBYfNqltV9/hWCqBywINIR+5dIg6JTJ72pcEpEjcYgXkE2YEFXV1JHnsKgbLWNlhScqb2UmyRkQyytRLtL+38TGxkxCflmO+5Z8CSSNY7GidjMIZ7Q4zMjA2n1nGrlTDkzwDCsw+wqFPGQA179cnfGWOWRVruj16z6XyvxvjJwbz0wQZ75XK5tKSb7FNyeIEs4TT4jk+S4dhPeAUC5y+bDYirYgM4GC7uEnztnZyaVWQ7B381AK4Qdrwt51ZqExKbQpTUNn+EjqoTwvqNj4kqx5QUCI0ThS/YkOxJCXmPUWZbhjpCg56i+2aB6CmK2JGhn57K5mj0MNdBXA4/WnwH6XoPWJzK5Nyu2zB3nAZp+S5hpQs+p1vN1/wsjk=",
];

/** `kubernetes/flux/cluster/ks.yaml`: the root `cluster-apps` Kustomization with the defaults patch. */
export function clusterAppsKustomization(): string {
  const helmDefaults = {
    apiVersion: "helm.toolkit.fluxcd.io/v2",
    kind: "HelmRelease",
    metadata: { name: "_" },
    spec: {
      install: { crds: "CreateReplace", strategy: { name: "RetryOnFailure" } },
      rollback: { cleanupOnFail: true, recreate: true },
      upgrade: {
        cleanupOnFail: true,
        crds: "CreateReplace",
        strategy: { name: "RemediateOnFailure" },
        remediation: { remediateLastFailure: true, retries: 2 },
      },
    },
  };
  const ksDefaults = {
    apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    kind: "Kustomization",
    metadata: { name: "_" },
    spec: {
      decryption: { provider: "sops" },
      deletionPolicy: "WaitForTermination",
      patches: [{ patch: toYaml(helmDefaults), target: { group: "helm.toolkit.fluxcd.io", kind: "HelmRelease" } }],
    },
  };
  return toYamlDocuments([
    {
      apiVersion: "kustomize.toolkit.fluxcd.io/v1",
      kind: "Kustomization",
      metadata: { name: "cluster-apps", namespace: "flux-system" },
      spec: {
        decryption: { provider: "sops" },
        deletionPolicy: "WaitForTermination",
        interval: "1h",
        path: "./kubernetes/apps",
        patches: [{ patch: toYaml(ksDefaults), target: { group: "kustomize.toolkit.fluxcd.io", kind: "Kustomization" } }],
        prune: true,
        sourceRef: { kind: "GitRepository", name: "flux-system", namespace: "flux-system" },
        wait: false,
      },
    },
  ]);
}

/** `kubernetes/components/sops/`: the Component adding `cluster-secrets` to each namespace. */
export function sopsComponentFiles(c: ResolvedConfig): Map<string, string> {
  const data: Record<string, string> = { SECRET_DOMAIN: c.primary_domain };
  c.cloudflare_domains.forEach((d, i) => {
    data[`SECRET_DOMAIN_${i + 1}`] = d;
  });
  return new Map([
    [
      "kubernetes/components/sops/kustomization.yaml",
      toYamlDocuments([
        { apiVersion: "kustomize.config.k8s.io/v1alpha1", kind: "Component", resources: ["./cluster-secrets.sops.yaml"] },
      ]),
    ],
    ["kubernetes/components/sops/cluster-secrets.sops.yaml", toYamlDocuments([secret("cluster-secrets", data)])],
  ]);
}

const rel = (chart: ChartKey, name: string, namespace: string): BootstrapRelease => ({
  name,
  namespace,
  chart: CHARTS[chart].url.startsWith("oci://") ? CHARTS[chart].url : `${CHARTS[chart].url}/${CHARTS[chart].chart}`,
  version: CHARTS[chart].version,
});

/** Charts whose CRDs `00-crds.yaml` applies before anything else (monitoring CRDs, Gateway API, DNSEndpoint). */
export const BOOTSTRAP_CRDS: readonly BootstrapRelease[] = [
  { ...rel("external-dns", "cloudflare-dns", "network"), crdsOnly: true },
  { ...rel("envoy-gateway", "envoy-gateway", "network"), crdsOnly: true },
  { ...rel("kube-prometheus-stack", "kube-prometheus-stack", "observability"), crdsOnly: true },
];

/** Releases `01-apps.yaml` installs, in order; each needs the one before it. */
export function bootstrapApps(c: ResolvedConfig): BootstrapRelease[] {
  return [
    rel("cilium", "cilium", "kube-system"),
    rel("coredns", "coredns", "kube-system"),
    ...(c.spegel_enabled ? [rel("spegel", "spegel", "kube-system")] : []),
    rel("cert-manager", "cert-manager", "cert-manager"),
    rel("flux-operator", "flux-operator", "flux-system"),
    rel("flux-instance", "flux-instance", "flux-system"),
  ];
}

function orderReleases(releases: BootstrapRelease[]): BootstrapRelease[] {
  // Stable topological order: a release comes after everything it needs.
  const byId = new Map(releases.map((r) => [`${r.namespace}/${r.name}`, r]));
  const out: BootstrapRelease[] = [];
  const seen = new Set<string>();
  const visit = (r: BootstrapRelease, stack: Set<string>): void => {
    const id = `${r.namespace}/${r.name}`;
    if (seen.has(id) || stack.has(id)) return;
    stack.add(id);
    for (const n of r.needs ?? []) {
      const dep = byId.get(n);
      if (dep) visit(dep, stack);
    }
    seen.add(id);
    out.push(r);
  };
  for (const r of releases) visit(r, new Set());
  return out;
}

/** `bootstrap/`: helmfiles, the values bridge and the two bootstrap Secrets. */
export function bootstrapFiles(c: ResolvedConfig, s: ParsedSecrets, apps: readonly FluxApp[]): Map<string, string> {
  const files = new Map<string, string>();
  const contributed = apps.flatMap((a) => a.bootstrap ?? []);
  const crds = [...BOOTSTRAP_CRDS, ...contributed.filter((r) => r.crdsOnly)];
  const chained = bootstrapApps(c).map((r, i, all) => (i === 0 ? r : { ...r, needs: [`${all[i - 1]!.namespace}/${all[i - 1]!.name}`] }));
  const appReleases = orderReleases([...chained, ...contributed.filter((r) => !r.crdsOnly)]);
  files.set(
    "bootstrap/helmfile.d/00-crds.yaml",
    toYaml(
      {
        helmDefaults: {
          args: ["--include-crds", "--no-hooks"],
          postRenderer: "bash",
          postRendererArgs: ["-c", `yq eval-all --exit-status 'select(.kind == "CustomResourceDefinition")'`],
        },
        releases: crds.map((r) => ({ name: r.name, namespace: r.namespace, chart: r.chart, version: r.version })),
      },
      { header: "This file is for `helmfile template` only: it extracts the CRDs of these charts.\nDo not run `helmfile apply` or `helmfile sync` on it." },
    ),
  );
  files.set(
    "bootstrap/helmfile.d/01-apps.yaml",
    toYaml({
      helmDefaults: { cleanupOnFail: true, wait: true, waitForJobs: true },
      releases: appReleases.map((r) => ({
        name: r.name,
        namespace: r.namespace,
        chart: r.chart,
        version: r.version,
        values: ["./templates/values.yaml.gotmpl"],
        needs: r.needs && r.needs.length > 0 ? r.needs : undefined,
      })),
    }),
  );
  // A Go template read by helmfile: each release reuses `.spec.values` of its Flux HelmRelease.
  files.set(
    "bootstrap/helmfile.d/templates/values.yaml.gotmpl",
    '{{ (fromYaml (readFile (printf "../../../kubernetes/apps/%s/%s/app/helmrelease.yaml" .Release.Namespace .Release.Name))).spec.values | toYaml }}\n',
  );
  files.set(
    "bootstrap/sops-age.sops.yaml",
    toYamlDocuments([secret("sops-age", { "age.agekey": s.agePrivateKey }, { namespace: "flux-system" })]),
  );
  if (c.repository_visibility === "private" && s.githubDeployKey) {
    files.set(
      "bootstrap/github-deploy-key.sops.yaml",
      toYamlDocuments([
        secret(
          "github-deploy-key",
          { identity: `${s.githubDeployKey}\n`, known_hosts: `${GITHUB_KNOWN_HOSTS.join("\n")}\n` },
          { namespace: "flux-system" },
        ),
      ]),
    );
  }
  return files;
}

/** `.sops.yaml`: talos/ fully encrypted; kubernetes/ and bootstrap/ only `data`/`stringData`. */
export function sopsConfig(s: ParsedSecrets): string {
  return toYaml({
    creation_rules: [
      { path_regex: "talos/.*\\.sops\\.ya?ml", mac_only_encrypted: true, age: s.agePublicKey },
      {
        path_regex: "(bootstrap|kubernetes)/.*\\.sops\\.ya?ml",
        encrypted_regex: "^(data|stringData)$",
        mac_only_encrypted: true,
        age: s.agePublicKey,
      },
    ],
    stores: { yaml: { indent: 2 } },
  });
}
