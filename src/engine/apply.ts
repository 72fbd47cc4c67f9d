import { promises as fs } from 'node:fs';
import path from 'node:path';
import { safeTarget, TEMPORARY_FILE, writeAtomic } from '../edit/atomic-write.js';
import type { ChangeSet } from './migrate.js';

export interface WriteReport {
  written: string[];
  refused: { path: string; reason: string }[];
  /** temporary files a killed earlier write left (`.<name>.keptn-migrate-<hex>.tmp`), removed before writing */
  removed: { path: string; reason: string }[];
}

/**
 * Writes every created or modified file atomically; never outside the root, never through a link, never over a
 * file that changed since it was read (a file to create must still not exist, or already be identical): such a file
 * is refused. Before writing into a directory, removes the temporary files an interrupted run left there.
 */
export async function applyChangeSet(changes: ChangeSet): Promise<WriteReport> {
  const report: WriteReport = { written: [], refused: [], removed: [] };
  const cleaned = new Set<string>();
  // every folder the ChangeSet writes into, or would have written into on an earlier run
  for (const f of changes.files) await removeStaleTemporaries(changes.root, path.dirname(relOf(changes, f.absPath)), cleaned, report);
  for (const f of changes.files) {
    if (f.status !== 'created' && f.status !== 'modified') continue;
    const rel = relOf(changes, f.absPath);
    try {
      const target = await safeTarget(changes.root, rel);
      const expected = f.status === 'created' ? null : Buffer.from(f.before ?? '', 'utf8');
      await writeAtomic(target, f.after, expected);
      report.written.push(f.path);
    } catch (e) {
      report.refused.push({ path: f.path, reason: (e as Error).message });
    }
  }
  return report;
}

function relOf(changes: ChangeSet, absPath: string): string {
  return path.relative(changes.root, absPath).split(path.sep).join('/');
}

/**
 * Removes `.<name>.keptn-migrate-<12 hex>.tmp` regular files directly in `dir` (relative to the root): what a
 * write killed before its rename leaves. Nothing else, never through a link, never outside the root.
 */
async function removeStaleTemporaries(root: string, dir: string, cleaned: Set<string>, report: WriteReport): Promise<void> {
  const rel = dir === '.' || dir === '' ? '' : dir;
  if (cleaned.has(rel)) return;
  cleaned.add(rel);
  let abs: string;
  try {
    abs = rel ? await safeTarget(root, rel) : await fs.realpath(root);
    const st = await fs.lstat(abs);
    if (!st.isDirectory()) return;
  } catch {
    return; // a folder that does not exist yet, or one that is refused when written to
  }
  let names: string[];
  try {
    names = await fs.readdir(abs);
  } catch {
    return;
  }
  for (const name of names.filter((n) => TEMPORARY_FILE.test(n)).sort()) {
    const file = path.join(abs, name);
    try {
      if (!(await fs.lstat(file)).isFile()) continue;
      await fs.unlink(file);
      report.removed.push({ path: rel ? `${rel}/${name}` : name, reason: 'temporary file left by an interrupted keptn-migrate write; removed' });
    } catch {
      // gone meanwhile, or not ours to remove: left alone
    }
  }
}
