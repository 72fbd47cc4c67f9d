import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertSlo } from '../src/gates/convert-slo.js';
import { candidateOperators, exactOperator, formatOperator, operatorSet, type KltOperator } from '../src/gates/klt-operator.js';
import { complement, difference, endpoints, equals, union } from '../src/gates/intervals.js';
import { objectiveSets } from '../src/gates/objective-sets.js';
import { translateObjective } from '../src/gates/translate-objective.js';
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

describe('operator choice', () => {
  const OP_VALUES = [-1, 0, 0.5, 10, 600, 800];

  it('exactOperator gives back every operator the webhook accepts from its set, and nothing else', () => {
    const all = candidateOperators(OP_VALUES);
    for (const op of all) expect(exactOperator(operatorSet(op))).toEqual(op);
    expect(exactOperator([])).toBeUndefined();
    // everything, a point removed (notInRange needs low < high), two points, a half-open range
    expect(exactOperator(complement([]))).toBeNull();
    expect(exactOperator(complement(operatorSet({ op: 'equalTo', value: 0 })))).toBeNull();
    expect(exactOperator(union(operatorSet({ op: 'equalTo', value: 0 }), operatorSet({ op: 'equalTo', value: 1 })))).toBeNull();
    expect(exactOperator([{ lo: 0, loClosed: true, hi: 1, hiClosed: false }])).toBeNull();
  });

  /** the exact pair an exhaustive search keeps: lowest preference, then the first failure and warning in candidate order */
  function exhaustiveExact(o: Parameters<typeof translateObjective>[0]): [KltOperator | undefined, KltOperator | undefined] | undefined {
    const { pass, warning } = objectiveSets(o);
    const warnOnly = difference(warning, pass);
    const fail = complement(union(pass, warning));
    const candidates = [undefined, ...candidateOperators(endpoints(pass, warning))];
    const preference = (w: KltOperator | undefined) => (w === undefined ? 0 : equals(operatorSet(w), complement(pass)) ? 1 : equals(operatorSet(w), warnOnly) ? 2 : 3);
    let best: [KltOperator | undefined, KltOperator | undefined, number] | undefined;
    for (const f of candidates.filter((c) => equals(operatorSet(c), fail))) {
      for (const w of candidates) {
        const exact = equals(difference(operatorSet(w), operatorSet(f)), warnOnly) && equals(complement(union(operatorSet(f), operatorSet(w))), pass);
        if (exact && (!best || preference(w) < best[2])) best = [f, w, preference(w)];
      }
    }
    return best && [best[0], best[1]];
  }

  it('picks the pair an exhaustive search over every candidate pair picks, whenever one is exact', () => {
    const value = fc.constantFrom(...OP_VALUES);
    const crit = fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '='), value).map(([op, v]) => `"${op}${v}"`);
    const groups = fc.array(fc.array(crit, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 3 });
    fc.assert(
      fc.property(groups, groups, (pass, warning) => {
        const lines = ['    pass:', ...pass.map((g) => `      - criteria: [${g.join(', ')}]`)];
        if (warning.length > 0) lines.push('    warning:', ...warning.map((g) => `      - criteria: [${g.join(', ')}]`));
        const o = slo(`  - sli: x\n${pass.length > 0 ? lines.join('\n') + '\n' : ''}`).objectives[0]!;
        const t = translateObjective(o);
        const expected = exhaustiveExact(o);
        if (expected) expect([t.failure, t.warning]).toEqual(expected);
        else expect(t.differing.length > 0 || objectiveSets(o).invalidPass.length > 0).toBe(true);
      }),
      { numRuns: 1000, seed: 20261122 },
    );
  });
});
