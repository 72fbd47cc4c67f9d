import type { Severity } from '../core/types.js';
import { visible } from '../core/visible-text.js';
import { RULE_DOCS_BASE } from './sarif.js';
import { PHASES } from './report/counts.js';
import type { FidelityRow, ReadinessReport, ReportFinding } from './report/model.js';

/** GitHub refuses comments and PR bodies over 65,536 characters; a step summary may hold 1 MiB. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** the most UTF-8 bytes the document may take (default: a GitHub comment, 65,536) */
  maxBytes?: number;
  /** heading level of the title (default 2, so it nests in a PR description or step summary) */
  headingLevel?: number;
  /** where the complete report is, for the "not shown" notes */
  fullReportHint?: string;
}

interface Limits {
  info: number;
  warning: number;
  blocker: number;
  fidelity: number;
  scopes: boolean;
}

/**
 * The readiness report as GitHub-flavoured Markdown for a pull-request comment or a step summary: the score and
 * per-application table open, everything long in `<details>`. Rows are dropped (info first, then warnings, blockers,
 * the fidelity table) until the document fits `maxBytes`, and each cut table says how many rows it leaves out.
 */
export function renderMarkdown(report: ReadinessReport, options: MarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? GITHUB_COMMENT_LIMIT;
  const all = report.repositories.flatMap((r) => r.findings);
  const count = (s: Severity) => all.filter((f) => f.severity === s).length;
  const fidelityRows = report.repositories.reduce((n, r) => n + r.fidelity.length, 0);
  const limits: Limits = { info: count('info'), warning: count('warning'), blocker: count('blocker'), fidelity: fidelityRows, scopes: true };
  const order: (keyof Omit<Limits, 'scopes'>)[] = ['info', 'warning', 'blocker', 'fidelity'];
  for (;;) {
    const text = render(report, limits, options);
    if (Buffer.byteLength(text) <= maxBytes) return text;
    const key = order.find((k) => limits[k] > 0);
    if (key) {
      limits[key] = limits[key] > 20 ? Math.floor(limits[key] / 2) : 0;
      continue;
    }
    if (limits.scopes) {
      limits.scopes = false;
      continue;
    }
    const note = `\n\n_(cut to fit ${maxBytes} bytes${options.fullReportHint ? `; ${options.fullReportHint}` : ''})_\n`;
    return truncateBytes(text, maxBytes - Buffer.byteLength(note)) + note;
  }
}

function render(report: ReadinessReport, limits: Limits, options: MarkdownOptions): string {
  const h = '#'.repeat(options.headingLevel ?? 2);
  const c = report.counts;
  const out: string[] = [];
  const repos = report.repositories.length;
  out.push(`${h} Keptn migration readiness: ${c.readiness}/100`, '');
  out.push(
    `**${c.blocker}** ${plural(c.blocker, 'blocker')} · **${c.warning}** ${plural(c.warning, 'warning')} · **${c.info}** info · ` +
      `**${c.manualEffort}** story points of manual work (${c.effort} in all) · ${c.apps} ${plural(c.apps, 'application')} in ${repos} ${plural(repos, 'repository', 'repositories')}` +
      (c.suppressed ? ` · ${c.suppressed} suppressed` : ''),
    '',
  );
  out.push(`<sub>${esc(report.readinessFormula)} Effort: ${esc(report.effortScale)}.</sub>`, '');

  out.push('| application | readiness | blockers | warnings | info | manual effort | automatic |', '|---|--:|--:|--:|--:|--:|---|');
  for (const repo of report.repositories) {
    for (const a of repo.apps) {
      const name = a.implicit ? '_outside any project_' : `**${esc(a.app)}**`;
      const prefix = repos > 1 ? `${esc(repo.name)}: ` : '';
      const auto = a.automatic ? automaticText(a.automatic) : '';
      out.push(`| ${prefix}${name} | ${a.counts.readiness} | ${a.counts.blocker} | ${a.counts.warning} | ${a.counts.info} | ${a.counts.manualEffort} | ${esc(auto)} |`);
    }
  }
  out.push('');

  if (limits.scopes) {
    const body: string[] = [];
    for (const repo of report.repositories) {
      for (const a of repo.apps.filter((x) => !x.implicit)) {
        body.push(`**${esc(repos > 1 ? `${repo.name}: ${a.app}` : a.app)}**`, '', '| stage / service | readiness | blockers | warnings | info | manual effort |', '|---|--:|--:|--:|--:|--:|');
        for (const s of a.byStage) body.push(`| ${esc(scopeLabel('stage', s.name))} | ${s.readiness} | ${s.blocker} | ${s.warning} | ${s.info} | ${s.manualEffort} |`);
        for (const s of a.byService) body.push(`| ${esc(scopeLabel('service', s.name))} | ${s.readiness} | ${s.blocker} | ${s.warning} | ${s.info} | ${s.manualEffort} |`);
        body.push('');
      }
    }
    if (body.length) out.push(details('Readiness per stage and service', body));
  }

  const plan: string[] = [];
  for (const step of report.plan) {
    const name = step.app ? `**${esc(step.app)}**` : '_outside any project_';
    plan.push(`${step.order}. ${repos > 1 ? `${esc(step.repository)}: ` : ''}${name}: readiness ${step.readiness}, ${step.manualEffort} story points; ${esc(step.reason)}`);
    for (const ph of step.phases) {
      if (ph.counts.findings === 0) continue;
      const top = ph.rules.slice(0, 4).map((r) => `\`${r.ruleId}\` ×${r.count}`).join(', ');
      plan.push(`   - ${esc(ph.title)}: ${ph.counts.blocker} blockers, ${ph.counts.warning} warnings, ${ph.counts.info} info${top ? ` (${top}${ph.rules.length > 4 ? ', …' : ''})` : ''}`);
    }
    if (step.stages.length) {
      plan.push(`   - Roll out: ${step.stages.map((s) => `${esc(s.stage)}${s.blocker ? ` (${s.blocker} ${plural(s.blocker, 'blocker')})` : ''}`).join(' → ')}`);
    }
  }
  if (plan.length) {
    out.push(
      details(`Migration plan: ${report.plan.length} ${plural(report.plan.length, 'step')}, one application at a time`, [
        `Phases per application: ${PHASES.map((p) => p.id).join(' → ')}; stages in promotion order.`,
        '',
        ...plan,
        '',
      ]),
    );
  }

  const fidelity = report.repositories.flatMap((r) => r.fidelity.map((row) => ({ repo: r.name, row })));
  if (fidelity.length) {
    const exact = fidelity.filter((f) => f.row.exact).length;
    const body = ['| application | definition | objective | KLT | verdicts | what is lost |', '|---|---|---|---|---|---|'];
    for (const { row } of fidelity.slice(0, limits.fidelity)) body.push(fidelityRow(row));
    if (limits.fidelity < fidelity.length) body.push('', notShown(fidelity.length - limits.fidelity, 'row', options));
    body.push('');
    out.push(details(`Quality-gate fidelity: ${exact} of ${fidelity.length} objectives and scores keep their verdicts exactly`, body));
  }

  for (const sev of ['blocker', 'warning', 'info'] as const) {
    const list = report.repositories.flatMap((r) => r.findings.filter((f) => f.severity === sev).map((f) => ({ repo: r.name, f })));
    if (list.length === 0) continue;
    const body = ['| location | rule | message |', '|---|---|---|'];
    for (const { repo, f } of list.slice(0, limits[sev])) body.push(findingRow(f, repos > 1 ? repo : undefined));
    if (limits[sev] < list.length) body.push('', notShown(list.length - limits[sev], sev === 'info' ? 'info finding' : sev, options));
    body.push('');
    const title = sev === 'blocker' ? 'Blockers: need a decision' : sev === 'warning' ? 'Warnings: carry over with a loss' : 'Info: carried over automatically';
    out.push(details(`${title} (${list.length})`, body));
  }
  const skipped = report.repositories.flatMap((r) => r.skipped);
  if (skipped.length) out.push(details(`Skipped (${skipped.length})`, [...skipped.slice(0, 50).map((s) => `- \`${code(s.file)}\`: ${esc(s.reason)}`), ...(skipped.length > 50 ? [`- … ${skipped.length - 50} more`] : []), '']));
  out.push(`<sub>keptn-migrate ${esc(report.tool.version)}</sub>`, '');
  return out.join('\n');
}

