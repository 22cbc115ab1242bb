/**
 * Secret material that lives in files next to cluster.yaml (age.key, github-deploy.key,
 * github-push-token.txt, cloudflare-tunnel.json). The caller reads the files and passes their
 * contents; this package never touches the file system for them.
 */
export interface FluxTreeSecrets {
  /** Contents of `age.key` (as written by `age-keygen`): the `# public key:` line and the secret key. */
  ageKey: string;
  /** Contents of `github-push-token.txt`: the GitHub webhook token for the Flux Receiver. */
  githubPushToken: string;
  /** Contents of `cloudflare-tunnel.json` (`AccountTag`, `TunnelSecret`, `TunnelID`), as text or parsed. */
  cloudflareTunnel: string | Record<string, unknown>;
  /** Contents of `github-deploy.key` (OpenSSH private key); required when `repository_visibility` is "private". */
  githubDeployKey?: string;
}

/** The secret inputs after parsing. */
export interface ParsedSecrets {
  agePublicKey: string;
  agePrivateKey: string;
  githubPushToken: string;
  githubDeployKey?: string;
  tunnelId: string;
  tunnelAccountTag: string;
  tunnelSecret: string;
  /** base64 of `{"a":AccountTag,"t":TunnelID,"s":TunnelSecret}`: cloudflared's TUNNEL_TOKEN. */
  tunnelToken: string;
}

export interface SecretInputError {
  /** The input the problem is in, e.g. "age.key". */
  file: string;
  message: string;
}

export function parseSecrets(
  input: FluxTreeSecrets,
  needDeployKey: boolean,
): { ok: true; value: ParsedSecrets } | { ok: false; errors: SecretInputError[] } {
  const errors: SecretInputError[] = [];
  const age = input.ageKey ?? "";
  const pub = /# public key: (age1[0-9a-z]+)/.exec(age)?.[1];
  const priv = /(AGE-SECRET-KEY-[0-9A-Z]+)/.exec(age)?.[1];
  if (!pub) {
    errors.push({ file: "age.key", message: "No '# public key: age1…' line found. Create the key with `age-keygen --output age.key`." });
  }
  if (!priv) {
    errors.push({ file: "age.key", message: "No AGE-SECRET-KEY-… line found. Create the key with `age-keygen --output age.key`." });
  }
  const token = (input.githubPushToken ?? "").trim();
  if (!token) {
    errors.push({ file: "github-push-token.txt", message: "The GitHub push token is empty. Write a random token, e.g. `openssl rand -hex 16 > github-push-token.txt`." });
  }
  const deployKey = input.githubDeployKey?.trim();
  if (needDeployKey && !deployKey) {
    errors.push({
      file: "github-deploy.key",
      message: 'repository_visibility is "private", so Flux needs a deploy key. Create it with `ssh-keygen -t ed25519 -f github-deploy.key -q -P ""` and add the public key to the repository.',
    });
  }
  let tunnel: Record<string, unknown> = {};
  if (typeof input.cloudflareTunnel === "string") {
    try {
      const parsed: unknown = JSON.parse(input.cloudflareTunnel);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) tunnel = parsed as Record<string, unknown>;
      else errors.push({ file: "cloudflare-tunnel.json", message: "Expected a JSON object with AccountTag, TunnelSecret and TunnelID." });
    } catch {
      errors.push({ file: "cloudflare-tunnel.json", message: "Not valid JSON. Re-create it with `cloudflared tunnel create --credentials-file cloudflare-tunnel.json kubernetes`." });
    }
  } else {
    tunnel = input.cloudflareTunnel ?? {};
  }
  const field = (key: string): string => {
    const v = tunnel[key];
    if (typeof v === "string" && v) return v;
    if (Object.keys(tunnel).length > 0 || typeof input.cloudflareTunnel !== "string") {
      errors.push({ file: "cloudflare-tunnel.json", message: `Missing key "${key}". The file written by \`cloudflared tunnel create\` has AccountTag, TunnelSecret and TunnelID.` });
    }
    return "";
  };
  const accountTag = field("AccountTag");
  const tunnelSecret = field("TunnelSecret");
  const tunnelId = field("TunnelID");
  if (errors.length > 0) return { ok: false, errors };
  const tunnelToken = Buffer.from(JSON.stringify({ a: accountTag, t: tunnelId, s: tunnelSecret }), "utf8").toString("base64");
  return {
    ok: true,
    value: {
      agePublicKey: pub!,
      agePrivateKey: priv!,
      githubPushToken: token,
      githubDeployKey: deployKey || undefined,
      tunnelId,
      tunnelAccountTag: accountTag,
      tunnelSecret,
      tunnelToken,
    },
  };
}
