import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { stringify } from 'yaml';
import { compareObjectives, officialTableMarkdown } from '../src/gates/official-comparison.js';

/** The official converter's own fixtures (../shared/corpus/klt/official-converter-fixtures), read in place. */
const DIR = path.resolve(import.meta.dirname, '../../shared/corpus/klt/official-converter-fixtures/slo');
const present = existsSync(path.join(DIR, 'input.slo.yaml'));

interface SetupCase {
  name: string;
  objective: Record<string, unknown>;
  expect: { error?: boolean; target?: Record<string, unknown> };
}

describe.skipIf(!present)('against the official SLO converter (needs ../shared)', () => {
  it('is equivalent where the converter keeps Keptn v1 verdicts, and never differs where it does not', () => {
    const rows = compareObjectives(readFileSync(path.join(DIR, 'input.slo.yaml'), 'utf8'), parse(readFileSync(path.join(DIR, 'expected.analysisdefinition.yaml'), 'utf8')).spec.objectives);
    for (const r of rows) {
      if (r.officialDiffers.length === 0) expect(r.oursDiffers, r.sli).toEqual([]);
      for (const d of r.oursDiffers) expect(r.officialDiffers, `${r.sli}: ours differs where the converter does not`).toContain(d);
      if (r.oursDiffers.length > 0) expect(r.oursLoss, `${r.sli}: a difference must be a recorded loss`).toBe(true);
    }
    expect(rows.filter((r) => r.officialDiffers.length > 0 && r.oursDiffers.length === 0).map((r) => r.sli)).toEqual(['response_time_p70', 'error_rate']);
  });

  it('holds for every case of the converter\'s setupTarget table test', () => {
    const { cases } = parse(readFileSync(path.join(DIR, 'setup_target_cases.yaml'), 'utf8')) as { cases: SetupCase[] };
    let compared = 0;
    for (const c of cases) {
      if (c.expect.error || !c.expect.target) continue;
      const slo = stringify({ objectives: [c.objective], total_score: { pass: '90%' } });
      const [row] = compareObjectives(slo, [{ target: c.expect.target }]);
      if (!row) continue;
      if (row.officialDiffers.length === 0) expect(row.oursDiffers, c.name).toEqual([]);
      if (row.oursDiffers.length > 0) expect(row.oursLoss, `${c.name}: a difference must be a recorded loss`).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('the README shows the comparison table', () => {
    const table = officialTableMarkdown(readFileSync(path.join(DIR, 'input.slo.yaml'), 'utf8'), readFileSync(path.join(DIR, 'expected.analysisdefinition.yaml'), 'utf8'));
    expect(readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8')).toContain(table);
  });
});
