import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../src/core/types.js';
import type { Rule } from '../../src/engine/rule.js';
import { scan } from '../../src/engine/scan.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
export const UPDATE = process.env.UPDATE_FIXTURES === '1';

/** `path:line:col severity rule-id message`, the findings.txt format */
export function formatFinding(f: Finding): string {
  return `${f.location.file}:${f.location.start.line}:${f.location.start.column} ${f.severity} ${f.ruleId} ${f.message}`;
}

export function listCases(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Scans a fixture's input/ with only the given rules and returns the formatted findings. */
export async function runFixture(caseDir: string, rules: readonly Rule[]): Promise<string[]> {
  const input = path.join(caseDir, 'input');
  const result = await scan({ paths: ['.'], cwd: input, rules });
  for (const failure of result.failures) throw new Error(`rule ${failure.ruleId} crashed: ${failure.error}`);
  return result.findings.map(formatFinding);
}

export function readExpected(caseDir: string): string[] {
  const file = path.join(caseDir, 'findings.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

export function writeExpected(caseDir: string, lines: string[]): void {
  writeFileSync(path.join(caseDir, 'findings.txt'), lines.length ? lines.join('\n') + '\n' : '');
}
