import type { SourceFile } from '../core/source-file.js';
import type { FixSafety, Pack, Range, Severity, TextEdit } from '../core/types.js';
import type { MigrationProject } from '../model/project.js';
import type { SourceRef } from '../model/source-ref.js';

export const CATEGORIES = [
  'parsing',
  'shipyard',
  'quality-gates',
  'remediation',
  'job-executor',
  'webhooks',
  'manifests',
  'helm',
  'ci',
  'integrations',
  'klt-upgrade',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Konveyor/MTA story points: 0 information, 1 trivial, 3 complex, 5 redesign, 7 rearchitecture, 13 unknown. */
export type Effort = 0 | 1 | 3 | 5 | 7 | 13;

export interface RuleDocs {
  /** why it matters for the move to KLT */
  why: string;
  /** what to do instead in KLT / Keptn 2.x */
  instead: string;
  /** where Keptn v1's code and its spec disagree, which one the rule follows */
  codeVsSpec?: string;
  /** sources: `repo@commit path` or documentation pages */
  sources: string[];
}

export interface RuleMeta {
  description: string;
  pack: Pack;
  category: Category;
  severity: Severity;
  fix: 'none' | FixSafety;
  effort: Effort;
  docs: RuleDocs;
}

export type ReportTarget =
  | { ref: SourceRef; target?: 'value' | 'key' | 'entry' }
  | { file: SourceFile; range: Range; anchor: string }
  /** a file that could not be decoded, so has no text to take positions from: its display path and a known line */
  | { path: string; line: number; anchor: string };

export interface ReportDescriptor {
  message: string;
  at: SourceRef | ReportTarget;
  /** overrides the rule's severity for this finding (use sparingly: the severity is metadata) */
  severity?: Severity;
  fix?: { safety: FixSafety; title: string; edits: TextEdit[] };
  suggestions?: string[];
}

export interface RuleContext {
  report(descriptor: ReportDescriptor): void;
  /** options from the configuration file for this rule */
  options: Record<string, unknown>;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  check(project: MigrationProject, context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
