import { describe, expect, it } from "vitest";
import { discoverAgeIdentities } from "../src/index.js";
import { IDENTITY, OTHER_IDENTITY, RECIPIENT, OTHER_RECIPIENT } from "./helpers.js";

function fakeFs(files: Record<string, string>) {
  return async (path: string) => files[path];
}

describe("age identity discovery", () => {
  it("uses SOPS_AGE_KEY_FILE, SOPS_AGE_KEY, ./age.key and ~/.config/sops/age/keys.txt in that order", async () => {
    const r = await discoverAgeIdentities({
      env: { SOPS_AGE_KEY_FILE: "/keys/a.txt", SOPS_AGE_KEY: `# comment\n${OTHER_IDENTITY}\n` },
      cwd: "/repo",
      homedir: "/home/me",
      readTextFile: fakeFs({ "/keys/a.txt": `${IDENTITY}\n`, "/repo/age.key": `# public key: x\n${IDENTITY}\n` }),
    });
    expect(r.identities).toEqual([IDENTITY, OTHER_IDENTITY]);
    expect(r.sources.map((s) => s.label)).toEqual(["SOPS_AGE_KEY_FILE (/keys/a.txt)", "SOPS_AGE_KEY", "./age.key"]);
    expect(r.warnings).toEqual([]);
  });

  it("warns when ~/.config/sops/age/keys.txt holds another key than ./age.key, naming public keys only", async () => {
    const r = await discoverAgeIdentities({
      env: {},
      cwd: "/repo",
      homedir: "/home/me",
      readTextFile: fakeFs({ "/repo/age.key": `${IDENTITY}\n`, "/home/me/.config/sops/age/keys.txt": `${OTHER_IDENTITY}\n` }),
    });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain("/home/me/.config/sops/age/keys.txt holds a different age key");
    expect(r.warnings[0]).toContain(OTHER_RECIPIENT);
    expect(r.warnings[0]).toContain(RECIPIENT);
    expect(r.warnings[0]).not.toContain("AGE-SECRET-KEY");
  });

  it("honours XDG_CONFIG_HOME and stays quiet when keys.txt holds the same key", async () => {
    const r = await discoverAgeIdentities({
      env: { XDG_CONFIG_HOME: "/xdg" },
      cwd: "/repo",
      homedir: "/home/me",
      readTextFile: fakeFs({ "/repo/age.key": `${IDENTITY}\n`, "/xdg/sops/age/keys.txt": `${IDENTITY}\n` }),
    });
    expect(r.warnings).toEqual([]);
    expect(r.identities).toEqual([IDENTITY]);
  });

  it("uses only --identity when given, and reports a missing file", async () => {
    const ok = await discoverAgeIdentities({
      env: { SOPS_AGE_KEY: OTHER_IDENTITY },
      cwd: "/repo",
      homedir: "/home/me",
      identityFile: "my.key",
      readTextFile: fakeFs({ "/repo/my.key": IDENTITY }),
    });
    expect(ok.identities).toEqual([IDENTITY]);
    const missing = await discoverAgeIdentities({ env: {}, cwd: "/repo", homedir: "/h", identityFile: "nope.key", readTextFile: fakeFs({}) });
    expect(missing.errors).toEqual(["--identity nope.key: file not found."]);
  });
});
