import path from 'node:path';
import { visible } from '../core/visible-text.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../core/types.js';
import type { ScanResult } from '../engine/scan.js';
import { plural } from './summary.js';
import type { Reporter, ReporterContext } from './types.js';

/** GitHub shows at most 10 annotations of each type (error, warning, notice) per step and 50 per job. */
export const GITHUB_ANNOTATIONS_PER_TYPE = 10;
export const GITHUB_ANNOTATIONS_PER_JOB = 50;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { blocker: 'error', warning: 'warning', info: 'notice' };

export interface GithubOptions {
  /** folder of the scanned paths relative to $GITHUB_WORKSPACE, so annotation paths resolve in the checkout */
  pathPrefix?: string;
  perType?: number;
  perJob?: number;
  /** where the complete list is, said in the "not shown" line */
  summaryWritten?: boolean;
}

/** `%`, CR and LF in a command's message (as @actions/core escapeData does) */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** also `:` and `,` in a property value (@actions/core escapeProperty) */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Workflow commands (`::error file=…,line=…::message`) for the worst findings, within GitHub's limits: blockers as
 * errors first, then warnings and info as notices, at most `perType` of each and `perJob` in all; then one plain line
 * with the totals and how many were left out.
 */
export function renderGithub(result: ScanResult, ctx: ReporterContext, options: GithubOptions = {}): string {
  const perType = options.perType ?? GITHUB_ANNOTATIONS_PER_TYPE;
  const perJob = options.perJob ?? GITHUB_ANNOTATIONS_PER_JOB;
  const ordered = [...result.findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const used: Record<Severity, number> = { blocker: 0, warning: 0, info: 0 };
  const left: Record<Severity, number> = { blocker: 0, warning: 0, info: 0 };
  const lines: string[] = [];
  let total = 0;
  for (const f of ordered) {
    if (used[f.severity] >= perType || total >= perJob) {
      left[f.severity]++;
      continue;
    }
    used[f.severity]++;
    total++;
    lines.push(command(f, options.pathPrefix ?? ''));
  }
  const counts: Record<Severity, number> = { blocker: 0, warning: 0, info: 0 };
  for (const f of result.findings) counts[f.severity]++;
  const n = result.findings.length;
  const summary = `keptn-migrate ${ctx.toolVersion}: ${plural(n, 'finding')} (${plural(counts.blocker, 'blocker')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${plural(result.stats.files, 'file')}`;
  lines.push(summary);
  const notShown = left.blocker + left.warning + left.info;
  if (notShown > 0) {
    const parts = (['blocker', 'warning', 'info'] as const).filter((s) => left[s] > 0).map((s) => (s === 'info' ? `${left[s]} info` : plural(left[s], s)));
    lines.push(
      `keptn-migrate: ${notShown} more not shown as annotations (${parts.join(', ')}); GitHub shows ${perType} per type in a step and ${perJob} in a job. ` +
        (options.summaryWritten ? 'The job summary lists them all.' : 'Upload the SARIF output (--format sarif) or see the job summary for all of them.'),
    );
  }
  for (const s of result.skipped) lines.push(`keptn-migrate: skipped ${visible(s.file)}: ${visible(s.reason)}`);
  return lines.join('\n') + '\n';
}

function command(f: Finding, prefix: string): string {
  const props: string[] = [];
  const branchFile = /^[^/]+:/.test(f.location.file) && !f.location.file.startsWith('./');
  if (!branchFile) {
    props.push(`file=${escapeProperty(visible(prefix ? path.posix.join(prefix, f.location.file) : f.location.file))}`);
    props.push(`line=${f.location.start.line}`, `endLine=${Math.max(f.location.start.line, f.location.end.line)}`);
    if (f.location.start.line === f.location.end.line) props.push(`col=${f.location.start.column}`, `endColumn=${Math.max(f.location.start.column, f.location.end.column)}`);
  }
  props.push(`title=${escapeProperty(`keptn-migrate ${f.ruleId}`)}`);
  const message = branchFile ? `${f.location.file}:${f.location.start.line}: ${f.message}` : f.message;
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(visible(message, 'keep'))}`;
}

/** the prefix from $GITHUB_WORKSPACE (or GitLab's $CI_PROJECT_DIR) to the current directory, '' when not below it */
export function workspacePrefix(cwd: string, workspace: string | undefined): string {
  if (!workspace) return '';
  const rel = path.relative(path.resolve(workspace), path.resolve(cwd));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return rel.split(path.sep).join('/');
}

export const github: Reporter = (result, ctx) => renderGithub(result, ctx);
