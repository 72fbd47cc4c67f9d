import type { ChangeSet } from '../../engine/migrate.js';

/** The ChangeSet for other tools (formatVersion 1). */
export function renderChangeSetJson(changes: ChangeSet, toolVersion: string): string {
  return (
    JSON.stringify(
      {
        formatVersion: 1,
        tool: { name: 'keptn-migrate', version: toolVersion },
        target: changes.target,
        outDir: changes.outDir,
        transforms: changes.transforms,
        files: changes.files.map((f) => ({ path: f.path, status: f.status, transforms: f.transforms, ...(f.reason ? { reason: f.reason } : {}), ...(f.status === 'created' || f.status === 'modified' ? { content: f.after } : {}) })),
        losses: changes.losses,
        manualSteps: changes.manualSteps,
        invalid: changes.invalid,
      },
      null,
      2,
    ) + '\n'
  );
}