function automaticText(a: NonNullable<ReadinessReport['repositories'][number]['apps'][number]['automatic']>): string {
  const created = Object.values(a.created).reduce((n, v) => n + v, 0);
  const parts: string[] = [];
  if (created) parts.push(`${created} ${plural(created, 'resource')} generated`);
  if (a.modified.length) parts.push(`${a.modified.length} ${plural(a.modified.length, 'file')} annotated`);
  return parts.join(', ') || '—';
}

function fidelityRow(r: FidelityRow): string {
  const klt = r.target ?? [r.failure && `fail: ${r.failure}`, r.warning && `warn: ${r.warning}`].filter(Boolean).join('; ');
  return `| ${esc(r.app)} | ${esc(r.definition)} | ${esc(r.objective)} | ${esc(klt)} | ${verdictText(r, (s) => `**${s}**`, esc)} | ${esc(r.losses.join(' ') || '—')} |`;
}

/** `exact`, `differ for 1 of 3 values at (-∞, 0)`, or `lossy` when the loss is outside what values can show (history) */
export function verdictText(r: FidelityRow, strong: (s: string) => string, escape: (s: string) => string): string {
  if (r.exact) return `exact (${r.checked} values checked)`;
  if (r.differences > 0) return `${strong('differ')} for ${r.differences} of ${r.checked} values${r.differing ? ` at ${escape(r.differing)}` : ''}`;
  return `${strong('lossy')}: same verdict for all ${r.checked} values checked, but see what is lost`;
}

function findingRow(f: ReportFinding, repo?: string): string {
  const loc = `${repo ? `${repo}: ` : ''}${f.file}:${f.line}:${f.column}`;
  return `| \`${code(loc)}\` | [${f.ruleId}](${RULE_DOCS_BASE}${f.ruleId}.md) | ${esc(f.message)} |`;
}

/** `stage dev`; findings without a stage or service are the project level */
export function scopeLabel(kind: 'stage' | 'service', name: string): string {
  if (name === 'all stages') return 'project level (all stages)';
  if (name === '(no service)') return 'no service (project or stage level)';
  return `${kind} ${name}`;
}

function details(summary: string, body: string[]): string {
  return ['<details>', `<summary>${esc(summary)}</summary>`, '', ...body, '</details>', ''].join('\n');
}

function notShown(n: number, what: string, options: MarkdownOptions): string {
  return `_… ${n} more ${plural(n, what)} not shown${options.fullReportHint ? `: ${options.fullReportHint}` : ''}_`;
}

/** text in a table cell or summary: no line breaks, no pipes, no HTML, no emphasis by accident */
export function esc(s: string): string {
  return visible(s.replace(/\r?\n/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\|*_`[\]])/g, '\\$1');
}

/** text inside backticks in a table cell */
function code(s: string): string {
  return visible(s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));
}

function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return n === 1 ? word : pluralWord;
}

function truncateBytes(s: string, max: number): string {
  const buf = Buffer.from(s);
  if (buf.length <= max) return s;
  return buf.subarray(0, Math.max(0, max)).toString('utf8').replace(/\uFFFD$/, '');
}
