import { createHash } from "node:crypto";
import { nthHost, SECRET_KEYS, toYaml, type ResolvedConfig } from "@talos-cluster/config-schema";
import type { FluxApp, FluxAppFile, FluxContribution, FluxKustomizationSettings, FluxNamespace } from "./app-model.js";
import { CATALOG_APPS, CATALOG_NAMESPACES, tunnelIngress, type CatalogContext } from "./catalog/apps.js";
import { buildRealm } from "./catalog/keycloak-realm.js";
import { ARTIFACTS, CHARTS, IMAGES } from "./catalog/versions.js";
import { bootstrapFiles, clusterAppsKustomization, sopsComponentFiles, sopsConfig } from "./cluster-files.js";
import { deepMerge } from "./deep-merge.js";
import { renderTemplates, type RenderedTemplate } from "./render-templates.js";
import { parseSecrets, type FluxTreeSecrets, type ParsedSecrets } from "./secrets-input.js";
import { appDir, fluxAppDocuments, namespaceDocuments, writeDocuments } from "./serialize.js";
import type { TreeIssue } from "./validate/issue.js";
import type { SecretValue } from "./validate/rules.js";
import type { CompiledValidator } from "./validate/schemas.js";
import { plainDocuments } from "./validate/plain-documents.js";
import { parseYamlDocuments } from "./validate/tree-model.js";
import { validateParsedTree } from "./validate/validate-tree.js";

export interface BuildFluxTreeOptions {
  /** Secret material read by the caller from age.key, github-deploy.key, github-push-token.txt, cloudflare-tunnel.json. */
  secrets: FluxTreeSecrets;
  /**
   * Absolute path of the repository's `templates/overrides` directory. A template there at the
   * same relative path as a package template (e.g. `kubernetes/apps/default/echo/app/helmrelease.yaml.j2`)
   * replaces it; other templates there add or replace output files.
   */
  overridesDir?: string;
  /** Apps, namespaces and fragments contributed by other packages. */
  contributions?: readonly FluxContribution[];
  /** JSON schemas for contributed kinds this package does not vendor, keyed `"<apiVersion> <kind>"`. */
  extraSchemas?: Record<string, object>;
  /**
   * Compiled validators (e.g. ajv standalone functions generated at build time) for contributed
   * kinds, keyed `"<apiVersion> <kind>"`. Nothing is compiled for them; they win over `extraSchemas`.
   */
  extraValidators?: Record<string, CompiledValidator>;
}

/** A problem that stops the tree from being built: in a secret input, a template, a contribution or the result. */
export interface FluxTreeError {
  /** Input file, template (relative to its input directory) or output path. */
  file: string;
  line?: number;
  col?: number;
  /** YAML path inside the file, when known. */
  path?: string;
  /** Validation rule for problems found in the generated tree. */
  rule?: TreeIssue["rule"];
  message: string;
}

export type BuildFluxTreeResult =
  | { ok: true; files: Map<string, string> }
  | { ok: false; errors: FluxTreeError[] };

type Doc = Record<string, unknown>;

/** Secret values of the configuration and the secret inputs, for the plaintext leak check. */
export function configuredSecretValues(c: ResolvedConfig, s: ParsedSecrets | undefined): SecretValue[] {
  // The configuration keys that hold credentials: one list, owned by config-schema.
  const keys = SECRET_KEYS;
  const out: SecretValue[] = [];
  for (const k of keys) {
    const v = c[k];
    if (typeof v === "string" && v) out.push({ name: k, value: v });
  }
  if (s) {
    out.push({ name: "the age private key (age.key)", value: s.agePrivateKey });
    out.push({ name: "the GitHub push token (github-push-token.txt)", value: s.githubPushToken });
    out.push({ name: "the tunnel secret (cloudflare-tunnel.json)", value: s.tunnelSecret });
    out.push({ name: "the tunnel token (cloudflare-tunnel.json)", value: s.tunnelToken });
    if (s.githubDeployKey) {
      // The key's body lines: a PEM block is never written on one line elsewhere.
      for (const line of s.githubDeployKey.split("\n")) {
        if (line.length >= 20 && !line.startsWith("-----")) out.push({ name: "the deploy key (github-deploy.key)", value: line.trim() });
      }
    }
  }
  return out;
}

function parseDocuments(file: string, text: string, errors: FluxTreeError[]): Doc[] {
  const yaml = parseYamlDocuments(text);
  for (const p of yaml.problems) errors.push({ file, line: p.line, col: p.col, message: p.message });
  return yaml.documents.map((d) => d.value);
}

function configErrors(c: ResolvedConfig): FluxTreeError[] {
  const errors: FluxTreeError[] = [];
  if (c.keycloak_enabled) {
    for (const key of ["keycloak_admin_password", "keycloak_db_password"] as const) {
      if (!c[key]) errors.push({ file: "cluster.yaml", path: key, message: `keycloak_enabled is true but ${key} is empty. Set a long random value.` });
    }
  }
  if (c.proxmox_csi_enabled && !c.proxmox_api_url) {
    errors.push({ file: "cluster.yaml", path: "proxmox_api_url", message: "The Proxmox CSI tokens are set but proxmox_api_url is not. Set it to https://<host>:8006/api2/json." });
  }
  return errors;
}

