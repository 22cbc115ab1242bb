import { fail } from "./issues.js";

/** Which values sops encrypts (only one of the four key rules may be set) and what the MAC covers. */
export interface CryptRules {
  unencryptedSuffix?: string;
  encryptedSuffix?: string;
  unencryptedRegex?: string;
  encryptedRegex?: string;
  unencryptedCommentRegex?: string;
  encryptedCommentRegex?: string;
  /** When true the MAC covers only encrypted values (seeded with SHA-256("sops")). */
  macOnlyEncrypted?: boolean;
}

/** The text rules, in the order sops writes them into the `sops` metadata (as snake_case keys). */
export const TEXT_RULE_KEYS = [
  "unencryptedSuffix",
  "encryptedSuffix",
  "unencryptedRegex",
  "encryptedRegex",
  "unencryptedCommentRegex",
  "encryptedCommentRegex",
] as const satisfies readonly (keyof CryptRules)[];

/** sops's default when no rule is given. */
export const DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";

/** Applies sops's default and rejects more than one key rule. */
export function normalizeRules(rules: CryptRules): CryptRules {
  const keyRules = (["unencryptedSuffix", "encryptedSuffix", "unencryptedRegex", "encryptedRegex"] as const).filter(
    (k) => rules[k] !== undefined && rules[k] !== "",
  );
  if (keyRules.length > 1) {
    fail(
      "config",
      `Only one of encrypted_suffix, unencrypted_suffix, encrypted_regex and unencrypted_regex may be set (got ${keyRules.map(snake).join(", ")}). Keep one.`,
    );
  }
  const out: CryptRules = {};
  for (const k of [...TEXT_RULE_KEYS, "macOnlyEncrypted"] as const) {
    const v = rules[k];
    if (v !== undefined && v !== "" && v !== false) (out as Record<string, unknown>)[k] = v;
  }
  if (keyRules.length === 0) out.unencryptedSuffix = DEFAULT_UNENCRYPTED_SUFFIX;
  for (const k of ["unencryptedRegex", "encryptedRegex", "unencryptedCommentRegex", "encryptedCommentRegex"] as const) {
    const v = out[k];
    if (v !== undefined) compileGoRegex(v, snake(k));
  }
  return out;
}

export function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

const regexCache = new Map<string, RegExp>();

/** A Go (RE2) regular expression as a JavaScript RegExp: unanchored, leading `(?i)`-style flags mapped. */
export function compileGoRegex(source: string, what = "regex"): RegExp {
  const cached = regexCache.get(source);
  if (cached) return cached;
  let body = source;
  let flags = "u";
  const m = /^\(\?([imsU]+)\)/.exec(body);
  if (m) {
    body = body.slice(m[0].length);
    for (const f of m[1] as string) if (f !== "U" && !flags.includes(f)) flags += f;
  }
  let re: RegExp;
  try {
    re = new RegExp(body, flags);
  } catch {
    try {
      re = new RegExp(body, flags.replace("u", ""));
    } catch (error) {
      fail("config", `${what} ${JSON.stringify(source)} is not a valid regular expression: ${(error as Error).message}.`);
    }
  }
  regexCache.set(source, re);
  return re;
}

/** sops's shouldBeEncrypted: the rules applied to every component of the value's path. */
export function shouldBeEncrypted(rules: CryptRules, path: string[], commentsStack: string[][], isComment: boolean): boolean {
  let encrypted = true;
  if (rules.unencryptedSuffix) {
    if (path.some((p) => p.endsWith(rules.unencryptedSuffix as string))) encrypted = false;
  }
  if (rules.encryptedSuffix) {
    encrypted = path.some((p) => p.endsWith(rules.encryptedSuffix as string));
  }
  if (rules.unencryptedRegex) {
    const re = compileGoRegex(rules.unencryptedRegex);
    if (path.some((p) => re.test(p))) encrypted = false;
  }
  if (rules.encryptedRegex) {
    const re = compileGoRegex(rules.encryptedRegex);
    encrypted = path.some((p) => re.test(p));
  }
  if (rules.unencryptedCommentRegex) {
    const re = compileGoRegex(rules.unencryptedCommentRegex);
    if (commentsStack.some((cs) => cs.some((c) => re.test(c)))) encrypted = false;
  }
  if (rules.encryptedCommentRegex) {
    const re = compileGoRegex(rules.encryptedCommentRegex);
    const last = commentsStack.length - 1;
    const lastLen = commentsStack[last]?.length ?? 0;
    encrypted = commentsStack.some((cs, i) =>
      cs.some((c, j) => !(isComment && i === last && j === lastLen - 1) && re.test(c)),
    );
  }
  return encrypted;
}
