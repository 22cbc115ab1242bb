import type { TreeIssue } from "./issue.js";
import { describeError, lookupSchema, schemaKey, type CompiledValidator } from "./schemas.js";
import {
  arr,
  dirExists,
  dirOf,
  isKustomizeFile,
  joinPath,
  kustomizationIn,
  obj,
  str,
  type ParsedTree,
  type TreeObject,
} from "./tree-model.js";

const FLUX_KS = "kustomize.toolkit.fluxcd.io/v1";

function issue(o: { file: string; index: number }, path: string, rule: TreeIssue["rule"], message: string): TreeIssue {
  return { file: o.file, document: o.index, path, rule, message };
}

/** Flux postBuild variables (`${VAR}`) known from the Secrets/ConfigMaps named in any substituteFrom. */
function substitutionVariables(tree: ParsedTree): Map<string, string> {
  const names = new Set<string>();
  for (const o of tree.objects) {
    if (o.apiVersion !== FLUX_KS || o.kind !== "Kustomization") continue;
    for (const r of arr(obj(obj(obj(o.value.spec)?.postBuild))?.substituteFrom)) {
      const n = str(obj(r)?.name);
      if (n) names.add(n);
    }
  }
  const vars = new Map<string, string>();
  for (const o of tree.objects) {
    if (o.apiVersion !== "v1" || (o.kind !== "Secret" && o.kind !== "ConfigMap") || !names.has(o.name)) continue;
    for (const [k, v] of Object.entries(obj(o.value.stringData) ?? obj(o.value.data) ?? {})) if (typeof v === "string") vars.set(k, v);
  }
  return vars;
}

/** Applies Flux's variable substitution to every string, as the cluster would see the object. */
function substitute(value: unknown, vars: Map<string, string>): unknown {
  if (typeof value === "string") {
    return value.replace(/\$?\$\{([A-Za-z_][A-Za-z0-9_]*)(?::=([^}]*))?\}/g, (m, name: string, def: string | undefined) => {
      if (m.startsWith("$$")) return m.slice(1);
      return vars.get(name) ?? def ?? m;
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  }
  return value;
}

/** Every document against its JSON schema (Kubernetes 1.34 built-ins, CRDs with strict roots, kustomize, helmfile). */
export function checkSchemas(
  tree: ParsedTree,
  extra?: Readonly<Record<string, object>>,
  validators?: Readonly<Record<string, CompiledValidator>>,
): TreeIssue[] {
  const out: TreeIssue[] = [];
  const vars = substitutionVariables(tree);
  for (const d of tree.documents) {
    if (d.file === ".sops.yaml") continue;
    const v = (d.value.kind === "Secret" ? d.value : substitute(d.value, vars)) as typeof d.value;
    let key: string;
    if (d.file.startsWith("bootstrap/helmfile.d/")) key = "helmfile";
    else if (typeof v.apiVersion === "string" && typeof v.kind === "string") key = schemaKey(v.apiVersion, v.kind);
    else {
      out.push(issue(d, "", "schema", "The document has no apiVersion/kind, so it cannot be applied or validated. Add both."));
      continue;
    }
    let schema: ReturnType<typeof lookupSchema>;
    try {
      schema = lookupSchema(key, extra, validators);
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).split("\n")[0];
      out.push(issue(d, "kind", "schema", `The schema given in extraSchemas for ${key} does not compile (${why}). Fix it in the package that contributes the kind.`));
      continue;
    }
    if (!schema) {
      out.push(issue(d, "kind", "schema", `No schema for ${String(v.apiVersion)} ${String(v.kind)}. Check apiVersion and kind, or pass its schema in extraSchemas (or a compiled validator in extraValidators).`));
      continue;
    }
    if (!schema.validate(v)) {
      for (const e of schema.validate.errors ?? []) {
        const { path, message } = describeError(e);
        out.push(issue(d, path, "schema", message));
      }
    }
    if (schema.metadata && v.metadata !== undefined && !schema.metadata(v.metadata)) {
      for (const e of schema.metadata.errors ?? []) {
        const { path, message } = describeError(e);
        out.push(issue(d, path ? `metadata.${path}` : "metadata", "schema", message));
      }
    }
  }
  return out;
}

