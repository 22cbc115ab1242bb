/** Writing a rendered tree to disk with makejinja's output semantics. */
import { chmodSync, existsSync, mkdirSync, readdirSync, rmdirSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RenderedFile, WriteTreeOptions, WriteTreeResult } from "./types.js";

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** `readdirSync`, or undefined when the directory does not exist. */
function listDir(path: string): string[] | undefined {
  try {
    return readdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Write files under `outputDir`: existing files are overwritten only with `force` (default true); rendered files
 * get the template's mode/mtime with `copyMetadata`, copied files always (like `shutil.copy2`). Directories from
 * `dirs` end up existing, except — unless `keepEmpty` — those left empty, which are removed (deepest first);
 * kept ones get their input's metadata with `copyMetadata`. Nothing else is ever deleted. The result lists paths
 * in sorted order (`removedDirs` deepest first, in reverse path order).
 *
 * The final tree is makejinja's (which creates every directory, then removes the empty ones), but a directory
 * that receives no file is never created: creating a directory is the slowest call here (about a millisecond
 * on some file systems, where a directory left empty cost two). The file system calls are synchronous: a tree
 * is hundreds of small files, and waiting for the thread pool between them only added CPU time (measured with
 * `pnpm bench`). The function stays async so callers do not depend on that.
 */
export async function writeTree(files: RenderedFile[], outputDir: string, options: WriteTreeOptions = {}): Promise<WriteTreeResult> {
  const force = options.force ?? true;
  mkdirSync(outputDir, { recursive: true });
  const dirs = [...(options.dirs ?? [])].sort(byPath);
  const created = new Set<string>([outputDir]);
  const createDir = (target: string) => {
    if (created.has(target)) return;
    mkdirSync(target, { recursive: true });
    for (let d = target; !created.has(d) && d.length > outputDir.length; d = dirname(d)) created.add(d);
  };
  // With keepEmpty every directory stays, so all are created (the deepest ones create their parents).
  if (options.keepEmpty) {
    for (const [i, dir] of dirs.entries()) if (!dirs[i + 1]?.path.startsWith(dir.path + "/")) createDir(join(outputDir, dir.path));
  }

  const result: WriteTreeResult = { written: [], skipped: [], removedDirs: [] };
  for (const file of [...files].sort(byPath)) {
    const target = join(outputDir, file.path);
    if (!force && existsSync(target)) {
      result.skipped.push(file.path);
      continue;
    }
    createDir(dirname(target));
    writeFileSync(target, file.contents);
    if ((options.copyMetadata || !file.rendered) && file.mode !== undefined) chmodSync(target, file.mode);
    if ((options.copyMetadata || !file.rendered) && file.mtime) utimesSync(target, file.mtime, file.mtime);
    result.written.push(file.path);
  }

  // Deepest first (reverse path order puts every directory after everything below it). A directory that now
  // holds a written file is not empty; any other one is as makejinja would leave it: removed when it is empty
  // or missing (makejinja would have created, then removed it), kept when it holds other files.
  for (const dir of [...dirs].reverse()) {
    const target = join(outputDir, dir.path);
    if (!options.keepEmpty && !created.has(target)) {
      const entries = listDir(target);
      if (!entries?.length) {
        if (entries) rmdirSync(target);
        result.removedDirs.push(dir.path);
        continue;
      }
    }
    if (options.copyMetadata) {
      if (dir.mode !== undefined) chmodSync(target, dir.mode);
      if (dir.mtime) utimesSync(target, dir.mtime, dir.mtime);
    }
  }
  return result;
}
