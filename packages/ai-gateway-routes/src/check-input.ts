import { formatDuration, parseDuration } from "./duration.js";
import type { AiGatewayIssue } from "./issues.js";
import { isDnsLabel, isDnsSubdomain, isHostname } from "./names.js";
import type { Plan } from "./plan.js";
import { type AiGatewayReleaseInfo, floatingTagReason } from "./releases.js";
import type { ReleaseLimits } from "./schema-store.js";
import { type AiGatewayInput, type BodyMutation, type FamilyPolicy, MODEL_FAMILIES, type ModelFamily } from "./types.js";

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const QUANTITY = /^[1-9]+[0-9]*([EPTGMK]i|[EPTGMk])?$/;
const API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;
const DEPLOYMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Longest suffix this package appends to a provider name: "-<family>-<api-version>-auth". */
const LONGEST_SUFFIX = "-reasoning-2025-01-01-preview-auth".length;

export interface CheckContext {
  release: AiGatewayReleaseInfo;
  limits: ReleaseLimits;
  families: Record<ModelFamily, FamilyPolicy>;
}

/** Providers' endpoint FQDN: the override or `<resourceName>.openai.azure.com`. */
export function providerFqdn(p: { hostname?: string; resourceName: string }): string {
  return p.hostname ?? `${p.resourceName}.openai.azure.com`;
}

export function providerTlsHostname(p: { hostname?: string; resourceName: string; tls?: { hostname?: string } }): string {
  return p.tls?.hostname ?? providerFqdn(p);
}

export function providerSecretName(p: { name: string; auth: { secretName?: string } }): string {
  return p.auth.secretName ?? `${p.name}-credentials`;
}

function checkMutation(
  m: BodyMutation | undefined,
  path: string,
  ctx: CheckContext,
  push: (i: AiGatewayIssue) => void,
): void {
  if (!m) return;
  const set = m.set ?? [];
  const remove = m.remove ?? [];
  if (set.length > ctx.limits.bodyMutationSet) {
    push({
      code: "AGR-LIMITS",
      path: `${path}.set`,
      message: `${set.length} body fields to set; the AIGatewayRoute CRD of Envoy AI Gateway ${ctx.release.release} allows at most ${ctx.limits.bodyMutationSet}. Drop some.`,
    });
  }
  if (remove.length > ctx.limits.bodyMutationRemove) {
    push({
      code: "AGR-LIMITS",
      path: `${path}.remove`,
      message: `${remove.length} body fields to remove; the AIGatewayRoute CRD of Envoy AI Gateway ${ctx.release.release} allows at most ${ctx.limits.bodyMutationRemove}. Drop some.`,
    });
  }
  const seen = new Set<string>();
  set.forEach((field, i) => {
    if (!field.path || /[.[\]]/.test(field.path)) {
      push({
        code: "AGR-VER",
        path: `${path}.set[${i}].path`,
        message: `body mutation path "${field.path}" is not a top-level field; Envoy AI Gateway only sets top-level JSON fields. Use a field name such as "temperature".`,
      });
    }
    if (seen.has(field.path)) {
      push({
        code: "AGR-UNIQ",
        path: `${path}.set[${i}].path`,
        message: `body field "${field.path}" is set twice. Keep one entry.`,
      });
    }
    seen.add(field.path);
    try {
      JSON.parse(field.value);
    } catch {
      push({
        code: "AGR-VER",
        path: `${path}.set[${i}].value`,
        message: `body mutation value for "${field.path}" is not JSON text; the gateway inserts it verbatim. Write numbers as "1" and strings quoted, e.g. "\\"low\\"".`,
      });
    }
  });
  remove.forEach((field, i) => {
    if (!field || /[.[\]]/.test(field)) {
      push({
        code: "AGR-VER",
        path: `${path}.remove[${i}]`,
        message: `body mutation field "${field}" is not a top-level field; Envoy AI Gateway only removes top-level JSON fields.`,
      });
    }
  });
}

function checkDuration(
  value: string | undefined,
  path: string,
  what: string,
  push: (i: AiGatewayIssue) => void,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined) {
    push({
      code: "AGR-TMO",
      path,
      message: `${what} "${value}" is not a Gateway API duration. Write one to four number+unit pairs (h, m, s, ms) such as "300s" or "2m30s".`,
    });
  }
  return ms;
}