/** Every `kustomization.yaml` entry (resources, components) exists. */
export function checkKustomizationEntries(tree: ParsedTree): TreeIssue[] {
  const out: TreeIssue[] = [];
  for (const [file, docs] of tree.byFile) {
    if (!isKustomizeFile(file)) continue;
    const k = docs[0];
    if (!k) continue;
    const dir = dirOf(file);
    for (const field of ["resources", "components"] as const) {
      arr(k.value[field]).forEach((entry, i) => {
        if (typeof entry !== "string" || /^[a-z]+:\/\//.test(entry) || entry.startsWith("github.com/")) return;
        const target = joinPath(dir, entry);
        const ok = field === "components" ? Boolean(kustomizationIn(tree.files, target)) : tree.files.has(target) || Boolean(kustomizationIn(tree.files, target));
        if (!ok) {
          out.push(
            issue(k, `${field}[${i}]`, "kustomization-resource", `"${entry}" does not exist in the generated tree (${target}). Remove the entry or add the file.`),
          );
        }
      });
    }
  }
  return out;
}

const fluxKustomizations = (tree: ParsedTree): TreeObject[] =>
  tree.objects.filter((o) => o.apiVersion === FLUX_KS && o.kind === "Kustomization");

const id = (ns: string, name: string): string => `${ns}/${name}`;

/** Flux Kustomizations: `path` exists, `dependsOn` targets exist, the graph is acyclic, `substituteFrom` exists. */
export function checkFluxKustomizations(tree: ParsedTree): TreeIssue[] {
  const out: TreeIssue[] = [];
  const all = fluxKustomizations(tree);
  const known = new Set(all.map((k) => id(k.namespace, k.name)));
  const edges = new Map<string, { target: string; from: TreeObject; index: number }[]>();
  for (const k of all) {
    const spec = obj(k.value.spec) ?? {};
    const path = str(spec.path);
    if (path !== undefined) {
      const dir = joinPath("", path);
      if (!dirExists(tree.files, dir)) {
        out.push(issue(k, "spec.path", "flux-path", `Path "${path}" has no files in the generated tree. Point it at the app's directory.`));
      }
    }
    const list: { target: string; from: TreeObject; index: number }[] = [];
    arr(spec.dependsOn).forEach((dep, i) => {
      const d = obj(dep);
      const name = str(d?.name) ?? "";
      const ns = str(d?.namespace) ?? k.namespace;
      if (!known.has(id(ns, name))) {
        out.push(
          issue(k, `spec.dependsOn[${i}]`, "flux-depends-on", `Depends on Kustomization "${name}" in namespace "${ns}", which is not in the tree. Enable that app or remove the dependency.`),
        );
      } else list.push({ target: id(ns, name), from: k, index: i });
    });
    edges.set(id(k.namespace, k.name), [...(edges.get(id(k.namespace, k.name)) ?? []), ...list]);
    arr(obj(spec.postBuild)?.substituteFrom).forEach((ref, i) => {
      const r = obj(ref);
      if (!r || r.optional === true) return;
      const kind = str(r.kind) ?? "";
      const name = str(r.name) ?? "";
      const found = tree.objects.some((o) => o.apiVersion === "v1" && o.kind === kind && o.name === name && o.namespace === k.namespace);
      if (!found) {
        out.push(
          issue(k, `spec.postBuild.substituteFrom[${i}]`, "substitute-from", `${kind} "${name}" does not exist in namespace "${k.namespace}". Include the sops component in that namespace or remove substituteFrom.`),
        );
      }
    });
  }
  // Cycle detection (depth-first, in sorted order, so the report is deterministic).
  const state = new Map<string, 1 | 2>();
  const reported = new Set<string>();
  const visit = (node: string, stack: string[]): void => {
    state.set(node, 1);
    for (const e of edges.get(node) ?? []) {
      const s = state.get(e.target);
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(e.target)), node, e.target];
        const key = [...cycle].sort().join(",");
        if (!reported.has(key)) {
          reported.add(key);
          out.push(
            issue(e.from, `spec.dependsOn[${e.index}]`, "flux-cycle", `dependsOn forms a cycle: ${cycle.join(" → ")}. Remove one of the dependencies.`),
          );
        }
      } else if (s === undefined) visit(e.target, [...stack, node]);
    }
    state.set(node, 2);
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node, []);
  return out;
}

