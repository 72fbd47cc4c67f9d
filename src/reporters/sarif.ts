import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../core/types.js';
import { renderRuleDoc } from '../docs/rule-docs.js';
import type { Reporter } from './types.js';

const LEVEL: Record<Severity, Result.level> = { blocker: 'error', warning: 'warning', info: 'note' };
export const RULE_DOCS_BASE = 'https://github.com/keptn-migrate/keptn-migrate/blob/main/docs/rules/';

/** SARIF 2.1.0 for GitHub code scanning: rule metadata with help, 1-based regions, stable partial fingerprints. */
export const sarif: Reporter = (result, ctx) => {
  const used = new Set(result.findings.map((f) => f.ruleId));
  const rules = [...result.rules].filter((r) => used.has(r.id)).sort((a, b) => a.id.localeCompare(b.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z0-9])/g, (_, _d: string, ch: string) => ch.toUpperCase()),
    shortDescription: { text: r.meta.description },
    fullDescription: { text: `${r.meta.docs.why}` },
    helpUri: `${RULE_DOCS_BASE}${r.id}.md`,
    help: { text: `${r.meta.docs.why}\n\nWhat to do: ${r.meta.docs.instead}`, markdown: renderRuleDoc(r) },
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
    properties: { category: r.meta.category, effort: r.meta.effort, fix: r.meta.fix, tags: ['keptn-migration', r.meta.category] },
  }));
  const results: Result[] = result.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeUri(f.location.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: Math.max(1, f.location.start.line),
            startColumn: Math.max(1, f.location.start.column),
            endLine: Math.max(1, f.location.end.line),
            endColumn: Math.max(1, f.location.end.column),
          },
        },
      },
    ],
    partialFingerprints: { 'keptnMigrateFingerprint/v1': f.fingerprint },
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keptn-migrate',
            version: ctx.toolVersion,
            informationUri: 'https://github.com/keptn-migrate/keptn-migrate',
            rules: descriptors,
          },
        },
        results,
        invocations: [
          {
            executionSuccessful: result.failures.length === 0,
            toolExecutionNotifications: result.skipped.map((s) => ({
              level: 'note' as const,
              message: { text: `skipped ${s.file}: ${s.reason}` },
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

/** branch files (`dev:carts/slo.yaml`) are not paths in the checkout; keep them readable but valid URIs */
function encodeUri(file: string): string {
  return file.split('/').map((seg) => encodeURIComponent(seg)).join('/');
}
