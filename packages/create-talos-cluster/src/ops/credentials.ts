import { readFileSync } from "node:fs";
import { UserError } from "../cli/context.js";
import { display, type RepoPaths } from "./repo.js";

/**
 * Tunnel credentials are a placeholder when the JSON has `"placeholder": true` or
 * `"AccountTag": "PLACEHOLDER"` (what `npm create talos-cluster --yes` writes in example mode).
 */
export function isPlaceholderTunnelCredentials(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return record.placeholder === true || record.AccountTag === "PLACEHOLDER";
}

const CREATE_TUNNEL =
  "Create real credentials with `cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes`, " +
  "then run `talos-cluster configure`.";

/** Refuses a missing, malformed or placeholder `cloudflare-tunnel.json`. Never prints its values. */
export function requireRealTunnelCredentials(paths: RepoPaths): void {
  const name = display(paths, paths.tunnelCredentials);
  let text: string;
  try {
    text = readFileSync(paths.tunnelCredentials, "utf8");
  } catch {
    throw new UserError(`${name}: file not found. ${CREATE_TUNNEL}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UserError(`${name}: not valid JSON. ${CREATE_TUNNEL}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UserError(`${name}: expected a JSON object with AccountTag, TunnelSecret and TunnelID. ${CREATE_TUNNEL}`);
  }
  if (isPlaceholderTunnelCredentials(parsed)) {
    throw new UserError(
      `${name}: placeholder credentials (written by the example scaffold); the cluster cannot use them. ${CREATE_TUNNEL}`,
    );
  }
  const record = parsed as Record<string, unknown>;
  const missing = ["AccountTag", "TunnelSecret", "TunnelID"].filter((k) => typeof record[k] !== "string" || record[k] === "");
  if (missing.length > 0) {
    throw new UserError(`${name}: missing ${missing.join(", ")}. ${CREATE_TUNNEL}`);
  }
}
