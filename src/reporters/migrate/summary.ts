import type { ChangeSet } from '../../engine/migrate.js';
import { visible } from '../../core/visible-text.js';

/** The dry-run summary: counts, then each loss and manual step with its place. */
export function renderSummary(changes: ChangeSet, written: boolean): string {
  const count = (s: string) => changes.files.filter((f) => f.status === s).length;
  const lines: string[] = [];
  const verb = written ? '' : 'would be ';
  lines.push(
    `${count('modified')} file(s) ${verb}changed, ${count('created')} ${verb}created, ${count('unchanged')} unchanged, ${count('skipped')} skipped (target ${changes.target}, output ${changes.outDir}/)`,
  );
  for (const f of changes.files.filter((x) => x.status === 'skipped')) lines.push(`  skipped ${visible(f.path)}: ${visible(f.reason ?? '')}`);
  for (const i of changes.invalid) lines.push(`  internal error: ${visible(i.path)} failed validation (${visible(i.problems.join('; '))}), not written`);
  if (changes.losses.length) {
    lines.push('', `${changes.losses.length} loss(es): what the KLT resources cannot carry over`);
    for (const l of changes.losses) lines.push(`  ${visible(l.at.file)}:${l.at.line}:${l.at.column}  ${visible(l.message)}${l.values ? ` (verdicts differ for ${visible(l.values)})` : ''}  [${l.transform}]`);
  }
  if (changes.manualSteps.length) {
    lines.push('', `${changes.manualSteps.length} manual step(s)`);
    for (const m of changes.manualSteps) {
      lines.push(`  ${visible(m.at.file)}:${m.at.line}:${m.at.column}  ${visible(m.message)}  [${m.transform}]`);
      if (m.snippet) for (const s of m.snippet.split('\n')) lines.push(`      ${visible(s)}`);
    }
  }
  if (!written && (count('modified') > 0 || count('created') > 0)) lines.push('', 'Dry run: nothing was written. Run again with --write to apply, or --patch FILE to save the diff.');
  return lines.join('\n') + '\n';
}
