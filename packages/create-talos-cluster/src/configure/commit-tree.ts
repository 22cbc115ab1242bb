import { mkdir, readdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Manifest, STATE_DIR, MANIFEST_FILE, type TreeChanges } from "./tree-state.js";

const STAGING = `${STATE_DIR}/staging`;
const JOURNAL = `${STATE_DIR}/journal.json`;

interface Journal {
  writes: string[];
  removes: string[];
  manifest: Manifest;
}

/**
 * File operations used by the commit, injectable so that tests can simulate a crash
 * after any number of operations.
 */
export interface CommitFs {
  mkdir: (path: string) => Promise<unknown>;
  writeFile: (path: string, data: string) => Promise<void>;
  rename: (from: string, to: string) => Promise<void>;
}

const realFs: CommitFs = {
  mkdir: (p) => mkdir(p, { recursive: true }),
  writeFile: (p, d) => writeFile(p, d),
  rename: (a, b) => rename(a, b),
};

async function writeAtomic(fs: CommitFs, path: string, data: string): Promise<void> {
  await fs.mkdir(dirname(path));
  await fs.writeFile(`${path}.tmp`, data);
  await fs.rename(`${path}.tmp`, path);
}

/**
 * Writes the changed files in two phases. Phase 1 stages every file under
 * `.talos-cluster/staging/`; the journal written atomically at the end of phase 1 is the
 * commit point. Phase 2 moves staged files into place and deletes stale ones. A crash in
 * phase 1 leaves the previous tree untouched; a crash in phase 2 is completed by
 * `recoverInterruptedCommit` at the start of the next run.
 */
export async function commitTree(
  dir: string,
  files: ReadonlyMap<string, string>,
  changes: TreeChanges,
  manifest: Manifest,
  fs: CommitFs = realFs,
): Promise<void> {
  await rm(join(dir, STAGING), { recursive: true, force: true });
  const writes = [...changes.added, ...changes.changed];
  for (const path of writes) {
    const staged = join(dir, STAGING, path);
    await fs.mkdir(dirname(staged));
    await fs.writeFile(staged, files.get(path)!);
  }
  const journal: Journal = { writes, removes: changes.removed, manifest };
  await writeAtomic(fs, join(dir, JOURNAL), JSON.stringify(journal));
  await applyJournal(dir, journal, fs);
}

async function applyJournal(dir: string, journal: Journal, fs: CommitFs): Promise<void> {
  for (const path of journal.writes) {
    const staged = join(dir, STAGING, path);
    await fs.mkdir(dirname(join(dir, path)));
    try {
      await fs.rename(staged, join(dir, path));
    } catch (error) {
      // Already moved by an earlier, interrupted attempt.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  for (const path of journal.removes) {
    await rm(join(dir, path), { force: true });
    await removeEmptyParents(dir, dirname(path));
  }
  await writeAtomic(fs, join(dir, MANIFEST_FILE), `${JSON.stringify(journal.manifest, null, 2)}\n`);
  await rm(join(dir, JOURNAL), { force: true });
  await rm(join(dir, STAGING), { recursive: true, force: true });
}

async function removeEmptyParents(dir: string, rel: string): Promise<void> {
  let current = rel;
  while (current && current !== "." && current !== "/") {
    const abs = join(dir, current);
    try {
      if ((await readdir(abs)).length > 0) return;
      await rmdir(abs);
    } catch {
      return;
    }
    current = dirname(current);
  }
}

/** Finishes a commit that was interrupted after its commit point; discards one interrupted before it. */
export async function recoverInterruptedCommit(dir: string): Promise<"none" | "completed" | "discarded"> {
  let journal: Journal | undefined;
  try {
    journal = JSON.parse(await readFile(join(dir, JOURNAL), "utf8")) as Journal;
  } catch {
    journal = undefined;
  }
  if (journal) {
    await applyJournal(dir, journal, realFs);
    return "completed";
  }
  const leftovers = [join(dir, STAGING), join(dir, `${JOURNAL}.tmp`)];
  let found = false;
  for (const path of leftovers) {
    try {
      await stat(path);
      found = true;
      await rm(path, { recursive: true, force: true });
    } catch {
      // not there
    }
  }
  return found ? "discarded" : "none";
}
