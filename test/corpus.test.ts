import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProvenance, unclassified } from '../src/corpus/expectations.js';
import { scan } from '../src/engine/scan.js';
import { gateCorpusStats, migrateEachProject } from '../src/corpus/gate-stats.js';
import { copyToTemp } from './support/tree.js';

/** Reads ../shared/corpus in place (CI has ../shared beside the clone); skipped when it is absent. */
const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus/keptn-v1');
const present = existsSync(path.join(CORPUS, 'PROVENANCE.tsv'));

describe.skipIf(!present)('the shared Keptn v1 corpus (needs ../shared)', () => {
  it('scans every file without a rule crash and recognises every Keptn v1 file', async () => {
    const result = await scan({ paths: ['.'], cwd: CORPUS });
    expect(result.failures).toEqual([]);
    expect(result.stats.files).toBeGreaterThan(600);
    const missing = unclassified(parseProvenance(readFileSync(path.join(CORPUS, 'PROVENANCE.tsv'), 'utf8')), result);
    expect(missing.map((m) => `${m.row.kind} ${m.row.localPath}: ${m.saw}`)).toEqual([]);
    for (const f of result.findings) {
      expect(f.location.start.line, `${f.ruleId} ${f.location.file}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('converts every slo.yaml without a crash, valid on every target, every verify difference a recorded loss', async () => {
    const stats = await gateCorpusStats(CORPUS);
    expect(stats.slos).toBeGreaterThan(50);
    expect(stats.invalid).toEqual([]);
    expect(stats.unexplained).toEqual([]);
    expect(stats.exact + stats.withLoss).toBe(stats.objectives);
  });

  it('migrate --write succeeds on a copy of each project and a second run changes nothing', async () => {
    const runs = await migrateEachProject(CORPUS, (dir) => copyToTemp(dir));
    expect(runs.failures).toEqual([]);
    expect(runs.secondRunChanges).toEqual([]);
    expect(runs.succeeded).toBe(runs.projects);
  });
});
