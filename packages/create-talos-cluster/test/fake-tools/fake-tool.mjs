// A stand-in for an external tool (talosctl, talhelper, kubectl, helmfile, flux, …) in tests. It appends one JSON line per call
// to $FAKE_TOOLS_LOG ({ tool, args, cwd, env, stdin }) and prints canned output.
//
// Configuration (environment):
//   FAKE_TOOLS_LOG   file the calls are appended to (required)
//   FAKE_FAIL        ";"-separated rules "<prefix>[*N]": a call whose "tool arg1 arg2 …" starts with
//                    <prefix> exits 1; with *N only the first N such calls fail (retries)
//   FAKE_FAIL_MESSAGE  stderr text of a failing call (default "fake <tool>: failing as asked")
//   FAKE_EMPTY       ";"-separated prefixes whose calls succeed but print nothing
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";

const [tool, ...args] = process.argv.slice(2);
const line = [tool, ...args].join(" ");
const logFile = process.env.FAKE_TOOLS_LOG;
if (!logFile) {
  process.stderr.write("fake tool: FAKE_TOOLS_LOG is not set\n");
  process.exit(99);
}

const readsStdin = args.some((a) => a === "-" || a === "--filename=-" || a === "/dev/stdin");
const stdin = readsStdin ? readFileSync(0, "utf8") : undefined;
const env = {};
for (const key of ["KUBECONFIG", "TALOSCONFIG", "SOPS_AGE_KEY_FILE"]) if (process.env[key]) env[key] = process.env[key];

const previous = existsSync(logFile)
  ? readFileSync(logFile, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l))
  : [];
appendFileSync(logFile, `${JSON.stringify({ tool, args, cwd: process.cwd(), env, ...(stdin !== undefined ? { stdin } : {}) })}\n`);

const rules = (name) => (process.env[name] ?? "").split(";").map((r) => r.trim()).filter(Boolean);
for (const rule of rules("FAKE_FAIL")) {
  const [prefix, times] = rule.split("*");
  if (!line.startsWith(prefix)) continue;
  const earlier = previous.filter((c) => [c.tool, ...c.args].join(" ").startsWith(prefix)).length;
  if (times === undefined || earlier < Number(times)) {
    process.stderr.write(`${process.env.FAKE_FAIL_MESSAGE ?? `fake ${tool}: failing as asked`}\n`);
    process.exit(1);
  }
}
if (rules("FAKE_EMPTY").some((prefix) => line.startsWith(prefix))) process.exit(0);

const sub = args.find((a) => !a.startsWith("-"));
if (tool === "talhelper" && sub === "gensecret") {
  process.stdout.write("cluster:\n  id: FAKE-CLUSTER-ID\n  secret: FAKE-TALOS-SECRET-VALUE\n");
} else if (tool === "talhelper" && sub === "genconfig") {
  const talconfig = parse(readFileSync("talconfig.yaml", "utf8"));
  mkdirSync("clusterconfig", { recursive: true });
  writeFileSync("clusterconfig/talosconfig", "context: fake\n");
  for (const node of talconfig.nodes) writeFileSync(`clusterconfig/${talconfig.clusterName}-${node.hostname}.yaml`, "machine: {}\n");
  process.stdout.write("generated config for fake nodes\n");
} else if (tool === "talosctl" && sub === "kubeconfig") {
  const target = resolve(args[args.length - 1]);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, "apiVersion: v1\nkind: Config\n");
} else if (tool === "helmfile" && args.includes("template")) {
  process.stdout.write("---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: fakes.example.com\n");
} else {
  process.stdout.write(`fake ${tool}: ok\n`);
}
