import type { Finding } from '../core/types.js';
import type { Reporter } from './types.js';
import { countFindings } from './summary.js';

export const JSON_FORMAT_VERSION = 1;

export interface JsonFinding {
  ruleId: string;
  severity: Finding['severity'];
  category: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  anchor: string;
  fix?: { safety: string; title: string };
  suggestions?: string[];
}

/** The stable machine format, documented in the README ("JSON output"). */
export const json: Reporter = (result, ctx) => {
  const categories = new Map(result.rules.map((r) => [r.id, r.meta.category]));
  const counts = countFindings(result.findings);
  const findings: JsonFinding[] = result.findings.map((f) => {
    const out: JsonFinding = {
      ruleId: f.ruleId,
      severity: f.severity,
      category: categories.get(f.ruleId) ?? 'unknown',
      message: f.message,
      file: f.location.file,
      line: f.location.start.line,
      column: f.location.start.column,
      endLine: f.location.end.line,
      endColumn: f.location.end.column,
      fingerprint: f.fingerprint,
      anchor: f.anchor,
    };
    if (f.fix) out.fix = { safety: f.fix.safety, title: f.fix.title };
    if (f.suggestions) out.suggestions = f.suggestions;
    return out;
  });
  const doc = {
    formatVersion: JSON_FORMAT_VERSION,
    tool: { name: 'keptn-migrate', version: ctx.toolVersion },
    summary: {
      files: result.stats.files,
      documents: result.stats.documents,
      findings: result.findings.length,
      blocker: counts.blocker,
      warning: counts.warning,
      info: counts.info,
      fixable: counts.fixable,
    },
    kinds: result.stats.kinds,
    projects: result.project.projects.map((p) => ({ dir: p.dir, name: p.name, stages: p.stages, services: p.services, implicit: p.implicit })),
    branches: result.stats.branches,
    findings,
    skipped: result.skipped,
    errors: result.failures,
  };
  return JSON.stringify(doc, null, 2) + '\n';
};
