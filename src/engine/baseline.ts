import { readFile } from 'node:fs/promises';
import type { Finding } from '../core/types.js';

export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  /** the message when the baseline was written, for people reading the file (not used for matching) */
  message: string;
}

/**
 * `--baseline-write FILE`: today's findings, matched later by fingerprint only (rule, file, the document and data
 * path of the finding, its message): edits elsewhere in the file, even ones that move it to another line, keep a
 * finding in the baseline. Sorted and without a timestamp, so rewriting an unchanged baseline changes nothing.
 */
export interface Baseline {
  formatVersion: number;
  tool: { name: string; version: string };
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

export function createBaseline(findings: readonly Finding[], toolVersion: string): Baseline {
  const entries = findings
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.location.file, message: f.message }))
    .sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { formatVersion: BASELINE_FORMAT_VERSION, tool: { name: 'keptn-migrate', version: toolVersion }, findings: entries };
}

export function renderBaseline(baseline: Baseline): string {
  return JSON.stringify(baseline, null, 2) + '\n';
}

export async function readBaseline(file: string, displayName = file): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new BaselineError(`--baseline: ${displayName} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); create it with --baseline-write`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text it read: never print a file's content
    throw new BaselineError(`--baseline: ${displayName} is not JSON; create it with --baseline-write`);
  }
  const b = value as Partial<Baseline>;
  if (!b || typeof b !== 'object' || b.formatVersion !== BASELINE_FORMAT_VERSION || !Array.isArray(b.findings)) {
    throw new BaselineError(`--baseline: ${displayName} is not a keptn-migrate baseline (formatVersion ${BASELINE_FORMAT_VERSION} with findings[])`);
  }
  b.findings.forEach((e, i) => {
    if (!e || typeof (e as BaselineEntry).fingerprint !== 'string') throw new BaselineError(`--baseline: ${displayName}: findings[${i}].fingerprint must be a string`);
  });
  return b as Baseline;
}

export interface BaselineResult {
  /** findings not in the baseline: what the run reports */
  fresh: Finding[];
  /** findings the baseline covers */
  known: Finding[];
  /** baseline entries no finding matched any more (fixed, or the rule or file changed) */
  stale: BaselineEntry[];
}

/** Splits findings into new ones and those the baseline already records. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineResult {
  const byFingerprint = new Map(baseline.findings.map((e) => [e.fingerprint, e]));
  const matched = new Set<string>();
  const fresh: Finding[] = [];
  const known: Finding[] = [];
  for (const f of findings) {
    if (byFingerprint.has(f.fingerprint)) {
      known.push(f);
      matched.add(f.fingerprint);
    } else fresh.push(f);
  }
  const stale = baseline.findings.filter((e) => !matched.has(e.fingerprint));
  return { fresh, known, stale };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
