import type { ResolvedConfig } from "@talos-cluster/config-schema";
import type { FluxAppFile, FluxContribution, FluxKustomizationSettings, FluxNamespace } from "../app-model.js";
import type { ParsedSecrets } from "../secrets-input.js";
import { toYaml } from "@talos-cluster/config-schema";
import { helmRepository, ociRepository, secret } from "./sources.js";

/** What the catalog's generated (non-template) files are built from. */
export interface CatalogContext {
  config: ResolvedConfig;
  secrets: ParsedSecrets;
  contributions: readonly FluxContribution[];
  /** The Keycloak realm import (`buildRealm`), built once per tree. */
  realm: Record<string, unknown>;
}

export interface CatalogApp {
  namespace: string;
  name: string;
  /**
   * Whether the app is part of the tree. `"when-used"` apps are included only when another
   * included app lists them in `dependsOn` (e.g. cloudnative-pg).
   */
  enabled: (c: ResolvedConfig) => boolean | "when-used";
  kustomization: (c: ResolvedConfig) => FluxKustomizationSettings;
  /** File names under `app/` rendered from `templates/kubernetes/apps/<ns>/<name>/app/<file>.j2`. */
  templates: readonly string[];
  /** Templates of `templates` left out for a configuration (e.g. the database when CNPG is not used). */
  skipTemplates?: (c: ResolvedConfig) => readonly string[];
  /** Files built in code: chart sources, SOPS secrets and contribution-dependent objects. */
  files?: (ctx: CatalogContext) => FluxAppFile[];
}

const PRUNE_DISABLED = { "kustomize.toolkit.fluxcd.io/prune": "disabled" };

export const CATALOG_NAMESPACES: readonly FluxNamespace[] = [
  { name: "cert-manager" },
  // CNPG's operator needs no cluster-secrets; the namespace keeps the reference's layout.
  { name: "cnpg-system", sopsComponent: false },
  { name: "csi-proxmox", labels: { "pod-security.kubernetes.io/enforce": "privileged" } },
  { name: "default" },
  { name: "flux-system" },
  { name: "keycloak" },
  { name: "kube-system" },
  { name: "network" },
].map((ns) => ({ ...ns, annotations: PRUNE_DISABLED }));

const sub = { substituteFromClusterSecrets: true } as const;
const CILIUM = { name: "cilium", namespace: "kube-system" };
const file = (path: string, ...documents: Record<string, unknown>[]): FluxAppFile => ({ path, documents });
const oci = (name: string, chart: Parameters<typeof ociRepository>[1] = name as never): FluxAppFile =>
  file("ocirepository.yaml", ociRepository(name, chart));
const appSecret = (name: string, data: Record<string, string>) => secret(name, data, { substitute: false });

/** Ingress rules of cloudflared's config.yaml: contributed hostnames first, then the wildcards, then 404. */
export function tunnelIngress(ctx: CatalogContext): Record<string, unknown>[] {
  const c = ctx.config;
  const extra = ctx.contributions.flatMap((x) => x.tunnelIngress ?? []);
  return [
    ...extra.map((r) => ({ hostname: r.hostname, originRequest: r.originRequest, service: r.service })),
    ...c.cloudflare_domains.map((d) => ({
      hostname: `*.${d}`,
      originRequest: { http2Origin: true, originServerName: `external.${c.primary_domain}` },
      service: "https://envoy-external.{{ .Release.Namespace }}.svc.cluster.local:443",
    })),
    { service: "http_status:404" },
  ];
}

