/** Writing a rendered tree to disk with makejinja's output semantics. */
import { chmod, mkdir, readdir, rmdir, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RenderedFile, WriteTreeOptions, WriteTreeResult } from "./types.js";

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Write files under `outputDir`: existing files are overwritten only with `force` (default true); rendered files
 * get the template's mode/mtime with `copyMetadata`, copied files always (like `shutil.copy2`). Directories from
 * `dirs` are created, then — deepest first — removed when left empty (unless `keepEmpty`) or given their input's
 * metadata (with `copyMetadata`). Nothing else is ever deleted.
 */
export async function writeTree(files: RenderedFile[], outputDir: string, options: WriteTreeOptions = {}): Promise<WriteTreeResult> {
  const force = options.force ?? true;
  const result: WriteTreeResult = { written: [], skipped: [], removedDirs: [] };
  await mkdir(outputDir, { recursive: true });
  const dirs = [...(options.dirs ?? [])].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const dir of dirs) await mkdir(join(outputDir, dir.path), { recursive: true });
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const target = join(outputDir, file.path);
    if (!force && (await exists(target))) {
      result.skipped.push(file.path);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents);
    if ((options.copyMetadata || !file.rendered) && file.mode !== undefined) await chmod(target, file.mode);
    if ((options.copyMetadata || !file.rendered) && file.mtime) await utimes(target, file.mtime, file.mtime);
    result.written.push(file.path);
  }
  for (const dir of [...dirs].reverse()) {
    const target = join(outputDir, dir.path);
    if (!options.keepEmpty && (await readdir(target)).length === 0) {
      await rmdir(target);
      result.removedDirs.push(dir.path);
    } else if (options.copyMetadata) {
      if (dir.mode !== undefined) await chmod(target, dir.mode);
      if (dir.mtime) await utimes(target, dir.mtime, dir.mtime);
    }
  }
  return result;
}
