import { flat } from '../core/flat-string.js';
import { hash128 } from '../core/hash.js';
import type { Finding, Position, Range, Severity } from '../core/types.js';
import type { MigrationProject } from '../model/project.js';
import { SourceRef } from '../model/source-ref.js';
import type { ReportDescriptor, ReportTarget, Rule } from './rule.js';
import { timing } from './timing.js';

export interface RuleSettings {
  /** rule id → severity, or 'off' */
  severities?: Record<string, Severity | 'off'>;
  options?: Record<string, Record<string, unknown>>;
}

export interface RuleFailure {
  ruleId: string;
  error: string;
}

/** Runs every enabled rule over the project; a rule that throws is reported, never fatal to the run. */
export function runRules(project: MigrationProject, rules: readonly Rule[], settings: RuleSettings = {}): { findings: Finding[]; failures: RuleFailure[] } {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    const configured = settings.severities?.[rule.id];
    if (configured === 'off') continue;
    const seen = new Map<string, number>();
    const context = {
      options: settings.options?.[rule.id] ?? {},
      report: (d: ReportDescriptor) => {
        const f = toFinding(rule, d, configured ?? d.severity ?? rule.meta.severity, seen);
        findings.push(f);
      },
    };
    const started = timing.enabled ? performance.now() : 0;
    try {
      rule.check(project, context);
    } catch (e) {
      failures.push({ ruleId: rule.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
    if (timing.enabled) timing.rule(rule.id, performance.now() - started);
  }
  return { findings: sortFindings(dedupe(findings)), failures };
}

function toFinding(rule: Rule, d: ReportDescriptor, severity: Severity, seen: Map<string, number>): Finding {
  const target: ReportTarget = d.at instanceof SourceRef ? { ref: d.at } : d.at;
  let path: string;
  let range: Range | undefined;
  let span: { start: Position; end: Position };
  let anchor: string;
  if ('ref' in target) {
    path = target.ref.file.displayPath;
    range = target.ref.range(target.target ?? 'value');
    span = target.ref.file.span(range);
    anchor = anchorOf(target.ref);
  } else if ('range' in target) {
    path = target.file.displayPath;
    range = target.range;
    span = target.file.span(range);
    anchor = target.anchor;
  } else {
    path = target.path;
    span = { start: { line: target.line, column: 1 }, end: { line: target.line, column: 1 } };
    anchor = target.anchor;
  }
  const base = `${rule.id}\u0000${path}\u0000${anchor}\u0000${d.message}`;
  const n = seen.get(base) ?? 0;
  seen.set(base, n + 1);
  const finding: Finding = {
    ruleId: rule.id,
    severity,
    message: flat(d.message),
    location: range ? { file: path, start: span.start, end: span.end, range } : { file: path, start: span.start, end: span.end },
    fingerprint: hash128(base, `\u0000${n}`),
    anchor: flat(anchor),
  };
  if (d.fix) finding.fix = d.fix;
  if (d.suggestions) finding.suggestions = d.suggestions;
  return finding;
}

/** `#doc-2 > spec.stages[0].name`: which document and path, never a line number */
function anchorOf(ref: SourceRef): string {
  const v = ref.doc.value as { kind?: unknown; metadata?: { name?: unknown } } | undefined;
  const ident = v && typeof v === 'object' && typeof v.kind === 'string' ? `${v.kind}/${String(v.metadata?.name ?? '')}` : `doc-${ref.doc.index}`;
  return ref.pointer ? `${ident} > ${ref.pointer}` : ident;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.location.file}|${f.location.range?.start}|${f.location.range?.end}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      cmp(a.location.file, b.location.file) ||
      a.location.start.line - b.location.start.line ||
      a.location.start.column - b.location.start.column ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
