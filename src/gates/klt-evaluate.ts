import { contains } from './intervals.js';
import { operatorSet, type KltOperator } from './klt-operator.js';
import type { Verdict } from './keptn-v1-evaluate.js';

export interface KltObjective {
  /** AnalysisValueTemplate the value comes from (the Keptn v1 SLI name) */
  sli: string;
  failure?: KltOperator;
  warning?: KltOperator;
  weight: number;
  keyObjective: boolean;
}

export interface KltDefinition {
  objectives: KltObjective[];
  passPercentage: number;
  warningPercentage: number;
}

/**
 * The metrics-operator analysis (klt-targets.md §5): failure first, then warning, else pass; warning scores half the
 * weight; the total is Σscore/Σweight; a failed key objective fails the analysis.
 */
export function evaluateKlt(def: KltDefinition, values: ReadonlyMap<string, number>): { result: Verdict; score: number; objectives: Verdict[] } {
  let total = 0;
  let weights = 0;
  let keyFailed = false;
  const verdicts: Verdict[] = [];
  for (const o of def.objectives) {
    const v = values.get(o.sli);
    let verdict: Verdict;
    if (v === undefined) verdict = 'fail';
    else if (contains(operatorSet(o.failure), v)) verdict = 'fail';
    else if (contains(operatorSet(o.warning), v)) verdict = 'warning';
    else verdict = 'pass';
    weights += o.weight;
    total += verdict === 'pass' ? o.weight : verdict === 'warning' ? o.weight / 2 : 0;
    if (verdict === 'fail' && o.keyObjective) keyFailed = true;
    verdicts.push(verdict);
  }
  const score = weights === 0 ? 0 : (100 * total) / weights;
  let result: Verdict;
  if (keyFailed) result = 'fail';
  else if (score >= def.passPercentage) result = 'pass';
  else if (score >= def.warningPercentage) result = 'warning';
  else result = 'fail';
  return { result, score, objectives: verdicts };
}
