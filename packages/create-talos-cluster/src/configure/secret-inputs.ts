import { join } from "node:path";
import type { FluxTreeSecrets } from "@talos-cluster/flux-apps";
import { readOptional } from "./read-optional.js";

/** The files next to cluster.yaml that hold secrets the tree needs. */
export const SECRET_INPUT_FILES = {
  ageKey: "age.key",
  githubPushToken: "github-push-token.txt",
  cloudflareTunnel: "cloudflare-tunnel.json",
  githubDeployKey: "github-deploy.key",
} as const;

/** Reads the secret inputs; missing required files become problems that say how to create them. */
export async function readSecretInputs(
  dir: string,
  needDeployKey: boolean,
): Promise<{ ok: true; value: FluxTreeSecrets } | { ok: false; problems: string[] }> {
  const [ageKey, githubPushToken, cloudflareTunnel, githubDeployKey] = await Promise.all(
    Object.values(SECRET_INPUT_FILES).map((f) => readOptional(join(dir, f))),
  );
  const problems: string[] = [];
  if (ageKey === undefined) problems.push("age.key: file not found. Run `talos-cluster init` to create the age key (and back it up).");
  if (githubPushToken === undefined) problems.push("github-push-token.txt: file not found. Run `talos-cluster init` to create it.");
  if (cloudflareTunnel === undefined) {
    problems.push(
      "cloudflare-tunnel.json: file not found. Create it with `cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes`.",
    );
  }
  if (needDeployKey && githubDeployKey === undefined) {
    problems.push('github-deploy.key: file not found, and repository_visibility is "private". Run `talos-cluster init` to create it.');
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { ageKey: ageKey!, githubPushToken: githubPushToken!, cloudflareTunnel: cloudflareTunnel!, githubDeployKey } };
}
