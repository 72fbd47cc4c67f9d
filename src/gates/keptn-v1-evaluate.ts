import { compare, type ParsedCriterion } from '../formats/slo-criteria.js';
import { goParseFloat } from '../formats/slo-criteria.js';
import type { CriteriaGroup, Objective, Slo } from '../model/types.js';

export type Verdict = 'pass' | 'warning' | 'fail';

export interface ObjectiveResult {
  sli: string;
  verdict: Verdict | 'info';
  score: number;
  /** the objective counts towards the maximum score */
  counted: boolean;
}

export interface GateResult {
  result: Verdict;
  /** total score in percent */
  score: number;
  objectives: ObjectiveResult[];
  /** why the evaluation failed as a whole, when it did regardless of the values */
  error?: string;
}

/**
 * Keptn v1's lighthouse evaluation (keptn-v1-formats.md §3.6b), for one set of SLI values and no previous
 * evaluations (relative criteria are then satisfied, as on a first evaluation). Written from the reference
 * algorithm, independently of the translation, so that `verify` compares two implementations.
 */
export function evaluateV1(slo: Slo, values: ReadonlyMap<string, number>): GateResult {
  let max = 0;
  let sum = 0;
  let keyFailed = false;
  const objectives: ObjectiveResult[] = [];
  for (const o of slo.objectives) {
    const counted = o.pass.length > 0 && hasPassTargets(o);
    if (o.pass.length > 0) max += o.weight;
    if (o.pass.length === 0) {
      objectives.push({ sli: o.sli, verdict: 'info', score: 0, counted: false });
      continue;
    }
    const v = values.get(o.sli);
    if (v === undefined) {
      objectives.push({ sli: o.sli, verdict: 'fail', score: 0, counted });
      keyFailed ||= o.keySli;
      continue;
    }
    const passed = anyGroup(o.pass, v, 'pass');
    if (passed === 'error') return { result: 'fail', score: 0, objectives, error: `error with ${o.sli}: invalid pass criterion` };
    const warned = o.warning.length > 0 && anyGroup(o.warning, v, 'warning') === true;
    let verdict: Verdict;
    let score = 0;
    if (passed) {
      verdict = 'pass';
      score = o.weight;
    } else if (warned) {
      verdict = 'warning';
      score = 0.5 * o.weight;
    } else {
      verdict = 'fail';
      keyFailed ||= o.keySli;
    }
    if (counted) sum += score;
    objectives.push({ sli: o.sli, verdict, score: counted ? score : 0, counted });
  }
  if (slo.objectives.length === 0) return { result: 'fail', score: 0, objectives, error: 'no objectives' };
  const passTarget = parseScore(slo.totalScore?.pass);
  if (passTarget === undefined) return { result: 'fail', score: 0, objectives, error: 'no target score defined' };
  if (max === 0) return { result: 'pass', score: 100, objectives };
  const pct = (100 * sum) / max;
  const warnTarget = parseScore(slo.totalScore?.warning);
  let result: Verdict;
  if (pct >= passTarget && !keyFailed) result = 'pass';
  else if (warnTarget !== undefined && !keyFailed && pct >= warnTarget) result = 'warning';
  else result = 'fail';
  return { result, score: pct, objectives };
}

/** lighthouse's calculateScore only sums objectives that produced pass targets; a null criteria group produces none */
function hasPassTargets(o: Objective): boolean {
  return o.pass.some((g) => g.criteria !== null && g.criteria.length > 0);
}

function anyGroup(groups: CriteriaGroup[], v: number, kind: 'pass' | 'warning'): boolean | 'error' {
  let any = false;
  for (const g of groups) {
    let all = true;
    for (const c of g.criteria ?? []) {
      const r = criterionHolds(c.parsed, v);
      if (r === 'error') {
        if (kind === 'pass') return 'error';
        all = false;
        break;
      }
      if (!r) all = false;
    }
    if (all) any = true;
  }
  return any;
}

function criterionHolds(c: ParsedCriterion, v: number): boolean | 'error' {
  if (c.kind === 'invalid') return 'error';
  if (c.kind === 'relative') return true;
  return compare(v, c.operator, c.value);
}

/** `"90%"` → 90; lighthouse trims `%` and parses a float */
export function parseScore(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  return goParseFloat(s.trim().replace(/%$/, ''));
}
