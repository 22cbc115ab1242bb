import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encryptValue } from "../src/aes-gcm.js";
import { encryptDataKey } from "../src/age-keys.js";
import { decryptYaml } from "../src/index.js";
import { IDENTITY, RECIPIENT } from "./helpers.js";

/**
 * sops >= 3.10 encrypts unquoted timestamps as `type:time` and hashes timestamps (also clear-text
 * ones) as RFC 3339; older sops hashes a clear-text timestamp as written. No real-sops vector has
 * either, so these files are assembled here from the format's rules.
 */
async function file(version: string, clearTimestampMac: string): Promise<string> {
  const key = new Uint8Array(randomBytes(32));
  const enc = (await encryptDataKey(key, RECIPIENT)).replace(/^/gm, "        ").trimEnd();
  const when = encryptValue("2024-05-06T07:08:09Z", "time", key, "stringData:when:");
  const lastmodified = "2025-01-02T03:04:05Z";
  const mac = createHash("sha512").update(clearTimestampMac).update("2024-05-06T07:08:09Z").digest("hex").toUpperCase();
  return `metadata:
  created: 2024-01-01
stringData:
  when: ${when}
sops:
  age:
    - recipient: ${RECIPIENT}
      enc: |
${enc}
  lastmodified: "${lastmodified}"
  mac: ${encryptValue(mac, "str", key, lastmodified)}
  encrypted_regex: ^stringData$
  version: ${version}
`;
}

describe("timestamps as sops 3.10 writes them", () => {
  it("decrypts type:time and accepts the RFC 3339 MAC of a clear-text date", async () => {
    const r = await decryptYaml(await file("3.10.2", "2024-01-01T00:00:00Z"), { identities: [IDENTITY] });
    if (!r.ok) throw new Error(r.errors[0]?.message);
    expect(r.text).toBe("metadata:\n  created: 2024-01-01\nstringData:\n  when: 2024-05-06T07:08:09Z\n");
  });

  it("accepts the as-written MAC of a clear-text date (sops < 3.10)", async () => {
    const r = await decryptYaml(await file("3.9.0", "2024-01-01"), { identities: [IDENTITY] });
    expect(r.ok).toBe(true);
  });

  it("still rejects a wrong MAC", async () => {
    const r = await decryptYaml(await file("3.10.2", "2024-01-02"), { identities: [IDENTITY] });
    expect(!r.ok && r.errors[0]?.code).toBe("mac-mismatch");
  });
});
