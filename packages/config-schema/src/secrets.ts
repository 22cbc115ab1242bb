import type { ResolvedConfig } from "./resolved.js";

/** Keys whose values are credentials: never printed, not even in an error. */
export const SECRET_KEYS = [
  "cloudflare_token",
  "proxmox_csi_token_secret",
  "proxmox_ccm_token_secret",
  "azure_openai_us_east_api_key",
  "azure_openai_us_east2_api_key",
  "azure_client_secret",
  "keycloak_admin_password",
  "keycloak_db_password",
  "keycloak_oidc_client_secret",
  "keycloak_entra_id_client_secret",
  "keycloak_agentgateway_client_secret",
] as const satisfies readonly (keyof ResolvedConfig)[];

export const REDACTED = "<redacted>";

/** A copy with every non-empty secret replaced by "<redacted>" (empty ones stay "", so "unset" stays visible). */
export function redactSecrets(config: ResolvedConfig): ResolvedConfig {
  const copy: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) {
    if (typeof copy[key] === "string" && copy[key] !== "") copy[key] = REDACTED;
  }
  return copy as unknown as ResolvedConfig;
}