/**
 * Builds the GitOps tree — `kubernetes/`, `bootstrap/` and `.sops.yaml` — for a resolved
 * configuration. Secrets are plaintext `*.sops.yaml` files; the caller encrypts them. The tree is
 * validated before it is returned.
 */
export async function buildFluxTree(config: ResolvedConfig, options: BuildFluxTreeOptions): Promise<BuildFluxTreeResult> {
  const contributions = options.contributions ?? [];
  const parsed = parseSecrets(options.secrets, config.repository_visibility === "private");
  const errors: FluxTreeError[] = [...configErrors(config)];
  if (!parsed.ok) errors.push(...parsed.errors.map((e) => ({ file: e.file, message: e.message })));
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const secrets = parsed.value;
  const realm = buildRealm(config, contributions);
  const ctx: CatalogContext = { config, secrets, contributions, realm };
  const who = (c: FluxContribution): string => c.name ?? "a contribution";

  // 1. Which apps: catalog apps switched on by the configuration, contributed apps, then the
  //    "when-used" apps something depends on.
  const contributedApps = contributions.flatMap((c) => (c.apps ?? []).map((app) => ({ app, from: who(c) })));
  const selected = CATALOG_APPS.filter((a) => a.enabled(config) === true);
  const dependedOn = new Set<string>();
  const addDependencies = (app: { namespace: string }, k: FluxKustomizationSettings): void => {
    for (const d of k.dependsOn ?? []) dependedOn.add(`${d.namespace ?? app.namespace}/${d.name}`);
  };
  for (const a of selected) addDependencies(a, a.kustomization(config));
  for (const { app } of contributedApps) addDependencies(app, app.kustomization);
  for (const a of CATALOG_APPS) {
    if (a.enabled(config) !== "when-used" || !dependedOn.has(`${a.namespace}/${a.name}`)) continue;
    selected.push(a);
    addDependencies(a, a.kustomization(config));
  }
  for (const { app, from } of contributedApps) {
    if (selected.some((a) => a.namespace === app.namespace && a.name === app.name)) {
      errors.push({ file: `${appDir(app)}/ks.yaml`, message: `${from} adds app ${app.namespace}/${app.name}, which the catalog already has. Use helmValues to change it instead.` });
    }
  }
  if (!config.keycloak_enabled) {
    for (const c of contributions) {
      if (c.keycloakRealm) errors.push({ file: "cluster.yaml", path: "keycloak_enabled", message: `${who(c)} adds Keycloak realm clients, but keycloak_enabled is false. Enable Keycloak or turn that feature off.` });
    }
  }

  // 2. Render the templates (package templates, overridden by the user's).
  const realmHash = createHash("sha256").update(JSON.stringify(realm)).digest("hex").slice(0, 8);
  const data: Record<string, unknown> = {
    ...config,
    charts: CHARTS,
    images: IMAGES,
    artifacts: ARTIFACTS,
    coredns_cluster_ip: nthHost(config.cluster_svc_cidr, 10) || "",
    keycloak_realm_import_job: `keycloak-realm-import-${realmHash}`,
  };
  const rendered = renderTemplates(data, options.overridesDir);
  if (!rendered.ok) return { ok: false, errors: [...errors, ...rendered.errors] };
  const consumed = new Set<string>();
  const fromTemplate = (path: string, t: RenderedTemplate): FluxAppFile => {
    consumed.add(path);
    return { path: path.slice(path.lastIndexOf("/app/") + 5), documents: parseDocuments(path, t.contents, errors) };
  };

  // 3. Catalog apps as FluxApp objects.
  const apps: FluxApp[] = [];
  for (const a of selected) {
    const dir = `${appDir(a)}/app`;
    const skipped = new Set(a.skipTemplates?.(config) ?? []);
    const files: FluxAppFile[] = [];
    for (const t of a.templates) {
      const path = `${dir}/${t}`;
      consumed.add(path);
      if (skipped.has(t)) continue;
      const r = rendered.files.get(path);
      if (r) files.push(fromTemplate(path, r));
    }
    for (const f of a.files?.(ctx) ?? []) {
      const path = `${dir}/${f.path}`;
      const override = rendered.files.get(path);
      files.push(override ? fromTemplate(path, override) : f);
    }
    // Files a user added to the app's directory in templates/overrides.
    for (const [path, r] of rendered.files) {
      if (!consumed.has(path) && path.startsWith(`${dir}/`) && /\.ya?ml$/.test(path) && !path.slice(dir.length + 1).includes("/")) {
        files.push(fromTemplate(path, r));
      }
    }
    files.sort((x, y) => x.path.localeCompare(y.path));
    apps.push({ namespace: a.namespace, name: a.name, kustomization: a.kustomization(config), files });
  }
  // Own file lists: the steps below replace documents, and the caller's contribution must stay as given.
  apps.push(...contributedApps.map(({ app }) => ({ ...app, files: app.files.map((f) => ({ ...f })) })));

  // 4. Contributions into existing objects.
  for (const c of contributions) {
    for (const hv of c.helmValues ?? []) {
      let found = false;
      for (const app of apps.filter((x) => x.namespace === hv.namespace)) {
        for (const f of app.files) {
          f.documents = f.documents.map((d) => {
            const meta = d.metadata as Doc | undefined;
            if (d.kind !== "HelmRelease" || meta?.name !== hv.name) return d;
            found = true;
            const spec = (d.spec as Doc | undefined) ?? {};
            return { ...d, spec: { ...spec, values: deepMerge((spec.values as Doc | undefined) ?? {}, hv.values) } };
          });
        }
      }
      if (!found) {
        errors.push({ file: `kubernetes/apps/${hv.namespace}`, message: `${who(c)} sets Helm values of HelmRelease ${hv.namespace}/${hv.name}, which is not in the tree.` });
      }
    }
  }
  const tunnel = apps.find((a) => a.namespace === "network" && a.name === "cloudflare-tunnel");
  for (const f of tunnel?.files ?? []) {
    f.documents = f.documents.map((d) => {
      if (d.kind !== "HelmRelease" || (d.metadata as Doc | undefined)?.name !== "cloudflare-tunnel") return d;
      const spec = (d.spec as Doc | undefined) ?? {};
      const values = (spec.values as Doc | undefined) ?? {};
      const existing = ((values.configMaps as Doc | undefined)?.config as Doc | undefined)?.data as Doc | undefined;
      if (existing?.["config.yaml"] !== undefined) return d;
      const configYaml = toYaml({ ingress: tunnelIngress(ctx) });
      return { ...d, spec: { ...spec, values: deepMerge(values, { configMaps: { config: { data: { "config.yaml": configYaml } } } }) } };
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  // 5. Namespaces: every namespace that has an app.
  const namespaces = new Map<string, FluxNamespace>();
  for (const ns of CATALOG_NAMESPACES) namespaces.set(ns.name, ns);
  for (const c of contributions) {
    for (const ns of c.namespaces ?? []) {
      const prev = namespaces.get(ns.name);
      namespaces.set(ns.name, prev ? { ...prev, ...ns, labels: { ...prev.labels, ...ns.labels }, annotations: { ...prev.annotations, ...ns.annotations } } : ns);
    }
  }
  const appsByNs = new Map<string, string[]>();
  for (const app of apps) appsByNs.set(app.namespace, [...(appsByNs.get(app.namespace) ?? []), app.name]);
  const contributedNs = new Set(contributions.flatMap((c) => (c.namespaces ?? []).map((n) => n.name)));

  // 6. Serialize. The documents of files written from objects are kept, so validation need not
  //    parse those files again.
  const files = new Map<string, string>();
  const written = new Map<string, { text: string; documents: readonly unknown[] }>();
  const put = (m: Map<string, string>): void => {
    for (const [k, v] of m) files.set(k, v);
  };
  const putDocuments = (m: Map<string, readonly unknown[]>): void => {
    const texts = writeDocuments(m);
    for (const [k, text] of texts) {
      files.set(k, text);
      written.set(k, { text, documents: m.get(k)! });
    }
  };
  for (const name of [...new Set([...appsByNs.keys(), ...contributedNs])].sort()) {
    putDocuments(namespaceDocuments(namespaces.get(name) ?? { name }, appsByNs.get(name) ?? []));
  }
  for (const app of apps) putDocuments(fluxAppDocuments(app));
  files.set("kubernetes/flux/cluster/ks.yaml", clusterAppsKustomization());
  put(sopsComponentFiles(config));
  put(bootstrapFiles(config, secrets, apps));
  files.set(".sops.yaml", sopsConfig(secrets));

  // 7. Override templates for paths outside the catalog's app directories replace or add files verbatim.
  const disabledDirs = CATALOG_APPS.filter((a) => !selected.includes(a)).map((a) => `${appDir(a)}/`);
  for (const [path, r] of rendered.files) {
    if (consumed.has(path) || disabledDirs.some((d) => path.startsWith(d))) continue;
    files.set(path, r.contents);
  }

  // 8. Validate everything before returning it.
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const secretValues = [
    ...configuredSecretValues(config, secrets),
    ...contributions.flatMap((c) => (c.secretValues ?? []).map((value) => ({ name: `a secret of ${who(c)}`, value }))),
  ];
  // A file later replaced (e.g. by an override template) is parsed from its text.
  const asObjects = new Map<string, Doc[]>();
  for (const [path, w] of written) {
    const docs = sorted.get(path) === w.text ? plainDocuments(w.documents) : undefined;
    if (docs) asObjects.set(path, docs);
  }
  const issues = validateParsedTree(sorted, asObjects, { secretValues, extraSchemas: options.extraSchemas, extraValidators: options.extraValidators });
  if (issues.length > 0) {
    return {
      ok: false,
      errors: issues.map((i) => ({ file: i.file, path: i.path ? `[${i.document}].${i.path}` : `[${i.document}]`, rule: i.rule, message: i.message })),
    };
  }
  return { ok: true, files: sorted };
}
