import type { Finding } from '../core/types.js';
import type { Reporter } from './types.js';
import { countFindings, findingFields } from './summary.js';

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
export const json: Reporter = (result, ctx) => [...jsonChunks(result, ctx)].join('');

/** findings per chunk of jsonChunks */
const CHUNK = 500;

/**
 * json's text in pieces, to be written one after the other: the findings of a large repository make tens of megabytes
 * of JSON, which as one string (and again as the bytes written) was the largest thing a scan held at its end. The
 * pieces join to exactly what `JSON.stringify(report, null, 2)` prints.
 */
export function* jsonChunks(result: Parameters<Reporter>[0], ctx: Parameters<Reporter>[1]): Generator<string> {
  const categories = new Map(result.rules.map((r) => [r.id, r.meta.category]));
  const counts = countFindings(result.findings);
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
    findings: [],
    skipped: result.skipped,
    errors: result.failures,
  };
  const text = JSON.stringify(doc, null, 2) + '\n';
  if (result.findings.length === 0) {
    yield text;
    return;
  }
  // the one top-level key line (nested keys are indented further; a string value cannot hold a bare quote)
  const empty = '\n  "findings": []';
  const at = text.indexOf(empty);
  yield text.slice(0, at) + '\n  "findings": [';
  for (let i = 0; i < result.findings.length; i += CHUNK) {
    const chunk = result.findings.slice(i, i + CHUNK).map((f) => toJson(f, categories));
    // `[` + the items, each on lines indented by two, + `\n]`: the items indented by two more are the findings' lines
    const items = JSON.stringify(chunk, null, 2);
    yield `${i === 0 ? '' : ','}${items.slice(1, -2).replace(/\n/g, '\n  ')}`;
  }
  yield '\n  ]' + text.slice(at + empty.length);
}

function toJson(f: Finding, categories: ReadonlyMap<string, string>): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    severity: f.severity,
    category: categories.get(f.ruleId) ?? 'unknown',
    ...findingFields(f),
    anchor: f.anchor,
  };
  if (f.fix) out.fix = { safety: f.fix.safety, title: f.fix.title };
  if (f.suggestions) out.suggestions = f.suggestions;
  return out;
}
