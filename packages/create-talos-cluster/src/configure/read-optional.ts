import { readFile } from "node:fs/promises";

/** A file's text, or undefined when it cannot be read (absent, a directory, no permission). */
export async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}
