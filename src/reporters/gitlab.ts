import path from 'node:path';
import type { Severity } from '../core/types.js';
import type { ScanResult } from '../engine/scan.js';
import { RULE_DOCS_BASE } from './sarif.js';
import type { Reporter, ReporterContext } from './types.js';

/** Code Quality severities: info, minor, major, critical, blocker */
const SEVERITY: Record<Severity, 'blocker' | 'minor' | 'info'> = { blocker: 'blocker', warning: 'minor', info: 'info' };

export interface GitlabIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content: { body: string };
  categories: string[];
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
  engine_name: string;
}

export interface GitlabOptions {
  /** folder of the scanned paths relative to $CI_PROJECT_DIR */
  pathPrefix?: string;
}

/**
 * GitLab Code Quality (a Code Climate subset, read from `artifacts:reports:codequality`): one issue per finding,
 * with the finding's stable fingerprint so GitLab tracks it across merge requests. Blockers are `blocker`,
 * warnings `minor`, info `info`.
 */
export function renderGitlab(result: ScanResult, _ctx: ReporterContext, options: GitlabOptions = {}): string {
  const docs = new Map(result.rules.map((r) => [r.id, r]));
  const issues: GitlabIssue[] = result.findings.map((f) => {
    const rule = docs.get(f.ruleId);
    return {
      type: 'issue',
      check_name: f.ruleId,
      description: f.message,
      content: { body: rule ? `${rule.meta.docs.why}\n\nWhat to do: ${rule.meta.docs.instead}\n\n${RULE_DOCS_BASE}${f.ruleId}.md` : `${RULE_DOCS_BASE}${f.ruleId}.md` },
      categories: ['Compatibility'],
      severity: SEVERITY[f.severity],
      fingerprint: f.fingerprint,
      location: {
        path: options.pathPrefix ? path.posix.join(options.pathPrefix, f.location.file) : f.location.file,
        lines: { begin: Math.max(1, f.location.start.line), end: Math.max(1, f.location.start.line, f.location.end.line) },
      },
      engine_name: 'keptn-migrate',
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}

export const gitlab: Reporter = (result, ctx) => renderGitlab(result, ctx);
