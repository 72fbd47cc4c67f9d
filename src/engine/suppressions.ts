import { createHash } from 'node:crypto';
import type { SourceFile } from '../core/source-file.js';
import type { Finding, Range, Severity } from '../core/types.js';
import type { MigrationProject } from '../model/project.js';
import type { Rule } from './rule.js';
import { sortFindings, type RuleSettings } from './run-rules.js';

/** The rule that reports unused, unknown and reason-less suppression directives (src/rules/unused-suppression.ts). */
export const UNUSED_SUPPRESSION_RULE = 'unused-suppression';

export type DirectiveKind = 'next-line' | 'file';

/**
 * `# keptn-migrate-disable-next-line RULE[, RULE...] -- reason` (the next line that is neither blank nor a comment)
 * or `# keptn-migrate-disable-file RULE[, RULE...] -- reason` (the whole file). `//` works as well as `#`
 * (Jenkinsfiles). The reason is required: a directive without one suppresses nothing.
 */
export interface Directive {
  kind: DirectiveKind;
  file: SourceFile;
  /** 1-based line of the comment */
  line: number;
  range: Range;
  rules: string[];
  reason?: string;
  /** for next-line: the line whose findings it suppresses */
  targetLine?: number;
  /** rule ids it suppressed at least one finding of */
  used: Set<string>;
}

export interface SuppressedFinding {
  finding: Finding;
  kind: DirectiveKind;
  /** where the directive is: `path:line` */
  at: string;
  reason: string;
}

/** matched against one line: the rest of it, whatever it holds, is the rule list and the reason */
const DIRECTIVE = /keptn-migrate-disable-(next-line|file)(?![\w-])([\s\S]*)$/;

