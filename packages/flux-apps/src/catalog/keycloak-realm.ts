import type { ResolvedConfig } from "@talos-cluster/config-schema";
import type { FluxContribution } from "../app-model.js";

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

/**
 * The realm imported by keycloak-config-cli. It holds client secrets, so it is written into the
 * SOPS Secret `keycloak-realm-config`, never into a ConfigMap.
 */
export function buildRealm(c: ResolvedConfig, fragments: NonNullable<FluxContribution["keycloakRealm"]>[]): Json {
  const d = c.primary_domain;
  const accountRedirect = [`https://auth.${d}/realms/${REALM_NAME}/account/*`];
  const clients: Json[] = [
    {
      clientId: "account",
      name: "Account Management",
      enabled: true,
      publicClient: true,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      redirectUris: accountRedirect,
      webOrigins: ["*"],
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
      webOrigins: ["*"],
      attributes: { "pkce.code.challenge.method": "S256" },
    },
  ];
  if (c.keycloak_oidc_client_secret) {
    clients.push({
      clientId: "envoy-gateway",
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
      redirectUris: [`https://*.${d}/oauth2/callback`, `https://*.${d}/*`],
      webOrigins: [`https://*.${d}`],
      defaultClientScopes: ["web-origins", "profile", "roles", "email"],
      optionalClientScopes: ["address", "phone", "offline_access"],
      attributes: { "pkce.code.challenge.method": "S256", "post.logout.redirect.uris": `https://*.${d}/*` },
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
