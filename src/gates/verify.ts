import type { Slo } from '../model/types.js';
import { contains, endpoints, sampleValues } from './intervals.js';
import { evaluateKlt } from './klt-evaluate.js';
import { operatorSet } from './klt-operator.js';
import { evaluateV1, type Verdict } from './keptn-v1-evaluate.js';
import type { GateTranslation } from './convert-slo.js';

export interface ObjectiveCheck {
  sli: string;
  /** the values tried: every boundary, each side of it, and between boundaries */
  values: number[];
  /** values where Keptn v1 and KLT disagree, with both verdicts */
  differences: { value: number; v1: Verdict | 'info'; klt: Verdict }[];
}

export interface GateCheck {
  objectives: ObjectiveCheck[];
  /** combinations of objective values tried for the whole gate */
  combinations: number;
  gateDifferences: { values: Record<string, number>; v1: Verdict; klt: Verdict; v1Score: number; kltScore: number }[];
  /** every difference is covered by a recorded loss */
  explained: boolean;
}

const MAX_COMBINATIONS = 20_000;

/**
 * Evaluates the original slo.yaml with Keptn v1's algorithm and the translation with KLT's, per objective on every
 * value class and for the whole gate on the product of the classes (or a deterministic sample of it).
 */
export function verifyGate(t: GateTranslation): GateCheck {
  const slo: Slo = t.slo;
  const objectives: ObjectiveCheck[] = [];
  const classes: number[][] = [];
  t.objectives.forEach((ot, k) => {
    const def = t.definition.objectives[k];
    const pts = endpoints(ot.sets.pass, ot.sets.warning, operatorSet(def?.failure), operatorSet(def?.warning));
    const values = sampleValues(pts);
    classes.push(values);
    const differences: ObjectiveCheck['differences'] = [];
    const only = { ...slo, objectives: [ot.objective], totalScore: { pass: '100%', src: slo.src } };
    const onlyDef = { objectives: def ? [def] : [], passPercentage: 100, warningPercentage: 50 };
    for (const v of values) {
      const m = new Map([[ot.objective.sli, v]]);
      const v1 = evaluateV1(only, m);
      const v1Verdict = v1.error ? 'fail' : (v1.objectives[0]?.verdict ?? 'fail');
      const klt = evaluateKlt(onlyDef, m).objectives[0] ?? 'pass';
      if (v1Verdict !== klt) differences.push({ value: v, v1: v1Verdict, klt });
    }
    objectives.push({ sli: ot.objective.sli, values, differences });
  });

  const gateDifferences: GateCheck['gateDifferences'] = [];
  const combos = combinations(classes);
  for (const combo of combos) {
    const values = new Map<string, number>();
    t.objectives.forEach((ot, k) => values.set(ot.objective.sli, combo[k] as number));
    const v1 = evaluateV1(slo, values);
    const klt = evaluateKlt(t.definition, values);
    if (v1.result !== klt.result) {
      gateDifferences.push({ values: Object.fromEntries(values), v1: v1.result, klt: klt.result, v1Score: v1.score, kltScore: klt.score });
    }
  }
  const explained =
    objectives.every((o, k) => o.differences.every((d) => contains(t.objectives[k]?.differing ?? [], d.value))) &&
    gateDifferences.every(
      (g) => !t.score.exact || t.objectives.length === 0 || t.objectives.some((ot) => contains(ot.differing, g.values[ot.objective.sli] as number)),
    );
  return { objectives, combinations: combos.length, gateDifferences, explained };
}

/** the full product when small, else a deterministic spread of it */
function combinations(classes: number[][]): number[][] {
  const size = classes.reduce((n, c) => n * c.length, 1);
  if (classes.length === 0) return [[]];
  if (size <= MAX_COMBINATIONS) {
    let out: number[][] = [[]];
    for (const c of classes) out = out.flatMap((prefix) => c.map((v) => [...prefix, v]));
    return out;
  }
  const out: number[][] = [];
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < MAX_COMBINATIONS; i++) out.push(classes.map((c) => c[Math.floor(next() * c.length)] as number));
  return out;
}
