#!/usr/bin/env node
// Copies the JSON schemas this package validates against from the shared schema bundle
// (../shared/schemas, see its INDEX.md) into packages/flux-apps/schemas/, with an index and a
// NOTICE naming sources and licenses. Run: node tools/vendor-schemas.mjs <path-to-shared-schemas>
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** `[file in the shared bundle, file here]` for each schema of one upstream release of a group. */
function release(group, version, files) {
  return files.map((f) => [`${group}/${version}/${f}`, `${group}/${f}`]);
}

const FILES = [
  "core/configmap_v1.json", "core/limitrange_v1.json", "core/namespace_v1.json", "core/objectmeta_v1.json",
  "core/persistentvolumeclaim_v1.json", "core/pod_v1.json", "core/resourcequota_v1.json", "core/secret_v1.json",
  "core/service_v1.json", "core/serviceaccount_v1.json",
  "apps/daemonset_v1.json", "apps/deployment_v1.json", "apps/statefulset_v1.json",
  "batch/cronjob_v1.json", "batch/job_v1.json",
  "networking.k8s.io/networkpolicy_v1.json",
  "rbac.authorization.k8s.io/role_v1.json", "rbac.authorization.k8s.io/rolebinding_v1.json",
  "rbac.authorization.k8s.io/clusterrole_v1.json", "rbac.authorization.k8s.io/clusterrolebinding_v1.json",
  "storage.k8s.io/storageclass_v1.json",
  "cert-manager.io/certificate_v1.json", "cert-manager.io/clusterissuer_v1.json", "cert-manager.io/issuer_v1.json",
  "cilium.io/ciliumbgpadvertisement_v2.json", "cilium.io/ciliumbgpclusterconfig_v2.json",
  "cilium.io/ciliumbgppeerconfig_v2.json", "cilium.io/ciliuml2announcementpolicy_v2alpha1.json",
  "cilium.io/ciliumloadbalancerippool_v2.json", "cilium.io/ciliumnetworkpolicy_v2.json",
  "externaldns.k8s.io/dnsendpoint_v1alpha1.json",
  "helm.toolkit.fluxcd.io/helmrelease_v2.json",
  "kustomize.toolkit.fluxcd.io/kustomization_v1.json",
  "notification.toolkit.fluxcd.io/receiver_v1.json",
  "source.toolkit.fluxcd.io/gitrepository_v1.json", "source.toolkit.fluxcd.io/helmrepository_v1.json",
  "source.toolkit.fluxcd.io/ocirepository_v1.json",
  // Release-scoped: the Gateway API v1.5.1 bundle (experimental channel) and the CRDs of Envoy Gateway
  // v1.8.1, the release the gateway-helm pin in src/catalog/versions.ts installs. They are vendored
  // without the release directory (`<group>/v1.8.1/x.json` → `<group>/x.json`).
  ...release("gateway.networking.k8s.io", "v1.5.1", [
    "gateway_v1.json", "gatewayclass_v1.json", "httproute_v1.json", "grpcroute_v1.json",
    "referencegrant_v1.json", "referencegrant_v1beta1.json", "backendtlspolicy_v1.json",
  ]),
  ...release("gateway.envoyproxy.io", "v1.8.1", [
    "backend_v1alpha1.json", "backendtrafficpolicy_v1alpha1.json", "clienttrafficpolicy_v1alpha1.json",
    "envoyextensionpolicy_v1alpha1.json", "envoypatchpolicy_v1alpha1.json", "envoyproxy_v1alpha1.json",
    "httproutefilter_v1alpha1.json", "securitypolicy_v1alpha1.json",
  ]),
  "monitoring.coreos.com/podmonitor_v1.json", "monitoring.coreos.com/servicemonitor_v1.json",
  "monitoring.coreos.com/prometheusrule_v1.json",
  "postgresql.cnpg.io/cluster_v1.json", "postgresql.cnpg.io/database_v1.json",
  "kustomize.config.k8s.io/kustomization_v1beta1.json", "kustomize.config.k8s.io/component_v1alpha1.json",
  "helmfile/helmfile.json",
];

const shared = process.argv[2];
if (!shared) {
  console.error("usage: node tools/vendor-schemas.mjs <path-to-shared-schemas>");
  process.exit(2);
}
const out = join(dirname(fileURLToPath(import.meta.url)), "..", "schemas");
rmSync(out, { recursive: true, force: true });
const index = JSON.parse(readFileSync(join(shared, "index.json"), "utf8"));
const entries = [];
const usedSources = new Set();
for (const item of FILES) {
  const [from, file] = Array.isArray(item) ? item : [item, item];
  const meta = index.files[from];
  if (!meta) throw new Error(`${from} is not in the shared index`);
  mkdirSync(dirname(join(out, file)), { recursive: true });
  copyFileSync(join(shared, from), join(out, file));
  usedSources.add(meta.source);
  entries.push({
    file,
    apiVersion: meta.apiVersion ?? null,
    kind: meta.kind ?? null,
    source: meta.source,
    ...(meta.release ? { release: meta.release } : {}),
    sha256: meta.sha256,
  });
}
writeFileSync(join(out, "index.json"), `${JSON.stringify({ files: entries }, null, 1)}\n`);
const sources = index.sources;
const lines = [
  "Third-party JSON schemas vendored from the project's shared schema bundle (generated from the upstream",
  "sources below; conversion rules: CRD roots strict, see the bundle's INDEX.md).",
  "",
  "| key | repository | version | commit | path | license |",
  "|---|---|---|---|---|---|",
];
for (const key of [...usedSources].sort()) {
  const s = sources[key];
  lines.push(`| ${key} | ${s.repository ?? s.repo ?? ""} | ${s.ref ?? s.version ?? ""} | ${s.commit ?? ""} | ${s.dir ?? s.source_path ?? ""} | ${s.license ?? ""} |`);
}
lines.push(
  "",
  "Files and their source key: see index.json in this directory. Release-scoped files of the bundle",
  "(`<group>/<release>/<kind>_<version>.json`) are stored here as `<group>/<kind>_<version>.json`; their",
  "index entry names the `release`.",
  "",
);
writeFileSync(join(out, "NOTICE.md"), lines.join("\n"));
console.log(`vendored ${FILES.length} schemas from ${usedSources.size} sources`);
