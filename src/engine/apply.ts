import path from 'node:path';
import { safeTarget, writeAtomic } from '../edit/atomic-write.js';
import type { ChangeSet } from './migrate.js';

export interface WriteReport {
  written: string[];
  refused: { path: string; reason: string }[];
}

/** Writes every created or modified file atomically; never outside the root, never through a link. */
export async function applyChangeSet(changes: ChangeSet): Promise<WriteReport> {
  const report: WriteReport = { written: [], refused: [] };
  for (const f of changes.files) {
    if (f.status !== 'created' && f.status !== 'modified') continue;
    const rel = path.relative(changes.root, f.absPath).split(path.sep).join('/');
    try {
      const target = await safeTarget(changes.root, rel);
      await writeAtomic(target, f.after);
      report.written.push(f.path);
    } catch (e) {
      report.refused.push({ path: f.path, reason: (e as Error).message });
    }
  }
  return report;
}
