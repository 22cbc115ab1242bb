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

/** Files in flight at once: enough to keep libuv's thread pool busy, far below any open-file limit. */
const CONCURRENCY = 32;

/** `Promise.all(items.map(fn))` with at most `CONCURRENCY` calls pending; results keep the items' order. */
async function mapPool<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Write files under `outputDir`: existing files are overwritten only with `force` (default true); rendered files
 * get the template's mode/mtime with `copyMetadata`, copied files always (like `shutil.copy2`). Directories from
 * `dirs` are created, then — deepest first — removed when left empty (unless `keepEmpty`) or given their input's
 * metadata (with `copyMetadata`). Nothing else is ever deleted.
 *
 * Independent operations run concurrently (files, then the directories of one depth at a time, up to 32 at once); the
 * result lists paths in sorted order (`removedDirs` deepest first, in reverse path order) whatever the timing.
 */
export async function writeTree(files: RenderedFile[], outputDir: string, options: WriteTreeOptions = {}): Promise<WriteTreeResult> {
  const force = options.force ?? true;
  await mkdir(outputDir, { recursive: true });
  const dirs = [...(options.dirs ?? [])].sort(byPath);
  // Creating the deepest directories creates their parents; `recursive` makes overlapping calls safe.
  const created = new Set<string>([outputDir]);
  const leaves = dirs.filter((dir, i) => !dirs[i + 1]?.path.startsWith(dir.path + "/"));
  await mapPool(leaves, (dir) => {
    const target = join(outputDir, dir.path);
    for (let d = target; !created.has(d) && d.length > outputDir.length; d = dirname(d)) created.add(d);
    return mkdir(target, { recursive: true });
  });

  const sorted = [...files].sort(byPath);
  const parents = new Map<string, Promise<unknown>>();
  const ensureDir = (dir: string): Promise<unknown> | undefined => {
    if (created.has(dir)) return undefined;
    let pending = parents.get(dir);
    if (!pending) parents.set(dir, (pending = mkdir(dir, { recursive: true })));
    return pending;
  };
  const outcomes = await mapPool(sorted, async (file): Promise<boolean> => {
    const target = join(outputDir, file.path);
    if (!force && (await exists(target))) return false;
    await ensureDir(dirname(target));
    await writeFile(target, file.contents);
    if ((options.copyMetadata || !file.rendered) && file.mode !== undefined) await chmod(target, file.mode);
    if ((options.copyMetadata || !file.rendered) && file.mtime) await utimes(target, file.mtime, file.mtime);
    return true;
  });
  const result: WriteTreeResult = { written: [], skipped: [], removedDirs: [] };
  sorted.forEach((file, i) => (outcomes[i] ? result.written : result.skipped).push(file.path));

  // Deepest first: a directory is only inspected after everything below it was settled.
  const depth = (p: string) => p.split("/").length;
  const levels = [...new Set(dirs.map((d) => depth(d.path)))].sort((a, b) => b - a);
  const removed = new Set<string>();
  for (const level of levels) {
    await mapPool(
      dirs.filter((dir) => depth(dir.path) === level),
      async (dir) => {
        const target = join(outputDir, dir.path);
        if (!options.keepEmpty && (await readdir(target)).length === 0) {
          await rmdir(target);
          removed.add(dir.path);
        } else if (options.copyMetadata) {
          if (dir.mode !== undefined) await chmod(target, dir.mode);
          if (dir.mtime) await utimes(target, dir.mtime, dir.mtime);
        }
      },
    );
  }
  result.removedDirs = [...dirs].reverse().filter((d) => removed.has(d.path)).map((d) => d.path);
  return result;
}
