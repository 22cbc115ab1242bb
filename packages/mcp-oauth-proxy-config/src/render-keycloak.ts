/**
 * The Keycloak realm part: an audience client scope (one audience mapper per protected server, so tokens
 * carry the exact resource URIs agentgateway checks), and either the anonymous client-registration policies
 * that make DCR work, or pre-registered public PKCE clients. No secret is ever part of these fragments.
 */
import type { FluxContribution } from "@talos-cluster/flux-apps";
import type { McpOAuthProxyInput } from "./input.js";
import { resourceUrl } from "./validate-input.js";

type Doc = Record<string, unknown>;
type RealmPart = NonNullable<FluxContribution["keycloakRealm"]>;

export const CLIENT_REGISTRATION_POLICY = "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy";

/** Keycloak's default "Allowed Protocol Mapper Types" list for client registration. */
const DEFAULT_ALLOWED_MAPPERS = [
  "oidc-address-mapper",
  "oidc-full-name-mapper",
  "oidc-sha256-pairwise-sub-mapper",
  "oidc-usermodel-attribute-mapper",
  "oidc-usermodel-property-mapper",
  "saml-role-list-mapper",
  "saml-user-attribute-mapper",
  "saml-user-property-mapper",
];

function policy(name: string, providerId: string, subType: "anonymous" | "authenticated", config: Record<string, string[]>): Doc {
  return { name, providerId, subType, subComponents: {}, config };
}

export function renderKeycloakRealm(input: McpOAuthProxyInput): RealmPart {
  const protectedServers = input.servers.filter((s) => !s.public);
  const audienceScope: Doc = {
    name: input.audienceScope,
    description: `Access to the MCP servers on ${input.publicHost} (token audience = their resource URLs)`,
    protocol: "openid-connect",
    attributes: {
      "include.in.token.scope": "true",
      "display.on.consent.screen": "true",
      "consent.screen.text": `Use MCP servers on ${input.publicHost}`,
    },
    protocolMappers: protectedServers.map((server) => ({
      name: `audience-${server.name}`,
      protocol: "openid-connect",
      protocolMapper: "oidc-audience-mapper",
      consentRequired: false,
      config: {
        "included.custom.audience": resourceUrl(input, server),
        "access.token.claim": "true",
        "introspection.token.claim": "true",
        "id.token.claim": "false",
      },
    })),
  };
  const registration = input.keycloak.registration;
  if (registration.mode === "dcr") {
    const allowedScopes = [input.audienceScope, ...input.scopes.filter((s) => s !== "openid" && s !== input.audienceScope)];
    return {
      clientScopes: [audienceScope],
      // Clients created by DCR get the realm's default scopes; this one puts the audience into their tokens.
      defaultDefaultClientScopes: [input.audienceScope],
      components: {
        [CLIENT_REGISTRATION_POLICY]: [
          policy("Trusted Hosts", "trusted-hosts", "anonymous", {
            "trusted-hosts": [...registration.trustedHosts],
            "host-sending-registration-request-must-match": ["true"],
            "client-uris-must-match": [String(registration.clientUrisMustMatch ?? true)],
          }),
          policy("Allowed Client Scopes", "allowed-client-templates", "anonymous", {
            "allow-default-scopes": ["true"],
            "allowed-client-scopes": allowedScopes,
          }),
          policy("Max Clients Limit", "max-clients", "anonymous", { "max-clients": [String(registration.maxClients ?? 200)] }),
          ...(registration.consentRequired === false ? [] : [policy("Consent Required", "consent-required", "anonymous", {})]),
          policy("Full Scope Disabled", "scope", "anonymous", {}),
          policy("Allowed Protocol Mapper Types", "allowed-protocol-mappers", "anonymous", {
            "allowed-protocol-mapper-types": DEFAULT_ALLOWED_MAPPERS,
          }),
          policy("Allowed Client Scopes", "allowed-client-templates", "authenticated", { "allow-default-scopes": ["true"] }),
          policy("Allowed Protocol Mapper Types", "allowed-protocol-mappers", "authenticated", {
            "allowed-protocol-mapper-types": DEFAULT_ALLOWED_MAPPERS,
          }),
        ],
      },
    };
  }
  return {
    clientScopes: [audienceScope],
    clients: registration.clients.map((client) => ({
      clientId: client.clientId,
      name: client.name ?? client.clientId,
      description: `MCP client for ${input.publicHost} (public, PKCE S256)`,
      enabled: true,
      protocol: "openid-connect",
      publicClient: true,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      serviceAccountsEnabled: false,
      consentRequired: true,
      fullScopeAllowed: false,
      redirectUris: [...client.redirectUris],
      webOrigins: client.webOrigins ? [...client.webOrigins] : ["+"],
      defaultClientScopes: ["web-origins", "profile", "roles", "email", input.audienceScope],
      optionalClientScopes: ["offline_access"],
      attributes: {
        "pkce.code.challenge.method": "S256",
        "post.logout.redirect.uris": client.postLogoutRedirectUris?.length ? client.postLogoutRedirectUris.join("##") : undefined,
        "oauth2.device.authorization.grant.enabled": "false",
      },
    })),
  };
}
