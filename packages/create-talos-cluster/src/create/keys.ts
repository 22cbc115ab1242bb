import { join } from "node:path";
import { generateAgeIdentity, generateDeployKey, generatePushToken, writeSecretFileIfAbsent } from "@talos-cluster/secrets";

/** Creates age.key, github-deploy.key(+.pub) and github-push-token.txt where absent; never overwrites. */
export async function initKeys(dir: string, now = new Date()): Promise<{ created: string[]; kept: string[] }> {
  const created: string[] = [];
  const kept: string[] = [];
  const put = async (file: string, contents: () => Promise<string> | string) => {
    const outcome = await writeSecretFileIfAbsent(join(dir, file), await contents());
    (outcome === "created" ? created : kept).push(file);
  };
  await put("age.key", async () => (await generateAgeIdentity(now)).text);
  const deploy = generateDeployKey("deploy-key");
  await put("github-deploy.key", () => deploy.privateKey);
  await put("github-deploy.key.pub", () => deploy.publicKey);
  await put("github-push-token.txt", () => `${generatePushToken()}\n`);
  return { created, kept };
}