export const CATALOG_APPS: readonly CatalogApp[] = [
  // kube-system
  {
    namespace: "kube-system",
    name: "cilium",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["helmrelease.yaml", "httproute.yaml", "networks.yaml"],
    files: () => [oci("cilium")],
  },
  {
    namespace: "kube-system",
    name: "coredns",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["helmrelease.yaml"],
    files: () => [oci("coredns")],
  },
  {
    namespace: "kube-system",
    name: "metrics-server",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["helmrelease.yaml"],
    files: () => [oci("metrics-server")],
  },
  {
    namespace: "kube-system",
    name: "reloader",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["helmrelease.yaml"],
    files: () => [oci("reloader")],
  },
  {
    namespace: "kube-system",
    name: "spegel",
    enabled: (c) => c.spegel_enabled,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["helmrelease.yaml"],
    files: () => [oci("spegel")],
  },
  // cert-manager
  {
    namespace: "cert-manager",
    name: "cert-manager",
    enabled: () => true,
    kustomization: () => ({
      ...sub,
      healthChecks: [
        { apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "cert-manager", namespace: "cert-manager" },
        { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", name: "letsencrypt-production" },
      ],
      healthCheckExprs: [
        {
          apiVersion: "cert-manager.io/v1",
          kind: "ClusterIssuer",
          failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')",
          current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
        },
      ],
    }),
    templates: ["clusterissuer.yaml", "helmrelease.yaml"],
    files: (ctx) => [
      oci("cert-manager"),
      file("secret.sops.yaml", appSecret("cert-manager-secret", { "api-token": ctx.config.cloudflare_token })),
    ],
  },
  // flux-system
  {
    namespace: "flux-system",
    name: "flux-operator",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: true }),
    templates: ["helmrelease.yaml", "httproute.yaml"],
    files: () => [oci("flux-operator")],
  },
  {
    namespace: "flux-system",
    name: "flux-instance",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false, dependsOn: [{ name: "flux-operator" }] }),
    templates: ["helmrelease.yaml", "httproute.yaml", "receiver.yaml"],
    files: (ctx) => [
      oci("flux-instance"),
      file("secret.sops.yaml", appSecret("github-webhook-token-secret", { token: ctx.secrets.githubPushToken })),
    ],
  },
  // default
  {
    namespace: "default",
    name: "echo",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["helmrelease.yaml"],
    files: () => [oci("echo", "app-template")],
  },
  // network
  {
    namespace: "network",
    name: "cloudflare-dns",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: true }),
    templates: ["helmrelease.yaml"],
    files: (ctx) => [
      oci("cloudflare-dns", "external-dns"),
      file("secret.sops.yaml", appSecret("cloudflare-dns-secret", { "api-token": ctx.config.cloudflare_token })),
    ],
  },
  {
    namespace: "network",
    name: "cloudflare-tunnel",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["helmrelease.yaml"],
    files: (ctx) => {
      const target = `${ctx.secrets.tunnelId}.cfargotunnel.com`;
      const hostnames = [
        ...ctx.config.cloudflare_domains.map((d) => `external.${d}`),
        ...ctx.contributions.flatMap((x) => x.tunnelDnsHostnames ?? []),
      ];
      return [
        oci("cloudflare-tunnel", "app-template"),
        file(
          "dnsendpoint.yaml",
          {
            apiVersion: "externaldns.k8s.io/v1alpha1",
            kind: "DNSEndpoint",
            metadata: { name: "cloudflare-tunnel" },
            spec: {
              endpoints: [...new Set(hostnames)].map((dnsName) => ({ dnsName, recordType: "CNAME", targets: [target] })),
            },
          },
        ),
        file("secret.sops.yaml", appSecret("cloudflare-tunnel-secret", { TUNNEL_TOKEN: ctx.secrets.tunnelToken })),
      ];
    },
  },
  {
    namespace: "network",
    name: "envoy-gateway",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["certificate.yaml", "envoy.yaml", "helmrelease.yaml", "podmonitor.yaml"],
    files: () => [oci("envoy-gateway")],
  },
  {
    namespace: "network",
    name: "k8s-gateway",
    enabled: () => true,
    kustomization: () => ({ ...sub, wait: false }),
    templates: ["helmrelease.yaml", "podmonitor.yaml"],
    files: () => [oci("k8s-gateway")],
  },
  // csi-proxmox
  {
    namespace: "csi-proxmox",
    name: "proxmox-csi",
    enabled: (c) => c.proxmox_csi_enabled,
    kustomization: () => ({ ...sub, wait: true, dependsOn: [CILIUM] }),
    templates: ["helmrelease.yaml", "storageclass.yaml"],
    files: (ctx) => {
      const c = ctx.config;
      const config = toYaml({
        clusters: [
          {
            url: c.proxmox_api_url,
            insecure: c.proxmox_insecure,
            token_id: c.proxmox_csi_token_id,
            token_secret: c.proxmox_csi_token_secret,
            region: c.proxmox_region,
          },
        ],
      });
      return [
        oci("proxmox-csi-plugin"),
        file("secret.sops.yaml", appSecret("proxmox-csi-plugin", { "config.yaml": config })),
      ];
    },
  },
  // cnpg-system
  {
    namespace: "cnpg-system",
    name: "cloudnative-pg",
    enabled: () => "when-used",
    kustomization: () => ({
      dependsOn: [CILIUM],
      healthChecks: [
        { apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "cloudnative-pg", namespace: "cnpg-system" },
      ],
    }),
    templates: ["helmrelease.yaml"],
    files: () => [file("helmrepository.yaml", helmRepository("cloudnative-pg", "cloudnative-pg"))],
  },
  // keycloak
  {
    namespace: "keycloak",
    name: "keycloak",
    enabled: (c) => c.keycloak_enabled,
    kustomization: (c) => ({
      ...sub,
      wait: false,
      dependsOn: [
        CILIUM,
        ...(c.keycloak_postgresql_enabled ? [{ name: "cloudnative-pg", namespace: "cnpg-system" }] : []),
        ...(c.proxmox_csi_enabled ? [{ name: "proxmox-csi", namespace: "csi-proxmox" }] : []),
      ],
    }),
    templates: ["helmrelease.yaml", "httproute.yaml", "postgresql.yaml", "realm-import.yaml"],
    skipTemplates: (c) => (c.keycloak_postgresql_enabled ? [] : ["postgresql.yaml"]),
    files: (ctx) => {
      const c = ctx.config;
      const adminSecret: Record<string, string> = { "admin-password": c.keycloak_admin_password };
      return [
        file("helmrepository.yaml", helmRepository("codecentric", "keycloak")),
        file(
          "secret.sops.yaml",
          appSecret("keycloak-secret", adminSecret),
          appSecret("keycloak-db-secret", { username: "keycloak", password: c.keycloak_db_password }),
        ),
        file(
          "realm-config.sops.yaml",
          appSecret("keycloak-realm-config", { "k8s-cluster-realm.json": `${JSON.stringify(ctx.realm, null, 2)}\n` }),
        ),
      ];
    },
  },
];
