import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/core/load.js';
import { applyChangeSet } from '../src/engine/apply.js';
import { migrate } from '../src/engine/migrate.js';
import type { MigrateOptions } from '../src/engine/transform.js';
import { FIXTURES, UPDATE, listCases } from './support/fixture-harness.js';
import { copyToTemp, readTree, writeTree } from './support/tree.js';

interface CaseOptions extends Partial<MigrateOptions> {
  only?: string[];
  skip?: string[];
}

const DEFAULTS: MigrateOptions = { target: 'keptn-v2', outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false };
const dir = path.join(FIXTURES, 'migrate');

async function run(cwd: string, o: CaseOptions) {
  const { only, skip, ...rest } = o;
  return migrate({ paths: ['.'], cwd, only, skip, migrate: { ...DEFAULTS, ...rest } });
}

/**
 * Golden trees: fixtures/migrate/<case>/input is migrated with --write (options.json sets target and transforms) and must
 * equal expected/ byte for byte; every output validates; every edited YAML still parses; a second run changes nothing.
 * UPDATE_FIXTURES=1 rewrites expected/ (review the diff).
 */
describe.each(listCases(dir))('migrate %s', (name) => {
  const caseDir = path.join(dir, name);
  const optionsFile = path.join(caseDir, 'options.json');
  const options: CaseOptions = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};

  it('produces the expected tree, valid and parseable, and a second run is a no-op', async () => {
    const work = copyToTemp(path.join(caseDir, 'input'));
    const first = await run(work, options);
    expect(first.changes.invalid).toEqual([]);
    const report = await applyChangeSet(first.changes);
    expect(report.refused).toEqual([]);
    for (const f of first.changes.files.filter((x) => x.status === 'created' || x.status === 'modified')) {
      if (!/\.ya?ml$/.test(f.path)) continue;
      const before = f.before === undefined ? 0 : loadText({ relPath: f.path }, f.before.replace(/^\ufeff/, ''), 'yaml').problems.length;
      const after = loadText({ relPath: f.path }, f.after.replace(/^\ufeff/, ''), 'yaml').problems.length;
      expect(after, `${f.path} parses as well as before`).toBeLessThanOrEqual(before);
    }
    const actual = readTree(work);
    if (UPDATE) writeTree(path.join(caseDir, 'expected'), actual);
    const expected = readTree(path.join(caseDir, 'expected'));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [rel, bytes] of expected) expect(actual.get(rel)?.toString('utf8'), rel).toBe(bytes.toString('utf8'));

    const second = await run(work, options);
    expect(second.changes.files.filter((f) => f.status === 'created' || f.status === 'modified').map((f) => f.path)).toEqual([]);
    expect(readTree(work)).toEqual(actual);
  });
});
