import { describe, expect, it } from "vitest";
import { encryptYaml, findLeaks, isSopsEncrypted, isSopsFileName, sopsStatus } from "../src/index.js";
import { RECIPIENT } from "./helpers.js";

const secret = "cf-api-token-0123456789";

describe("leak check", () => {
  it("finds plaintext and base64 secrets outside encrypted values, and unencrypted *.sops.* files", async () => {
    const enc = await encryptYaml(`kind: Secret\nstringData:\n  token: ${secret}\n`, {
      recipients: [RECIPIENT],
      encryptedRegex: "^stringData$",
    });
    if (!enc.ok) throw new Error("encrypt failed");
    const leaks = findLeaks(
      [
        { path: "kubernetes/ok.sops.yaml", contents: enc.text },
        { path: "kubernetes/app/helmrelease.yaml", contents: `values:\n  apiToken: ${secret}\n` },
        { path: "kubernetes/app/secret.sops.yaml", contents: `stringData:\n  token: x\n` },
        { path: "kubernetes/app/data.yaml", contents: `data:\n  token: ${Buffer.from(secret).toString("base64")}\n` },
      ],
      [secret, "short"],
    );
    expect(leaks.map((l) => l.message)).toEqual([
      "kubernetes/app/data.yaml:2:10  secret value #1 (23 characters) appears base64-encoded outside encrypted values. Keep it only in an encrypted *.sops.yaml file.",
      "kubernetes/app/helmrelease.yaml:2:13  secret value #1 (23 characters) appears in plaintext outside encrypted values. Keep it only in an encrypted *.sops.yaml file.",
      "kubernetes/app/secret.sops.yaml:1:1  is named *.sops.* but is not encrypted (no sops metadata). Encrypt it with `talos-cluster sops encrypt --in-place`.",
    ]);
    for (const l of leaks) expect(l.message).not.toContain(secret);
  });

  it("knows sops file names and encrypted files", async () => {
    expect(isSopsFileName("a/b/secret.sops.yaml")).toBe(true);
    expect(isSopsFileName("a/talsecret.sops.yml")).toBe(true);
    expect(isSopsFileName("a/sops.yaml")).toBe(false);
    expect(isSopsFileName(".sops.yaml")).toBe(false);
    expect(isSopsFileName("repo/.sops.yaml")).toBe(false);
    expect(isSopsFileName("x.sops.json")).toBe(true);
    const enc = await encryptYaml("a: b-value\n", { recipients: [RECIPIENT] });
    if (!enc.ok) throw new Error("encrypt failed");
    expect(isSopsEncrypted(enc.text)).toBe(true);
    expect(sopsStatus(enc.text).recipients).toEqual([RECIPIENT]);
    expect(sopsStatus("a: b\n")).toEqual({ encrypted: false, reason: "no sops metadata", recipients: [] });
  });
});
