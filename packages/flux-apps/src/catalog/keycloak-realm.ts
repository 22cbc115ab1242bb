import type { ResolvedConfig } from "@talos-cluster/config-schema";
import type { FluxContribution } from "../app-model.js";
import { obj } from "../validate/tree-model.js";

export const REALM_NAME = "k8s-cluster";

type Json = Record<string, unknown>;

function entraIdEnabled(c: ResolvedConfig): boolean {
  return Boolean(
    c.keycloak_entra_id_enabled &&
      c.keycloak_entra_id_tenant_id &&
      c.keycloak_entra_id_client_id &&
      c.keycloak_entra_id_client_secret,
  );
}

function entraIdProvider(c: ResolvedConfig): { identityProviders: Json[]; identityProviderMappers: Json[] } {
  const base = `https://login.microsoftonline.com/${c.keycloak_entra_id_tenant_id}`;
  const attr = (name: string, claim: string, attribute: string): Json => ({
    name,
    identityProviderAlias: "entra-id",
    identityProviderMapper: "oidc-user-attribute-idp-mapper",
    config: { syncMode: "INHERIT", claim, "user.attribute": attribute },
  });
  const role = (name: string, r: string): Json => ({
    name,
    identityProviderAlias: "entra-id",
    identityProviderMapper: "oidc-hardcoded-role-idp-mapper",
    config: { syncMode: "FORCE", role: r },
  });
  return {
    identityProviders: [
      {
        alias: "entra-id",
        displayName: "Microsoft Entra ID",
        providerId: "oidc",
        enabled: true,
        trustEmail: true,
        storeToken: false,
        addReadTokenRoleOnCreate: false,
        linkOnly: false,
        firstBrokerLoginFlowAlias: "first broker login",
        config: {
          useJwksUrl: "true",
          syncMode: "FORCE",
          clientAuthMethod: "client_secret_post",
          clientId: c.keycloak_entra_id_client_id,
          // The realm lives in a SOPS Secret, so the client secret is written directly.
          clientSecret: c.keycloak_entra_id_client_secret,
          defaultScope: "openid profile email",
          authorizationUrl: `${base}/oauth2/v2.0/authorize`,
          tokenUrl: `${base}/oauth2/v2.0/token`,
          logoutUrl: `${base}/oauth2/v2.0/logout`,
          jwksUrl: `${base}/discovery/v2.0/keys`,
          userInfoUrl: "https://graph.microsoft.com/oidc/userinfo",
          issuer: `${base}/v2.0`,
          validateSignature: "true",
          pkceEnabled: "true",
          pkceMethod: "S256",
        },
      },
    ],
    identityProviderMappers: [
      attr("email", "email", "email"),
      attr("first-name", "given_name", "firstName"),
      attr("last-name", "family_name", "lastName"),
      {
        name: "username",
        identityProviderAlias: "entra-id",
        identityProviderMapper: "oidc-username-idp-mapper",
        // The realm Secret opts out of Flux substitution, so `${…}` reaches keycloak-config-cli as is.
        config: { syncMode: "INHERIT", template: "${CLAIM.preferred_username}" },
      },
      role("manage-account-role", "account.manage-account"),
      role("view-profile-role", "account.view-profile"),
    ],
  };
}

/** The OIDC client Envoy Gateway `SecurityPolicy` objects log users in with. */
export const ENVOY_GATEWAY_CLIENT_ID = "envoy-gateway";

/**
 * Browser-facing hostnames (relative to the primary domain) the catalog routes through Envoy
 * Gateway — the HTTPRoutes in templates/ — and so the hosts an Envoy Gateway OIDC SecurityPolicy
 * may protect. Not `auth` (Keycloak itself) nor `flux-webhook` (GitHub's webhook cannot log in).
 * A test keeps this list equal to the routes the tree renders.
 */
export const ENVOY_GATEWAY_CLIENT_HOSTS = ["echo", "envoy-ui", "flux", "hubble"] as const;

/**
 * Hosts whose OIDC callbacks the `envoy-gateway` client accepts: the catalog's web UIs, plus the
 * host of every contributed SecurityPolicy `redirectURL` that uses that client.
 */
export function envoyGatewayClientHosts(c: ResolvedConfig, contributions: readonly FluxContribution[]): string[] {
  const d = c.primary_domain;
  const hosts = new Set<string>(ENVOY_GATEWAY_CLIENT_HOSTS.map((h) => `${h}.${d}`));
  for (const app of contributions.flatMap((x) => x.apps ?? [])) {
    for (const doc of app.files.flatMap((f) => f.documents)) {
      const oidc = obj(obj(doc.spec)?.oidc);
      if (doc.kind !== "SecurityPolicy" || oidc?.clientID !== ENVOY_GATEWAY_CLIENT_ID || typeof oidc.redirectURL !== "string") continue;
      const m = /^https:\/\/([^/:]+)/.exec(oidc.redirectURL.replace(/\$\{SECRET_DOMAIN\}/g, d));
      if (m) hosts.add(m[1]!);
    }
  }
  return [...hosts].sort();
}

