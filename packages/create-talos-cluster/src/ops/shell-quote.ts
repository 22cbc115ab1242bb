const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one word for a POSIX shell so that a printed command can be pasted back unchanged. */
export function shellQuote(word: string): string {
  return word !== "" && SAFE.test(word) ? word : singleQuote(word);
}

/** One word in POSIX shell single quotes, always (a `'` inside becomes `'\''`). */
export function singleQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
