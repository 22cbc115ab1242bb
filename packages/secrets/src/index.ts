export { decryptYaml, encryptYaml } from "./sops-yaml.js";
export type { DecryptOptions, DecryptOutput, EncryptOptions, EncryptOutput, ReuseLevel } from "./sops-yaml.js";
export type { SopsIssue, SopsIssueCode, SopsResult } from "./issues.js";
export type { CryptRules } from "./crypt-rules.js";
export { parseIdentityFile, recipientOf } from "./age-keys.js";
export { SOPS_FORMAT_VERSION } from "./metadata.js";
