import type { FluxApp } from "@talos-cluster/flux-apps";
import type { AiGatewayIssue } from "./issues.js";

interface Ref {
  name: string;
  namespace?: string;
}
/** The fields of the emitted objects this check reads. */
interface Doc {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: {
    rules?: Array<{ backendRefs: Ref[] }>;
    backendRef?: Ref;
    targetRefs?: Ref[];
    azureAPIKey?: { secretRef?: Ref };
    azureCredentials?: { clientSecretRef?: Ref };
  };
}

/**
 * Checks the emitted objects themselves: every backendRef, policy target and Secret reference
 * resolves to an emitted object, and every AIServiceBackend has exactly one security policy.
 */
export function verifyReferences(apps: readonly FluxApp[]): AiGatewayIssue[] {
  const issues: AiGatewayIssue[] = [];
  const docs = apps.flatMap((a) => a.files.flatMap((f) => f.documents as unknown as Doc[]));
  const names = (kind: string): Set<string> =>
    new Set(docs.filter((d) => d.kind === kind).map((d) => `${d.metadata.namespace}/${d.metadata.name}`));
  const backends = names("Backend");
  const serviceBackends = names("AIServiceBackend");
  const secrets = names("Secret");
  const fail = (where: Doc, message: string): void => {
    issues.push({ code: "AGR-REF", path: `${where.kind}/${where.metadata.name}`, message });
  };

  const policiesPerBackend = new Map<string, number>();
  for (const d of docs) {
    const ns = d.metadata.namespace;
    if (d.kind === "AIGatewayRoute") {
      for (const rule of d.spec.rules ?? []) {
        for (const ref of rule.backendRefs) {
          if (!serviceBackends.has(`${ref.namespace ?? ns}/${ref.name}`)) fail(d, `backendRef "${ref.name}" names no emitted AIServiceBackend.`);
        }
      }
    } else if (d.kind === "AIServiceBackend") {
      const ref = d.spec.backendRef?.name;
      if (!ref || !backends.has(`${ns}/${ref}`)) fail(d, `backendRef "${ref ?? ""}" names no emitted Backend.`);
    } else if (d.kind === "BackendTLSPolicy") {
      for (const ref of d.spec.targetRefs ?? []) if (!backends.has(`${ns}/${ref.name}`)) fail(d, `targetRef "${ref.name}" names no emitted Backend.`);
    } else if (d.kind === "BackendSecurityPolicy") {
      for (const ref of d.spec.targetRefs ?? []) {
        const key = `${ns}/${ref.name}`;
        if (!serviceBackends.has(key)) fail(d, `targetRef "${ref.name}" names no emitted AIServiceBackend.`);
        policiesPerBackend.set(key, (policiesPerBackend.get(key) ?? 0) + 1);
      }
      const secret = d.spec.azureAPIKey?.secretRef?.name ?? d.spec.azureCredentials?.clientSecretRef?.name;
      if (secret !== undefined && !secrets.has(`${ns}/${secret}`)) fail(d, `references Secret "${secret}", which is not emitted (a dangling credentials reference).`);
    }
  }
  for (const key of serviceBackends) {
    const count = policiesPerBackend.get(key) ?? 0;
    if (count !== 1) {
      issues.push({ code: "AGR-BSP", path: `AIServiceBackend/${key.split("/")[1]}`, message: `is targeted by ${count} BackendSecurityPolicies; it needs exactly one.` });
    }
  }
  return issues;
}