/** Every invariant that can be checked on the input alone (ai-mcp.md §5.1), in input order. */
export function checkInput(input: AiGatewayInput, ctx: CheckContext): AiGatewayIssue[] {
  const issues: AiGatewayIssue[] = [];
  const push = (i: AiGatewayIssue): void => {
    issues.push(i);
  };
  const { release, limits } = ctx;

  // Names of the fixed objects.
  const namespace = input.namespace ?? "ai-system";
  if (!isDnsLabel(namespace)) {
    push({ code: "AGR-NAMES", path: "namespace", message: `"${namespace}" is not a DNS-1123 label (lowercase letters, digits and "-", at most 63). Choose a valid namespace name.` });
  }
  const gw = input.gateway;
  for (const [key, value] of [
    ["name", gw.name],
    ["namespace", gw.namespace],
    ["className", gw.className],
  ] as const) {
    if (value !== undefined && !isDnsLabel(value)) {
      push({ code: "AGR-NAMES", path: `gateway.${key}`, message: `"${value}" is not a DNS-1123 label (lowercase letters, digits and "-", at most 63).` });
    }
  }
  if (!IPV4.test(gw.address ?? "")) {
    push({ code: "AGR-REF", path: "gateway.address", message: `"${gw.address ?? ""}" is not an IPv4 address; the Gateway needs a load-balancer IP. Set a free address of the node network.` });
  }
  if (!isHostname(gw.hostname ?? "")) {
    push({ code: "AGR-NAMES", path: "gateway.hostname", message: `"${gw.hostname ?? ""}" is not a lowercase DNS hostname such as "llms.example.com".` });
  }
  if (!gw.certificateSecrets || gw.certificateSecrets.length === 0) {
    push({ code: "AGR-REF", path: "gateway.certificateSecrets", message: "the HTTPS listener needs at least one TLS certificate Secret. Name the Secret(s) of your domain's certificate." });
  } else {
    if (gw.certificateSecrets.length > limits.certificateRefs) {
      push({ code: "AGR-LIMITS", path: "gateway.certificateSecrets", message: `${gw.certificateSecrets.length} certificate Secrets; a Gateway listener allows at most ${limits.certificateRefs}.` });
    }
    gw.certificateSecrets.forEach((s, i) => {
      if (!isDnsSubdomain(s)) push({ code: "AGR-NAMES", path: `gateway.certificateSecrets[${i}]`, message: `"${s}" is not a valid Secret name (DNS-1123 subdomain).` });
    });
  }
  if (gw.routeHostnames !== undefined) {
    if (!release.features.routeHostnames) {
      push({ code: "AGR-VER", path: "gateway.routeHostnames", message: `AIGatewayRoute spec.hostnames exists from Envoy AI Gateway v0.7.0; release ${release.release} rejects it. Remove routeHostnames or select release v1.1.0.` });
    } else if (gw.routeHostnames.length > limits.routeHostnames) {
      push({ code: "AGR-LIMITS", path: "gateway.routeHostnames", message: `${gw.routeHostnames.length} route hostnames; the AIGatewayRoute CRD allows at most ${limits.routeHostnames}.` });
    }
    gw.routeHostnames.forEach((h, i) => {
      if (!isHostname(h)) push({ code: "AGR-NAMES", path: `gateway.routeHostnames[${i}]`, message: `"${h}" is not a lowercase DNS hostname.` });
    });
  }
  if (gw.bufferLimit !== undefined && !QUANTITY.test(gw.bufferLimit)) {
    push({ code: "AGR-LIMITS", path: "gateway.bufferLimit", message: `"${gw.bufferLimit}" is not a buffer size such as "50Mi".` });
  }

  // Families.
  for (const family of MODEL_FAMILIES) {
    const policy = ctx.families[family];
    const path = `families.${family}`;
    const def = checkDuration(policy.defaultTimeout, `${path}.defaultTimeout`, "timeout", push);
    const min = checkDuration(policy.minTimeout, `${path}.minTimeout`, "timeout", push);
    if (def !== undefined && min !== undefined && def < min) {
      push({ code: "AGR-TMO", path: `${path}.defaultTimeout`, message: `default timeout ${policy.defaultTimeout} of family "${family}" is below its minimum ${policy.minTimeout}. Raise the default or lower the minimum.` });
    }
    checkMutation(policy.bodyMutation, `${path}.bodyMutation`, ctx, push);
  }
  for (const key of Object.keys(input.families ?? {})) {
    if (!(MODEL_FAMILIES as readonly string[]).includes(key)) {
      push({ code: "AGR-REF", path: `families.${key}`, message: `unknown model family "${key}". Use one of: ${MODEL_FAMILIES.join(", ")}.` });
    }
  }

  // Providers.
  const providerIndex = new Map<string, number>();
  const secretOwners = new Map<string, string>();
  input.providers.forEach((p, i) => {
    const path = `providers[${i}]`;
    if (!isDnsLabel(p.name) || p.name.length + LONGEST_SUFFIX > 63) {
      push({ code: "AGR-NAMES", path: `${path}.name`, message: `provider name "${p.name}" must be a DNS-1123 label of at most ${63 - LONGEST_SUFFIX} characters (object names such as "${p.name}-reasoning-2025-01-01-preview-auth" derive from it).` });
    }
    if (providerIndex.has(p.name)) {
      push({ code: "AGR-UNIQ", path: `${path}.name`, message: `provider "${p.name}" is defined twice (providers[${providerIndex.get(p.name)}] and ${path}). Give each Azure resource its own name.` });
    } else providerIndex.set(p.name, i);
    const fqdn = providerFqdn(p);
    if (!isHostname(fqdn)) {
      push({ code: "AGR-NAMES", path: p.hostname !== undefined ? `${path}.hostname` : `${path}.resourceName`, message: `backend FQDN "${fqdn}" is not a lowercase DNS hostname. Use the Azure OpenAI resource name exactly as in <name>.openai.azure.com.` });
    }
    const tlsHost = providerTlsHostname(p);
    const sans = p.tls?.subjectAltNames ?? [];
    if (tlsHost !== fqdn && !sans.includes(tlsHost)) {
      push({ code: "AGR-TLS", path: `${path}.tls.hostname`, message: `provider "${p.name}": TLS hostname "${tlsHost}" ≠ backend FQDN "${fqdn}" (SNI/cert validation will use the TLS hostname). Remove tls.hostname, or list it in tls.subjectAltNames if the backend certificate carries it.` });
    }
    if (sans.length > limits.subjectAltNames) {
      push({ code: "AGR-LIMITS", path: `${path}.tls.subjectAltNames`, message: `${sans.length} subject alternative names; BackendTLSPolicy allows at most ${limits.subjectAltNames}.` });
    }
    sans.forEach((san, j) => {
      if (!isHostname(san)) push({ code: "AGR-TLS", path: `${path}.tls.subjectAltNames[${j}]`, message: `"${san}" is not a lowercase DNS hostname.` });
    });
    const auth = p.auth;
    const secretName = providerSecretName(p);
    if (!isDnsSubdomain(secretName) || secretName.length > 63) {
      push({ code: "AGR-NAMES", path: `${path}.auth.secretName`, message: `"${secretName}" is not a valid Secret name (DNS-1123, at most 63 characters).` });
    }
    const owner = secretOwners.get(secretName);
    if (owner !== undefined) {
      push({ code: "AGR-UNIQ", path: `${path}.auth.secretName`, message: `Secret "${secretName}" is already the credentials Secret of provider "${owner}"; each provider gets its own Secret. Choose another secretName.` });
    } else secretOwners.set(secretName, p.name);
    if (auth.type === "AzureAPIKey") {
      if (!auth.apiKey) push({ code: "AGR-REF", path: `${path}.auth.apiKey`, message: `provider "${p.name}" authenticates with an API key but none is given; the Secret "${secretName}" the BackendSecurityPolicy references would be empty. Set the Azure OpenAI key.` });
    } else if (auth.type === "AzureCredentials") {
      for (const key of ["tenantId", "clientId", "clientSecret"] as const) {
        if (!auth[key]) push({ code: "AGR-REF", path: `${path}.auth.${key}`, message: `provider "${p.name}" authenticates with Entra ID but ${key} is empty${key === "clientSecret" ? `; the Secret "${secretName}" the BackendSecurityPolicy references would never be created` : ""}. Set it.` });
      }
    } else {
      push({ code: "AGR-REF", path: `${path}.auth.type`, message: `unknown auth type "${(auth as { type: string }).type}". Use "AzureAPIKey" or "AzureCredentials".` });
    }
  });

  // Models.
  const firstByName = new Map<string, { index: number; provider: string }>();
  input.models.forEach((m, i) => {
    const path = `models[${i}]`;
    if (!m.name) push({ code: "AGR-REF", path: `${path}.name`, message: "model name is empty. Use the id clients send as `model`." });
    const first = firstByName.get(m.name);
    if (first) {
      push({
        code: "AGR-UNIQ",
        path: `${path}.name`,
        message:
          first.provider === m.provider
            ? `model "${m.name}" is defined twice for provider "${m.provider}" (models[${first.index}] and ${path}): x-ai-eg-model header matches must be unique per Gateway. Remove one.`
            : `model "${m.name}" defined for providers "${first.provider}" and "${m.provider}": x-ai-eg-model header matches must be unique per Gateway (Gateway API would silently pick the oldest route). Rename one (and set deployment to the Azure name).`,
      });
    } else firstByName.set(m.name, { index: i, provider: m.provider });
    if (!providerIndex.has(m.provider)) {
      const known = [...providerIndex.keys()];
      push({ code: "AGR-REF", path: `${path}.provider`, message: `model "${m.name}" names provider "${m.provider}", which is not defined. ${known.length ? `Use one of: ${known.join(", ")}.` : "Define the provider under providers."}` });
    }
    if (!(MODEL_FAMILIES as readonly string[]).includes(m.family)) {
      push({ code: "AGR-REF", path: `${path}.family`, message: `unknown family "${m.family}" for model "${m.name}". Use one of: ${MODEL_FAMILIES.join(", ")}.` });
      return;
    }
    if (!API_VERSION.test(m.apiVersion ?? "")) {
      push({ code: "AGR-API", path: `${path}.apiVersion`, message: `model "${m.name}": "${m.apiVersion ?? ""}" is not an Azure OpenAI api-version such as "2025-01-01-preview". Set the api-version the deployment accepts.` });
    }
    if (m.deployment !== undefined && !DEPLOYMENT.test(m.deployment)) {
      push({ code: "AGR-NAMES", path: `${path}.deployment`, message: `"${m.deployment}" is not an Azure deployment name (letters, digits, ".", "_", "-", at most 64).` });
    }
    if (m.backend !== undefined && !isDnsLabel(m.backend)) {
      push({ code: "AGR-NAMES", path: `${path}.backend`, message: `backend name "${m.backend}" is not a DNS-1123 label (lowercase letters, digits and "-", at most 63).` });
    } else if (m.backend !== undefined && m.backend.length + "-auth".length > 63) {
      push({ code: "AGR-NAMES", path: `${path}.backend`, message: `backend name "${m.backend}" is too long: its security policy "${m.backend}-auth" would exceed 63 characters.` });
    }
    const policy = ctx.families[m.family];
    const ms = checkDuration(m.timeout, `${path}.timeout`, "timeout", push);
    const minMs = parseDuration(policy.minTimeout);
    if (ms !== undefined && minMs !== undefined && ms < minMs) {
      push({ code: "AGR-TMO", path: `${path}.timeout`, message: `model "${m.name}": timeout ${m.timeout} is below the ${m.family} minimum ${policy.minTimeout}; requests would be cut off. Use at least ${policy.minTimeout}, or lower families.${m.family}.minTimeout.` });
    }
    if (m.streamIdleTimeout !== undefined) {
      if (!release.features.streamIdleTimeout) {
        push({ code: "AGR-VER", path: `${path}.streamIdleTimeout`, message: `rules[].streamIdleTimeout exists from Envoy AI Gateway v1.1.0; release ${release.release} rejects it. Remove it or select release v1.1.0.` });
      }
      checkDuration(m.streamIdleTimeout, `${path}.streamIdleTimeout`, "stream idle timeout", push);
    }
    checkMutation(m.bodyMutation, `${path}.bodyMutation`, ctx, push);
  });
  if (input.models.length === 0) {
    push({ code: "AGR-REF", path: "models", message: "the catalog has no models, so the gateway would route nothing. Add at least one model." });
  }

  // Gateway retry vs. route timeouts.
  const retry = gw.retry;
  if (retry?.numRetries !== undefined && (!Number.isInteger(retry.numRetries) || retry.numRetries < 0)) {
    push({ code: "AGR-TMO", path: "gateway.retry.numRetries", message: `numRetries ${retry.numRetries} must be a whole number ≥ 0.` });
  }
  const perTry = checkDuration(retry?.perTryTimeout, "gateway.retry.perTryTimeout", "per-try timeout", push);
  if (perTry !== undefined) {
    let longest: { ms: number; timeout: string; family: ModelFamily } | undefined;
    for (const m of input.models) {
      const policy = ctx.families[m.family];
      if (!policy) continue;
      const timeout = m.timeout ?? policy.defaultTimeout;
      const ms = parseDuration(timeout);
      if (ms !== undefined && (!longest || ms > longest.ms)) longest = { ms, timeout, family: m.family };
    }
    if (longest && perTry < longest.ms) {
      push({ code: "AGR-TMO", path: "gateway.retry.perTryTimeout", message: `perTryTimeout ${retry?.perTryTimeout} would abort ${longest.family} requests (timeout ${formatDuration(longest.ms)}) on every attempt. Remove perTryTimeout or raise it to at least ${formatDuration(longest.ms)}.` });
    }
  }

  // Charts.
  for (const which of ["crds", "controller"] as const) {
    const pin = input.charts?.[which];
    if (pin?.version !== undefined) {
      const reason = floatingTagReason(pin.version);
      if (reason) {
        push({ code: "AGR-PIN", path: `charts.${which}.version`, message: `chart tag "${pin.version}" ${reason}; pin a release such as "${release.charts[which].version}" (CRD schema drift broke the reference deployment).` });
      }
    }
    if (pin?.url !== undefined && !/^oci:\/\/[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+$/.test(pin.url)) {
      push({ code: "AGR-PIN", path: `charts.${which}.url`, message: `"${pin.url}" is not an OCI chart URL such as "${release.charts[which].url}".` });
    }
  }
  return issues;
}

/** Checks on the grouped catalog: generated names and warnings about families. */
export function checkPlan(
  plan: Plan,
  providers: readonly { name: string }[],
): { errors: AiGatewayIssue[]; warnings: AiGatewayIssue[] } {
  const errors: AiGatewayIssue[] = [];
  const warnings: AiGatewayIssue[] = [];
  for (const backend of plan.backends) {
    const first = backend.models[0];
    const path = first ? `models[${first.index}]` : "models";
    for (const name of [backend.name, `${backend.name}-auth`]) {
      if (!isDnsLabel(name)) {
        errors.push({ code: "AGR-NAMES", path, message: `generated object name "${name}" is not a DNS-1123 label of at most 63 characters. Shorten the provider name or set a shorter backend name.` });
      }
    }
    if (backend.families.length > 1) {
      warnings.push({ code: "AGR-API", path: `${path}.backend`, message: `AIServiceBackend "${backend.name}" serves models of several families (${backend.families.join(", ")}); check that one api-version fits them all.` });
    }
  }
  const served = new Set(plan.models.map((m) => m.entry.provider));
  providers.forEach((p, i) => {
    if (!served.has(p.name)) {
      warnings.push({ code: "AGR-REF", path: `providers[${i}]`, message: `provider "${p.name}" serves no model of the catalog, so nothing is emitted for it. Add models with provider "${p.name}" or remove the provider.` });
    }
  });
  for (const model of plan.models) {
    if (model.entry.family === "codex") {
      warnings.push({ code: "AGR-API", path: `models[${model.index}]`, message: `model "${model.entry.name}": Azure may serve codex models only through the Responses API, which the AzureOpenAI schema does not translate; check it with \`talos-cluster ai smoke --model ${model.entry.name}\`.` });
    }
  }
  return { errors, warnings };
}
