import type { FluxApp, FluxDependency } from "@talos-cluster/flux-apps";
import { providerFqdn, providerSecretName, providerTlsHostname } from "./check-input.js";
import type { Plan, PlannedRule } from "./plan.js";
import type { AiGatewayReleaseInfo } from "./releases.js";
import type { AzureOpenAIProvider } from "./types.js";

/** The header Envoy AI Gateway sets from the request body's `model` before routing. */
export const MODEL_HEADER = "x-ai-eg-model";

export interface ProviderAppOptions {
  release: AiGatewayReleaseInfo;
  namespace: string;
  gateway: { name: string; namespace: string };
  routeHostnames: string[] | undefined;
  dependsOn: FluxDependency[];
}

function ruleObject(rule: PlannedRule): Record<string, unknown> {
  return {
    matches: rule.models.map((m) => ({ headers: [{ type: "Exact", name: MODEL_HEADER, value: m.entry.name }] })),
    backendRefs: [
      {
        name: rule.backend,
        ...(rule.modelNameOverride ? { modelNameOverride: rule.modelNameOverride } : {}),
        ...(rule.bodyMutation ? { bodyMutation: rule.bodyMutation } : {}),
      },
    ],
    timeouts: { request: rule.timeout },
    ...(rule.streamIdleTimeout ? { streamIdleTimeout: rule.streamIdleTimeout } : {}),
  };
}

/**
 * One provider's app: Backend + BackendTLSPolicy, its AIServiceBackends with one
 * BackendSecurityPolicy each, its AIGatewayRoute(s), and the credentials Secret (always emitted
 * when a policy references it) in `secret.sops.yaml` for the caller to encrypt.
 */
export function providerApp(provider: AzureOpenAIProvider, plan: Plan, opts: ProviderAppOptions): FluxApp {
  const { namespace, release } = opts;
  const meta = (name: string) => ({ name, namespace });
  const backendName = `${provider.name}-backend`;
  const secretName = providerSecretName(provider);
  const fqdn = providerFqdn(provider);
  const sans = provider.tls?.subjectAltNames ?? [];
  const backends = plan.backends.filter((b) => b.provider === provider.name);
  const routes = plan.routes.filter((r) => r.provider === provider.name);
  const auth = provider.auth;

  const securityPolicySpec =
    auth.type === "AzureAPIKey"
      ? { type: "AzureAPIKey", azureAPIKey: { secretRef: { name: secretName } } }
      : {
          type: "AzureCredentials",
          azureCredentials: {
            clientID: auth.clientId,
            tenantID: auth.tenantId,
            clientSecretRef: { name: secretName },
          },
        };

  return {
    namespace,
    name: provider.name,
    kustomization: { dependsOn: opts.dependsOn },
    files: [
      {
        path: "backend.yaml",
        documents: [
          {
            apiVersion: "gateway.envoyproxy.io/v1alpha1",
            kind: "Backend",
            metadata: meta(backendName),
            spec: { endpoints: [{ fqdn: { hostname: fqdn, port: 443 } }] },
          },
          {
            apiVersion: "gateway.networking.k8s.io/v1",
            kind: "BackendTLSPolicy",
            metadata: meta(`${provider.name}-tls`),
            spec: {
              targetRefs: [{ group: "gateway.envoyproxy.io", kind: "Backend", name: backendName }],
              validation: {
                wellKnownCACertificates: "System",
                hostname: providerTlsHostname(provider),
                ...(sans.length ? { subjectAltNames: sans.map((hostname) => ({ type: "Hostname", hostname })) } : {}),
              },
            },
          },
        ],
      },
      {
        path: "aiservicebackend.yaml",
        documents: backends.map((b) => ({
          apiVersion: release.aiGatewayApiVersion,
          kind: "AIServiceBackend",
          metadata: meta(b.name),
          spec: {
            schema: { name: "AzureOpenAI", version: b.apiVersion },
            backendRef: { group: "gateway.envoyproxy.io", kind: "Backend", name: backendName },
          },
        })),
      },
      {
        path: "backendsecuritypolicy.yaml",
        documents: backends.map((b) => ({
          apiVersion: release.aiGatewayApiVersion,
          kind: "BackendSecurityPolicy",
          metadata: meta(`${b.name}-auth`),
          spec: {
            targetRefs: [{ group: "aigateway.envoyproxy.io", kind: "AIServiceBackend", name: b.name }],
            ...securityPolicySpec,
          },
        })),
      },
      {
        path: "aigatewayroute.yaml",
        documents: routes.map((r) => ({
          apiVersion: release.aiGatewayApiVersion,
          kind: "AIGatewayRoute",
          metadata: meta(r.name),
          spec: {
            parentRefs: [
              {
                group: "gateway.networking.k8s.io",
                kind: "Gateway",
                name: opts.gateway.name,
                namespace: opts.gateway.namespace,
              },
            ],
            ...(opts.routeHostnames ? { hostnames: opts.routeHostnames } : {}),
            rules: r.rules.map(ruleObject),
          },
        })),
      },
      {
        path: "secret.sops.yaml",
        documents: [
          {
            apiVersion: "v1",
            kind: "Secret",
            metadata: meta(secretName),
            type: "Opaque",
            stringData: auth.type === "AzureAPIKey" ? { apiKey: auth.apiKey } : { "client-secret": auth.clientSecret },
          },
        ],
      },
    ],
  };
}