/**
 * The realm imported by keycloak-config-cli. It holds client secrets, so it is written into the
 * SOPS Secret `keycloak-realm-config`, never into a ConfigMap. No redirect URI, post-logout
 * redirect URI or web origin contains a wildcard: each is an exact URL derived from the
 * configuration, and web origins are `+` (Keycloak: "the origins of the redirect URIs").
 */
export function buildRealm(c: ResolvedConfig, contributions: readonly FluxContribution[]): Json {
  const d = c.primary_domain;
  const fragments = contributions.flatMap((x) => (x.keycloakRealm ? [x.keycloakRealm] : []));
  // The account console's own URL; Keycloak matches redirect URIs exactly when they have no `*`.
  const accountRedirect = [`https://auth.${d}/realms/${REALM_NAME}/account/`];
  const clients: Json[] = [
    {
      clientId: "account",
      name: "Account Management",
      enabled: true,
      publicClient: true,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: accountRedirect,
      webOrigins: ["+"],
      attributes: {},
    },
    {
      clientId: "account-console",
      name: "Account Console",
      enabled: true,
      publicClient: true,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: accountRedirect,
      webOrigins: ["+"],
      attributes: { "pkce.code.challenge.method": "S256" },
    },
  ];
  if (c.keycloak_oidc_client_secret) {
    const hosts = envoyGatewayClientHosts(c, contributions);
    clients.push({
      clientId: ENVOY_GATEWAY_CLIENT_ID,
      name: "Envoy Gateway OIDC Client",
      description: "OIDC client for Envoy Gateway SecurityPolicy authentication",
      enabled: true,
      publicClient: false,
      clientAuthenticatorType: "client-secret",
      secret: c.keycloak_oidc_client_secret,
      protocol: "openid-connect",
      bearerOnly: false,
      consentRequired: false,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      authorizationServicesEnabled: false,
      fullScopeAllowed: true,
      // Envoy Gateway's default OIDC redirectURL is https://<host>/oauth2/callback.
      redirectUris: hosts.map((h) => `https://${h}/oauth2/callback`),
      webOrigins: ["+"],
      defaultClientScopes: ["web-origins", "profile", "roles", "email"],
      optionalClientScopes: ["address", "phone", "offline_access"],
      attributes: {
        "pkce.code.challenge.method": "S256",
        // Keycloak joins several values with "##" (Constants.CFG_DELIMITER).
        "post.logout.redirect.uris": hosts.map((h) => `https://${h}/`).join("##"),
      },
    });
  }
  const clientScopes: Json[] = [];
  const components: Record<string, Json[]> = {};
  const defaultDefaultClientScopes: string[] = [];
  for (const f of fragments) {
    clients.push(...(f.clients ?? []));
    clientScopes.push(...(f.clientScopes ?? []));
    defaultDefaultClientScopes.push(...(f.defaultDefaultClientScopes ?? []));
    for (const [type, list] of Object.entries(f.components ?? {})) {
      components[type] = [...(components[type] ?? []), ...list];
    }
  }
  const entra = entraIdEnabled(c) ? entraIdProvider(c) : undefined;
  return {
    realm: REALM_NAME,
    enabled: true,
    displayName: "Kubernetes Cluster",
    displayNameHtml: "<strong>Kubernetes Cluster</strong>",
    sslRequired: "external",
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    duplicateEmailsAllowed: false,
    resetPasswordAllowed: true,
    editUsernameAllowed: false,
    bruteForceProtected: true,
    permanentLockout: false,
    maxFailureWaitSeconds: 900,
    minimumQuickLoginWaitSeconds: 60,
    waitIncrementSeconds: 60,
    quickLoginCheckMilliSeconds: 1000,
    maxDeltaTimeSeconds: 43200,
    failureFactor: 5,
    defaultSignatureAlgorithm: "RS256",
    accessTokenLifespan: 300,
    accessTokenLifespanForImplicitFlow: 900,
    ssoSessionIdleTimeout: 1800,
    ssoSessionMaxLifespan: 36000,
    offlineSessionIdleTimeout: 2592000,
    accessCodeLifespan: 60,
    accessCodeLifespanUserAction: 300,
    accessCodeLifespanLogin: 1800,
    actionTokenGeneratedByAdminLifespan: 43200,
    actionTokenGeneratedByUserLifespan: 300,
    roles: {
      realm: [
        { name: "admin", description: "Cluster administrator with full access", composite: false },
        { name: "developer", description: "Developer with limited cluster access", composite: false },
        { name: "viewer", description: "Read-only access to cluster resources", composite: false },
      ],
    },
    groups: [
      { name: "cluster-admins", path: "/cluster-admins", realmRoles: ["admin"] },
      { name: "developers", path: "/developers", realmRoles: ["developer"] },
      { name: "viewers", path: "/viewers", realmRoles: ["viewer"] },
    ],
    clientScopes: clientScopes.length > 0 ? clientScopes : undefined,
    defaultDefaultClientScopes: defaultDefaultClientScopes.length > 0 ? defaultDefaultClientScopes : undefined,
    clients,
    components: Object.keys(components).length > 0 ? components : undefined,
    scopeMappings: [],
    clientScopeMappings: {},
    identityProviders: entra?.identityProviders,
    identityProviderMappers: entra?.identityProviderMappers,
  };
}