/** Every HelmRelease's chart source (chartRef or chart.spec.sourceRef) exists. */
export function checkChartSources(tree: ParsedTree): TreeIssue[] {
  const out: TreeIssue[] = [];
  for (const hr of tree.objects) {
    if (!hr.apiVersion.startsWith("helm.toolkit.fluxcd.io/") || hr.kind !== "HelmRelease") continue;
    const spec = obj(hr.value.spec) ?? {};
    const chartRef = obj(spec.chartRef);
    const sourceRef = obj(obj(obj(spec.chart)?.spec)?.sourceRef);
    const ref = chartRef ?? sourceRef;
    const path = chartRef ? "spec.chartRef" : "spec.chart.spec.sourceRef";
    if (!ref) continue;
    const kind = str(ref.kind) ?? "";
    const name = str(ref.name) ?? "";
    const ns = str(ref.namespace) ?? hr.namespace;
    const found = tree.objects.some(
      (o) => o.apiVersion.startsWith("source.toolkit.fluxcd.io/") && o.kind === kind && o.name === name && o.namespace === ns,
    );
    if (!found) {
      out.push(issue(hr, path, "chart-source", `${kind} "${name}" in namespace "${ns}" does not exist. Add the chart source to the app or fix the reference.`));
    }
  }
  return out;
}

const GATEWAY_API = "gateway.networking.k8s.io";

/** Every route parentRef names an existing Gateway (and listener); every Gateway's class exists. */
export function checkParentRefs(tree: ParsedTree): TreeIssue[] {
  const out: TreeIssue[] = [];
  const gateways = tree.objects.filter((o) => o.apiVersion.startsWith(`${GATEWAY_API}/`) && o.kind === "Gateway");
  const classes = new Set(tree.objects.filter((o) => o.apiVersion.startsWith(`${GATEWAY_API}/`) && o.kind === "GatewayClass").map((o) => o.name));
  for (const gw of gateways) {
    const cls = str(obj(gw.value.spec)?.gatewayClassName) ?? "";
    if (!classes.has(cls)) {
      out.push(issue(gw, "spec.gatewayClassName", "parent-ref", `GatewayClass "${cls}" does not exist in the tree. Use a class the tree defines.`));
    }
  }
  for (const route of tree.objects) {
    if (!route.apiVersion.startsWith(`${GATEWAY_API}/`) || !/Route$/.test(route.kind)) continue;
    arr(obj(route.value.spec)?.parentRefs).forEach((p, i) => {
      const ref = obj(p) ?? {};
      const kind = str(ref.kind) ?? "Gateway";
      const group = str(ref.group) ?? GATEWAY_API;
      if (kind !== "Gateway" || group !== GATEWAY_API) return;
      const name = str(ref.name) ?? "";
      const ns = str(ref.namespace) ?? route.namespace;
      const gw = gateways.find((g) => g.name === name && g.namespace === ns);
      if (!gw) {
        out.push(issue(route, `spec.parentRefs[${i}]`, "parent-ref", `Gateway "${name}" in namespace "${ns}" does not exist. Use envoy-external or envoy-internal in namespace network, or a Gateway the tree defines.`));
        return;
      }
      const section = str(ref.sectionName);
      if (section !== undefined) {
        const listeners = arr(obj(gw.value.spec)?.listeners).map((l) => str(obj(l)?.name));
        if (!listeners.includes(section)) {
          out.push(issue(route, `spec.parentRefs[${i}].sectionName`, "parent-ref", `Gateway "${ns}/${name}" has no listener "${section}" (it has: ${listeners.join(", ")}).`));
        }
      }
    });
  }
  return out;
}

/** Secrets only in `*.sops.yaml` files. */
export function checkSecretLocation(tree: ParsedTree): TreeIssue[] {
  const out: TreeIssue[] = [];
  for (const d of tree.documents) {
    if (d.value.apiVersion === "v1" && d.value.kind === "Secret" && !d.file.endsWith(".sops.yaml")) {
      out.push(issue(d, "kind", "secret-location", `Secret "${String(obj(d.value.metadata)?.name ?? "")}" is outside a *.sops.yaml file, so it would be committed unencrypted. Move it into a file named *.sops.yaml.`));
    }
  }
  return out;
}

export interface SecretValue {
  /** The configuration key or input file the value comes from (named in the message). */
  name: string;
  value: string;
}

/** Shorter values are not searched: they would match ordinary words (e.g. "admin"). */
export const MIN_SECRET_LENGTH = 6;

/** No configured secret value appears in a file other than `*.sops.yaml`. */
export function checkSecretLeaks(tree: ParsedTree, secrets: readonly SecretValue[]): TreeIssue[] {
  const out: TreeIssue[] = [];
  const values = secrets.filter((s) => s.value.length >= MIN_SECRET_LENGTH);
  for (const [file, text] of tree.files) {
    if (file.endsWith(".sops.yaml")) continue; // *.sops.yaml and .sops.yaml itself
    for (const s of values) {
      if (text.includes(s.value)) {
        out.push({ file, document: 0, path: "", rule: "secret-leak", message: `The value of ${s.name} appears in this file in plaintext. Secrets belong in *.sops.yaml files only.` });
      }
    }
  }
  return out;
}
