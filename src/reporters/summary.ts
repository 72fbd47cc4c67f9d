import type { Finding, Severity } from '../core/types.js';

export interface Counts {
  blocker: number;
  warning: number;
  info: number;
  fixable: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const c: Counts = { blocker: 0, warning: 0, info: 0, fixable: 0 };
  for (const f of findings) {
    c[f.severity]++;
    if (f.fix) c.fixable++;
  }
  return c;
}

/** a finding's message, place and fingerprint as the flat fields of the JSON and readiness reports, in their order */
export function findingFields(f: Finding): { message: string; file: string; line: number; column: number; endLine: number; endColumn: number; fingerprint: string } {
  const { file, start, end } = f.location;
  return { message: f.message, file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, fingerprint: f.fingerprint };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function severityLabel(s: Severity): string {
  return s;
}
