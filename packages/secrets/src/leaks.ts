import { isSopsFileName, sopsStatus } from "./status.js";

export interface LeakCheckFile {
  path: string;
  contents: string;
}

export interface Leak {
  kind: "plaintext-secret" | "unencrypted-sops-file";
  path: string;
  line: number;
  col: number;
  /** One line; the secret itself never appears (it is named by its index and length). */
  message: string;
}

export interface FindLeaksOptions {
  /** Values shorter than this are not searched (they match ciphertext by chance). Default 8. */
  minLength?: number;
}

/** Replaces ciphertext (ENC[…] values, armored age files) with spaces, keeping offsets. */
function blankCiphertext(text: string): string {
  return text
    .replace(/ENC\[AES256_GCM,[^\]]*\]/g, (m) => " ".repeat(m.length))
    .replace(/-----BEGIN AGE ENCRYPTED FILE-----[\s\S]*?-----END AGE ENCRYPTED FILE-----/g, (m) =>
      m.replace(/[^\n]/g, " "),
    );
}

function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - before.lastIndexOf("\n") };
}

/**
 * Reports every plaintext (or base64-encoded) occurrence of a secret value outside the ciphertext
 * of an encrypted file, and every `*.sops.*` file that is not encrypted. Sorted by path and line.
 */
export function findLeaks(files: LeakCheckFile[], secretValues: string[], options: FindLeaksOptions = {}): Leak[] {
  const minLength = options.minLength ?? 8;
  const secrets = [...new Set(secretValues)]
    .map((value, index) => ({ value, index: index + 1 }))
    .filter((s) => s.value.length >= minLength);
  const leaks: Leak[] = [];
  for (const file of files) {
    if (isSopsFileName(file.path)) {
      const status = sopsStatus(file.contents);
      if (!status.encrypted) {
        leaks.push({
          kind: "unencrypted-sops-file",
          path: file.path,
          line: 1,
          col: 1,
          message: `${file.path}:1:1  is named *.sops.* but is not encrypted (${status.reason}). Encrypt it with \`talos-cluster sops encrypt --in-place\`.`,
        });
      }
    }
    const text = blankCiphertext(file.contents);
    for (const secret of secrets) {
      const forms = [
        { needle: secret.value, how: "in plaintext" },
        { needle: Buffer.from(secret.value, "utf8").toString("base64"), how: "base64-encoded" },
      ];
      for (const form of forms) {
        let from = 0;
        for (;;) {
          const at = text.indexOf(form.needle, from);
          if (at < 0) break;
          const { line, col } = position(text, at);
          leaks.push({
            kind: "plaintext-secret",
            path: file.path,
            line,
            col,
            message: `${file.path}:${line}:${col}  secret value #${secret.index} (${secret.value.length} characters) appears ${form.how} outside encrypted values. Keep it only in an encrypted *.sops.yaml file.`,
          });
          from = at + form.needle.length;
        }
      }
    }
  }
  return leaks.sort((a, b) => (a.path === b.path ? a.line - b.line || a.col - b.col : a.path < b.path ? -1 : 1));
}
