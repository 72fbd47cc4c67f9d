import { SEVERITY_RANK, type Finding, type Severity } from '../core/types.js';
import { EXIT } from './io.js';

export type FailOn = Severity | 'never';

/** 1 when a finding reaches --fail-on or warnings exceed --max-warnings, else 0 */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn, maxWarnings: number | undefined): number {
  if (failOn !== 'never') {
    const threshold = SEVERITY_RANK[failOn];
    if (findings.some((f) => SEVERITY_RANK[f.severity] >= threshold)) return EXIT.findings;
  }
  if (maxWarnings !== undefined && findings.filter((f) => f.severity === 'warning').length > maxWarnings) return EXIT.findings;
  return EXIT.ok;
}
