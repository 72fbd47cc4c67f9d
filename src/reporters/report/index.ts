import type { ChangeSet } from '../../engine/migrate.js';
import type { ScanResult } from '../../engine/scan.js';
import { renderHtml } from '../html.js';
import { renderMarkdown, type MarkdownOptions } from '../markdown.js';
import { buildRepositoryReport } from './build.js';
import { finalizeReport } from './finalize.js';
import type { ReadinessReport } from './model.js';

export { buildRepositoryReport } from './build.js';
export { finalizeReport, migrationPlan } from './finalize.js';
export { mergeReports, parseReport, MergeError } from './merge.js';
export * from './model.js';

export const REPORT_FORMATS = ['html', 'markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The readiness report of one scanned repository. */
export function readinessReport(result: ScanResult, options: { name: string; toolVersion: string; changes?: ChangeSet }): ReadinessReport {
  return finalizeReport([buildRepositoryReport(result, { name: options.name, changes: options.changes })], options.toolVersion);
}

export function renderReport(report: ReadinessReport, format: ReportFormat, markdown: MarkdownOptions = {}): string {
  if (format === 'html') return renderHtml(report);
  if (format === 'markdown') return renderMarkdown(report, markdown);
  return JSON.stringify(report, null, 2) + '\n';
}
