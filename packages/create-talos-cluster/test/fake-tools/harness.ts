import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { encryptYaml, generateAgeIdentity } from "@talos-cluster/secrets";
import { stringify } from "yaml";
import type { Command } from "../../src/cli/command.js";
import { UserError } from "../../src/cli/context.js";
import { CancelledError } from "../../src/cli/prompter.js";
import { bootstrapCommands } from "../../src/commands/bootstrap.js";
import { debug } from "../../src/commands/debug.js";
import { reconcile } from "../../src/commands/reconcile.js";
import { talosCommands } from "../../src/commands/talos.js";
import { BIN, runBuiltBin } from "../built-bin.js";
import { captureContext } from "../helpers.js";

/** The day-2 commands, routed here so these tests do not depend on other commands' modules. */
const DAY2: Command[] = [...talosCommands, ...bootstrapCommands, reconcile, debug];

const here = dirname(fileURLToPath(import.meta.url));
export const FAKE_BIN = join(here, "bin");

/** The repositories' age key (a real one: the bundle is really encrypted to it). */
export const AGE = await generateAgeIdentity(new Date(0));

/** The bootstrap Secrets in plaintext; the repositories hold them encrypted to AGE, as configure writes them. */
export const SECRET_PLAINTEXT: Record<string, string> = {
  "bootstrap/github-deploy-key.sops.yaml": secretYaml("github-deploy-key", "identity", "FAKE-DEPLOY-KEY"),
  "bootstrap/sops-age.sops.yaml": secretYaml("sops-age", "age.agekey", "FAKE-AGE-SECRET"),
  "kubernetes/components/sops/cluster-secrets.sops.yaml": secretYaml("cluster-secrets", "SECRET_DOMAIN", "example.com"),
};

function secretYaml(name: string, key: string, value: string): string {
  return stringify({ apiVersion: "v1", kind: "Secret", metadata: { name, namespace: "flux-system" }, stringData: { [key]: value } });
}

const SECRET_ENCRYPTED: Record<string, string> = {};
for (const [file, text] of Object.entries(SECRET_PLAINTEXT)) {
  const encrypted = await encryptYaml(text, { recipients: [AGE.recipient], encryptedRegex: "^(data|stringData)$", macOnlyEncrypted: true });
  if (!encrypted.ok) throw new Error(encrypted.errors.map((e) => e.message).join("\n"));
  SECRET_ENCRYPTED[file] = encrypted.text;
}

/** An existing, encrypted Talos secrets bundle. */
export const TALSECRET = await (async () => {
  const encrypted = await encryptYaml("cluster:\n  id: EXISTING-CLUSTER\n", { recipients: [AGE.recipient], macOnlyEncrypted: true });
  if (!encrypted.ok) throw new Error(encrypted.errors.map((e) => e.message).join("\n"));
  return encrypted.text;
})();

export const NODES = [
  { hostname: "cp-1", ipAddress: "192.0.2.11", controlPlane: true, talosImageURL: "factory.talos.dev/installer/aaa" },
  { hostname: "cp-2", ipAddress: "192.0.2.12", controlPlane: true, talosImageURL: "factory.talos.dev/installer/aaa" },
  { hostname: "worker-1", ipAddress: "192.0.2.21", controlPlane: false, talosImageURL: "factory.talos.dev/installer-secureboot/bbb" },
];

export interface RepoOptions {
  /** talos/clusterconfig/ (talosconfig and machine configs) as after `talos generate-config`. */
  clusterconfig?: boolean;
  kubeconfig?: boolean;
  talsecret?: string;
  tunnel?: "real" | "placeholder" | "missing";
  talconfig?: boolean;
  /** bootstrap/github-deploy-key.sops.yaml, as for a private repository. */
  deployKey?: boolean;
}

