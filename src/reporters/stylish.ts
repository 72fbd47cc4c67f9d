import { Chalk } from 'chalk';
import type { Finding } from '../core/types.js';
import { visible } from '../core/visible-text.js';
import type { Reporter } from './types.js';
import { countFindings, plural } from './summary.js';

/** ESLint-style: findings grouped by file with line:col, severity, message and rule id, then totals. */
export const stylish: Reporter = (result, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  const out: string[] = [];
  const sevColour = { blocker: c.red, warning: c.yellow, info: c.blue } as const;
  for (const [file, findings] of byFile) {
    out.push('', c.underline(visible(file)));
    const posWidth = Math.max(...findings.map((f) => `${f.location.start.line}:${f.location.start.column}`.length));
    const messages = findings.map((f) => visible(f.message));
    const msgWidth = Math.min(100, Math.max(...messages.map((m) => m.length)));
    findings.forEach((f, i) => {
      const pos = `${f.location.start.line}:${f.location.start.column}`.padEnd(posWidth);
      const sev = sevColour[f.severity](f.severity.padEnd(7));
      out.push(`  ${c.dim(pos)}  ${sev}  ${(messages[i] ?? '').padEnd(msgWidth)}  ${c.dim(f.ruleId)}`);
    });
  }
  const counts = countFindings(result.findings);
  const total = result.findings.length;
  out.push('');
  if (total === 0) {
    out.push(c.green(`✔ no migration findings in ${plural(result.stats.files, 'file')}`));
  } else {
    const mark = counts.blocker > 0 ? c.red.bold('✖') : c.yellow.bold('!');
    out.push(
      `${mark} ${plural(total, 'finding')} in ${plural(byFile.size, 'file')} (${plural(counts.blocker, 'blocker')}, ${plural(counts.warning, 'warning')}, ${counts.info} info)`,
    );
    if (counts.fixable > 0) out.push(c.dim(`  ${counts.fixable} can be migrated automatically with \`keptn-migrate migrate\``));
  }
  if (result.skipped.length > 0) {
    out.push('', c.dim(`${plural(result.skipped.length, 'path')} skipped:`));
    for (const s of result.skipped) out.push(c.dim(`  ${visible(s.file)}: ${visible(s.reason)}`));
  }
  for (const failure of result.failures) out.push(c.red(`internal error in rule ${failure.ruleId}: ${visible(failure.error.split('\n')[0] ?? '')}`));
  return out.join('\n').replace(/^\n/, '') + '\n';
};
