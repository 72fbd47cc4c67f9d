import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertSlo } from '../src/gates/convert-slo.js';
import { formatOperator } from '../src/gates/klt-operator.js';
import { achievableScores } from '../src/gates/translate-score.js';
import { verifyGate } from '../src/gates/verify.js';
import { sloFromText } from './support/slo.js';

const slo = (objectives: string, total = 'total_score:\n  pass: "90%"\n  warning: "75%"\n') =>
  sloFromText(`spec_version: "1.0"\nobjectives:\n${objectives}${total}`);

const targets = (text: string) => convertSlo(slo(text)).objectives.map((o) => `${formatOperator(o.failure)} / ${formatOperator(o.warning)}`);

describe('objective translation', () => {
  it('keeps boundaries: <600 and <=600 differ at 600', () => {
    expect(targets('  - sli: a\n    pass:\n      - criteria: ["<600"]\n')).toEqual(['greaterThanOrEqual 600 / none']);
    expect(targets('  - sli: a\n    pass:\n      - criteria: ["<=600"]\n')).toEqual(['greaterThan 600 / none']);
  });

  it('checks pass before warning: warning is "not pass", failure is "neither"', () => {
    expect(targets('  - sli: a\n    pass:\n      - criteria: ["<600"]\n    warning:\n      - criteria: ["<=800"]\n')).toEqual([
      'greaterThan 800 / greaterThanOrEqual 600',
    ]);
  });

  it('ORs pass groups and ANDs criteria in a group', () => {
    expect(targets('  - sli: a\n    pass:\n      - criteria: ["<600"]\n      - criteria: [">800"]\n')).toEqual(['inRange [600, 800] / none']);
    expect(targets('  - sli: a\n    pass:\n      - criteria: [">=10", "<=15"]\n')).toEqual(['notInRange [10, 15] / none']);
  });

  it('records a loss with the values where verdicts differ when no operator pair is exact', () => {
    const t = convertSlo(slo('  - sli: a\n    pass:\n      - criteria: [">10", "<15"]\n'));
    expect(t.objectives[0]!.exact).toBe(false);
    expect(t.losses.map((l) => l.values)).toEqual(['{10} ∪ {15}']);
    expect(verifyGate(t).explained).toBe(true);
  });

  it('prefers a difference on negative values for =0 (SLIs are rarely negative)', () => {
    const t = convertSlo(slo('  - sli: errors\n    pass:\n      - criteria: ["=0"]\n'));
    expect(formatOperator(t.objectives[0]!.failure)).toBe('greaterThan 0');
    expect(t.losses[0]!.values).toBe('(-∞, 0)');
  });

  it('leaves relative criteria out and says so; leaves informative objectives out of the score', () => {
    const t = convertSlo(slo('  - sli: a\n    pass:\n      - criteria: ["<=+10%", "<600"]\n  - sli: info\n'));
    expect(t.informative.map((o) => o.sli)).toEqual(['info']);
    expect(t.definition.objectives.map((o) => o.sli)).toEqual(['a']);
    expect(formatOperator(t.objectives[0]!.failure)).toBe('greaterThanOrEqual 600');
    expect(t.losses[0]!.reason).toContain('relative criterion "<=+10%"');
  });

  it('counts weight 0 as 1 and keeps key SLIs', () => {
    const t = convertSlo(slo('  - sli: a\n    weight: 0\n    key_sli: true\n    pass:\n      - criteria: ["<1"]\n'));
    expect(t.definition.objectives[0]).toMatchObject({ weight: 1, keyObjective: true });
  });
});

describe('total score', () => {
  it('lists the scores the weights can produce', () => {
    expect(achievableScores([1, 1])).toEqual([0, 25, 50, 75, 100]);
  });

  it('finds an exact whole percentage where one exists', () => {
    const t = convertSlo(slo('  - sli: a\n    pass:\n      - criteria: ["<1"]\n', 'total_score:\n  pass: "92.5%"\n'));
    expect(t.score).toMatchObject({ passPercentage: 93, exact: true });
  });

  it('records a loss when there was no warning threshold and the weights make one matter', () => {
    const objectives = Array.from({ length: 4 }, (_, k) => `  - sli: s${k}\n    pass:\n      - criteria: ["<1"]\n    warning:\n      - criteria: ["<2"]\n`).join('');
    // four objectives of weight 1 score in steps of 12.5: 87.5 lies below 88 but no whole warningPercentage excludes it
    const t = convertSlo(slo(objectives, 'total_score:\n  pass: "88%"\n'));
    expect(t.score.exact).toBe(false);
    expect(t.score.losses[0]!.reason).toContain('no warning threshold');
  });
});

const OPS = ['<', '<=', '=', '>=', '>'];
const criterion = fc.tuple(fc.constantFrom(...OPS), fc.constantFrom(0, 10, 20, 30, 50)).map(([op, v]) => `"${op}${v}"`);
const groups = fc.array(fc.array(criterion, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 2 });
const objective = fc.record({ pass: groups, warning: groups, weight: fc.integer({ min: 0, max: 3 }), key: fc.boolean() });
const gate = fc.record({
  objectives: fc.array(objective, { minLength: 1, maxLength: 3 }),
  pass: fc.constantFrom(50, 75, 90, 100, 66.6),
  warning: fc.option(fc.constantFrom(0, 25, 50, 60), { nil: undefined }),
});

interface GeneratedGate {
  objectives: { pass: string[][]; warning: string[][]; weight: number; key: boolean }[];
  pass: number;
  warning?: number;
}

function render(g: GeneratedGate): string {
  const lines = ['spec_version: "1.0"', 'objectives:'];
  g.objectives.forEach((o, k) => {
    lines.push(`  - sli: s${k}`, `    weight: ${o.weight}`, `    key_sli: ${o.key}`);
    for (const kind of ['pass', 'warning'] as const) {
      if (o[kind].length === 0) continue;
      lines.push(`    ${kind}:`);
      for (const grp of o[kind]) lines.push(`      - criteria: [${grp.join(', ')}]`);
    }
  });
  lines.push('total_score:', `  pass: "${g.pass}%"`);
  if (g.warning !== undefined) lines.push(`  warning: "${g.warning}%"`);
  return lines.join('\n') + '\n';
}

describe('property: verify finds no difference that is not a recorded loss', () => {
  it('holds for random SLOs with absolute criteria', () => {
    fc.assert(
      fc.property(gate, (g) => {
        const t = convertSlo(sloFromText(render(g)));
        const check = verifyGate(t);
        expect(check.explained).toBe(true);
        if (t.exact) {
          expect(check.gateDifferences).toEqual([]);
          expect(check.objectives.flatMap((o) => o.differences)).toEqual([]);
        }
      }),
      { numRuns: 300, seed: 20261121 },
    );
  });
});