/** Every suppression directive in a file's comments. */
export function parseDirectives(file: SourceFile): Directive[] {
  const text = file.text;
  if (!text.includes('keptn-migrate-disable-')) return [];
  const out: Directive[] = [];
  const lines = text.split('\n');
  let offset = 0;
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const start = commentStart(line);
    if (start !== -1) {
      const comment = line.slice(start);
      const m = DIRECTIVE.exec(comment.replace(/^(#|\/\/)\s*/, ''));
      if (m && /^(#|\/\/)\s*keptn-migrate-disable-/.test(comment)) {
        const { rules, reason } = splitDirective(m[2] ?? '');
        const d: Directive = {
          kind: m[1] as DirectiveKind,
          file,
          line: index + 1,
          range: { start: offset + start, end: offset + line.length },
          rules,
          used: new Set(),
        };
        if (reason !== undefined) d.reason = reason;
        if (d.kind === 'next-line') {
          const target = nextCodeLine(lines, index + 1);
          if (target !== undefined) d.targetLine = target + 1;
        }
        out.push(d);
      }
    }
    offset += rawLine.length + 1;
  });
  return out;
}

/** `RULE, RULE -- reason` → ids and the reason (undefined when there is no non-empty text after `--`) */
function splitDirective(rest: string): { rules: string[]; reason?: string } {
  const sep = /(^|\s)--(\s|$)/.exec(rest);
  const idsPart = sep ? rest.slice(0, sep.index) : rest;
  const reasonPart = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
  const rules = idsPart.split(/[\s,]+/).filter(Boolean);
  return reasonPart ? { rules, reason: reasonPart } : { rules };
}

/**
 * Where a `#` or `//` comment starts on a line, or -1. A `#` inside a quoted scalar or shell string is not a
 * comment; quotes count only where a scalar can start (line start, after whitespace, `:`, `[`, `{`, `,`), so
 * the apostrophe in `don't` does not open a string.
 */
function commentStart(line: string): number {
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    const prev = i === 0 ? ' ' : (line[i - 1] as string);
    if (quote === '"') {
      if (ch === '\\') i++;
      else if (ch === '"') quote = undefined;
      continue;
    }
    if (quote === "'") {
      if (ch === "'" && line[i + 1] === "'") i++;
      else if (ch === "'") quote = undefined;
      continue;
    }
    if ((ch === '"' || ch === "'") && /[\s:[{,=(]/.test(prev)) {
      quote = ch;
      continue;
    }
    if (ch === '#' && /\s/.test(prev)) return i;
    if (ch === '/' && line[i + 1] === '/' && /\s/.test(prev)) return i;
  }
  return -1;
}

function nextCodeLine(lines: readonly string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) {
    const t = (lines[i] as string).trim();
    if (t === '' || t.startsWith('#') || t.startsWith('//')) continue;
    return i;
  }
  return undefined;
}

export interface SuppressionOptions {
  /** the rules that ran */
  rules: readonly Rule[];
  settings?: RuleSettings;
  /** every rule id keptn-migrate knows (unknown ids in directives are reported) */
  knownRuleIds: readonly string[];
}

/**
 * Drops the findings a valid directive covers and, when the `unused-suppression` rule is on, reports every directive
 * that has no reason, names no or an unknown rule, or suppressed nothing. Runs after all other rules.
 */
export function applySuppressions(
  project: MigrationProject,
  findings: Finding[],
  options: SuppressionOptions,
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const byFile = new Map<string, Directive[]>();
  for (const f of project.files) {
    const ds = parseDirectives(f.file);
    if (ds.length > 0) byFile.set(f.file.displayPath, ds);
  }
  if (byFile.size === 0) return { findings, suppressed: [] };

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const directives = byFile.get(finding.location.file);
    const hit = directives?.find(
      (d) => d.reason !== undefined && d.rules.includes(finding.ruleId) && (d.kind === 'file' || d.targetLine === finding.location.start.line),
    );
    if (!hit || finding.ruleId === UNUSED_SUPPRESSION_RULE) {
      kept.push(finding);
      continue;
    }
    hit.used.add(finding.ruleId);
    suppressed.push({ finding, kind: hit.kind, at: `${finding.location.file}:${hit.line}`, reason: hit.reason as string });
  }

  const reporter = options.rules.find((r) => r.id === UNUSED_SUPPRESSION_RULE);
  const level = options.settings?.severities?.[UNUSED_SUPPRESSION_RULE];
  if (reporter && level !== 'off') {
    const severity: Severity = level ?? reporter.meta.severity;
    const enabled = new Set(options.rules.filter((r) => options.settings?.severities?.[r.id] !== 'off').map((r) => r.id));
    const seen = new Map<string, number>();
    for (const directives of byFile.values()) {
      for (const d of directives) {
        for (const message of problemsOf(d, enabled, options.knownRuleIds)) kept.push(directiveFinding(d, message, severity, seen));
      }
    }
  }
  return { findings: sortFindings(kept), suppressed };
}

function problemsOf(d: Directive, enabled: ReadonlySet<string>, known: readonly string[]): string[] {
  const name = `keptn-migrate-disable-${d.kind}`;
  const out: string[] = [];
  if (d.rules.length === 0) out.push(`${name} names no rule; write the rule ids it is meant for, then \`-- reason\``);
  if (d.reason === undefined) {
    out.push(`${name} ${d.rules.join(', ')} has no reason, so it suppresses nothing: add \`-- why this is acceptable\` after the rule ids`);
  }
  if (d.kind === 'next-line' && d.targetLine === undefined) out.push(`${name} is followed by no line it could apply to`);
  for (const id of d.rules) {
    if (!known.includes(id)) out.push(`${name} names unknown rule "${id}" (see \`keptn-migrate rules\`)`);
    else if (d.reason !== undefined && !d.used.has(id) && (d.kind === 'file' || d.targetLine !== undefined)) {
      const scope = d.kind === 'file' ? 'in this file' : `on line ${d.targetLine}`;
      out.push(
        enabled.has(id)
          ? `unused suppression: rule ${id} reports nothing ${scope}; remove ${id} from the directive`
          : `unused suppression: rule ${id} did not run (turned off or not in the selected packs), so it suppresses nothing ${scope}`,
      );
    }
  }
  return out;
}

function directiveFinding(d: Directive, message: string, severity: Severity, seen: Map<string, number>): Finding {
  const anchor = `directive keptn-migrate-disable-${d.kind} ${d.rules.join(',')}`;
  const base = `${UNUSED_SUPPRESSION_RULE}\u0000${d.file.displayPath}\u0000${anchor}\u0000${message}`;
  const n = seen.get(base) ?? 0;
  seen.set(base, n + 1);
  const span = d.file.span(d.range);
  return {
    ruleId: UNUSED_SUPPRESSION_RULE,
    severity,
    message,
    location: { file: d.file.displayPath, start: span.start, end: span.end, range: d.range },
    fingerprint: createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32),
    anchor,
  };
}
