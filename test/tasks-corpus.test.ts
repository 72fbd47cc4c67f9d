import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/engine/migrate.js';
import { TARGETS } from '../src/klt/targets.js';
import { checkDeno } from '../src/tasks/deno-check.js';
import { formatTaskCorpusStats, TASK_TRANSFORMS, taskCorpusStats } from '../src/tasks/corpus-stats.js';
import { parse } from 'yaml';

/** Reads ../shared/corpus/keptn-v1 in place; skipped when it is absent. */
const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus/keptn-v1');

describe.skipIf(!existsSync(path.join(CORPUS, 'PROVENANCE.tsv')))('task transforms over the shared corpus (needs ../shared)', () => {
  it.each(TARGETS)('converts every job/config.yaml and webhook.yaml for %s without a crash or an invalid output', async (target) => {
    const stats = await taskCorpusStats(CORPUS, target);
    console.log(formatTaskCorpusStats(stats));
    expect(stats.invalid).toEqual([]);
    expect(stats.configs.jes).toBeGreaterThan(40);
    expect(stats.configs.webhook).toBeGreaterThan(40);
    expect(stats.fully + stats.withLosses + stats.notAtAll).toBeGreaterThan(80);
  }, 120_000);

  it('every generated Deno function parses and type-checks', async () => {
    const { changes } = await migrate({
      paths: ['.'],
      cwd: CORPUS,
      only: TASK_TRANSFORMS,
      migrate: { target: 'keptn-v2', outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false },
    });
    let checked = 0;
    for (const f of changes.files) {
      if (!f.path.includes('keptntaskdefinition-')) continue;
      const doc = parse(f.after) as { spec?: { deno?: { inline?: { code?: string } } } };
      const code = doc.spec?.deno?.inline?.code;
      if (code === undefined) continue;
      expect(checkDeno(code), f.path).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  }, 120_000);
});
