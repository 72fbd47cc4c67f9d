import { unifiedDiff } from '../../edit/patch.js';
import type { ChangeSet } from '../../engine/migrate.js';

/** Every edit and created file as one patch `git apply` accepts (paths relative to the scan root). */
export function renderPatch(changes: ChangeSet): string {
  return changes.files
    .filter((f) => f.status === 'created' || f.status === 'modified')
    .map((f) => unifiedDiff(f.path, f.status === 'created' ? undefined : f.before, f.after))
    .join('');
}