/** A cluster repository as `talos-cluster configure` leaves it, in a fresh temp directory. */
export function makeRepo(options: RepoOptions = {}): string {
  const root = mkdtempSync(join(tmpdir(), "talos-cluster-day2-"));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write(
    ".sops.yaml",
    stringify({
      creation_rules: [
        { path_regex: "talos/.*\\.sops\\.ya?ml", mac_only_encrypted: true, age: AGE.recipient },
        { path_regex: "(bootstrap|kubernetes)/.*\\.sops\\.ya?ml", encrypted_regex: "^(data|stringData)$", mac_only_encrypted: true, age: AGE.recipient },
      ],
      stores: { yaml: { indent: 2 } },
    }),
  );
  write("age.key", AGE.text);
  const tunnel = options.tunnel ?? "real";
  if (tunnel === "real") {
    write("cloudflare-tunnel.json", JSON.stringify({ AccountTag: "acct", TunnelSecret: "VFVOTkVMLVNFQ1JFVA==", TunnelID: "1111-2222" }));
  } else if (tunnel === "placeholder") {
    write("cloudflare-tunnel.json", JSON.stringify({ placeholder: true, AccountTag: "PLACEHOLDER", TunnelSecret: "x", TunnelID: "0" }));
  }
  if (options.talconfig !== false) {
    write("talos/talconfig.yaml", stringify({ clusterName: "kubernetes", talosVersion: "${talosVersion}", nodes: NODES }));
    write("talos/talenv.yaml", "talosVersion: v1.11.5\nkubernetesVersion: v1.34.2\n");
  }
  if (options.talsecret !== undefined) write("talos/talsecret.sops.yaml", options.talsecret);
  if (options.clusterconfig) {
    write("talos/clusterconfig/talosconfig", "context: fake\n");
    for (const n of NODES) write(`talos/clusterconfig/kubernetes-${n.hostname}.yaml`, "machine: {}\n");
  }
  if (options.kubeconfig) write("kubeconfig", "apiVersion: v1\nkind: Config\n");
  for (const ns of ["network", "cert-manager", "flux-system", "kube-system"]) mkdirSync(join(root, "kubernetes/apps", ns), { recursive: true });
  write("kubernetes/apps/README.md", "not a namespace\n");
  write("bootstrap/helmfile.d/00-crds.yaml", "releases: []\n");
  write("bootstrap/helmfile.d/01-apps.yaml", "releases: []\n");
  for (const [file, text] of Object.entries(SECRET_ENCRYPTED)) {
    if (options.deployKey || !file.includes("github-deploy-key")) write(file, text);
  }
  return root;
}

/** Environment with only the fake tools on PATH, logging to `<root>.calls.jsonl`. */
export function fakeEnv(root: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: FAKE_BIN, FAKE_NODE: process.execPath, FAKE_TOOLS_LOG: `${root}.calls.jsonl`, ...extra };
}

export interface Call {
  tool: string;
  args: string[];
  /** Working directory relative to the repository root ("" = the root). */
  cwd: string;
  env: Record<string, string>;
  stdin?: string;
}

export function calls(root: string): Call[] {
  const log = `${root}.calls.jsonl`;
  if (!existsSync(log)) return [];
  return readFileSync(log, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const c = JSON.parse(l) as Call;
      return { ...c, cwd: relative(root, c.cwd) };
    });
}

/** Each recorded call as one line: `tool arg1 arg2 …`. */
export function commandLines(root: string): string[] {
  return calls(root).map((c) => [c.tool, ...c.args].join(" "));
}

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the built `talos-cluster` bin in `root`, stdin ignored, fake tools on PATH. */
export function runBin(root: string, args: string[], extraEnv: Record<string, string> = {}): Outcome {
  const result = runBuiltBin(BIN, args, root, fakeEnv(root, extraEnv));
  return { ...result, code: result.code ?? -1 };
}

/**
 * Calls a day-2 command's `run` in-process with an injected context, turning its errors into exit
 * codes the way the CLI router does (user error → its code, cancel → 130).
 */
export async function runIn(
  root: string,
  args: string[],
  extraEnv: Record<string, string> = {},
  overrides: Parameters<typeof captureContext>[0] = {},
): Promise<Outcome> {
  const ctx = captureContext({ cwd: root, env: fakeEnv(root, extraEnv), ...overrides });
  const command = DAY2.filter((c) => c.path.every((w, i) => args[i] === w)).sort((a, b) => b.path.length - a.path.length)[0];
  if (!command) throw new Error(`no day-2 command for ${args.join(" ")}`);
  let code: number;
  try {
    code = await command.run(args.slice(command.path.length), ctx);
  } catch (error) {
    if (error instanceof CancelledError) code = 130;
    else if (error instanceof UserError) {
      ctx.stderr(`${error.message}\n`);
      code = error.exitCode;
    } else throw error;
  }
  return { code, stdout: ctx.out(), stderr: ctx.err() };
}

/** The `$ …` lines a command printed. */
export function printed(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("$ "))
    .map((l) => l.slice(2));
}
