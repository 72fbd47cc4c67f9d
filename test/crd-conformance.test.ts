import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Target } from '../src/klt/targets.js';
import { FIXTURES, listCases } from './support/fixture-harness.js';
import { readTree } from './support/tree.js';
import { HAVE_CRDS, upstreamValidate } from './support/upstream-crds.js';

/**
 * Every KLT resource in the golden outputs validates against the upstream CRD schema of its target release
 * (../shared/crds, strict: unknown fields fail). Needs ../shared; skipped when it is absent.
 */
describe.skipIf(!HAVE_CRDS)('generated resources conform to the upstream KLT CRDs (needs ../shared/crds)', () => {
  const dir = path.join(FIXTURES, 'migrate');
  const cases = listCases(dir).filter((c) => existsSync(path.join(dir, c, 'expected')));
  it.each(cases)('%s', (name) => {
    const optionsFile = path.join(dir, name, 'options.json');
    const target: Target = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')).target ?? 'keptn-v2') : 'keptn-v2';
    const inputs = readTree(path.join(dir, name, 'input'));
    let checked = 0;
    for (const [rel, bytes] of readTree(path.join(dir, name, 'expected'))) {
      if (inputs.has(rel) || !/\.ya?ml$/.test(rel)) continue;
      for (const doc of parseAllDocuments(bytes.toString('utf8'))) {
        const r = doc.toJS() as { apiVersion?: string; kind?: string } | null;
        if (!r || !/(lifecycle|metrics)\.keptn\.sh\//.test(String(r.apiVersion))) continue;
        const problems = upstreamValidate(r, target);
        expect(problems, `${rel}: ${r.kind} ${r.apiVersion}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
