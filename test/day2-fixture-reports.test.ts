import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/engine/migrate.js';
import type { MigrateOptions } from '../src/engine/transform.js';
import { FIXTURES, UPDATE, listCases } from './support/fixture-harness.js';

/**
 * The golden trees of test/migrate-fixtures.test.ts check the files; this checks what the user is told for the same
 * day2-* and klt-upgrade-* cases: every loss and manual step (with its snippet), in fixtures/migrate/<case>/report.txt.
 * UPDATE_FIXTURES=1 rewrites the reports.
 */
const DEFAULTS: MigrateOptions = { target: 'keptn-v2', outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false };
const dir = path.join(FIXTURES, 'migrate');
const cases = listCases(dir).filter((c) => c.startsWith('day2-') || c.startsWith('klt-upgrade-'));

describe.each(cases)('migrate report %s', (name) => {
  it('reports the expected losses and manual steps', async () => {
    const caseDir = path.join(dir, name);
    const optionsFile = path.join(caseDir, 'options.json');
    const { only, skip, ...rest } = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Partial<MigrateOptions> & { only?: string[]; skip?: string[] }) : {};
    const { changes } = await migrate({ paths: ['.'], cwd: path.join(caseDir, 'input'), only, skip, migrate: { ...DEFAULTS, ...rest } });
    expect(changes.invalid).toEqual([]);
    const lines: string[] = [];
    for (const f of changes.files.filter((x) => x.status === 'skipped')) lines.push(`skipped ${f.path}: ${f.reason ?? ''}`);
    for (const l of changes.losses) lines.push(`loss ${l.at.file}:${l.at.line}:${l.at.column} [${l.transform}] ${l.message}`);
    for (const m of changes.manualSteps) {
      lines.push(`manual ${m.at.file}:${m.at.line}:${m.at.column} [${m.transform}] ${m.message}`);
      if (m.snippet) lines.push(...m.snippet.replace(/\n$/, '').split('\n').map((s) => `    | ${s}`));
    }
    const text = lines.join('\n') + '\n';
    const file = path.join(caseDir, 'report.txt');
    if (UPDATE) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
