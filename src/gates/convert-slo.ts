import { comparisonCount } from '../formats/slo.js';
import type { Slo } from '../model/types.js';
import type { KltDefinition } from './klt-evaluate.js';
import { translateObjective, type Loss, type ObjectiveTranslation } from './translate-objective.js';
import { translateScore, type ScoreTranslation } from './translate-score.js';

export interface GateTranslation {
  slo: Slo;
  definition: KltDefinition;
  objectives: ObjectiveTranslation[];
  /** informative objectives (no pass criteria): left out of the definition, as Keptn v1 left them out of the score */
  informative: Slo['objectives'];
  score: ScoreTranslation;
  losses: Loss[];
  exact: boolean;
}

/** Keptn v1 slo.yaml → the AnalysisDefinition content that gives the same verdicts (or the recorded losses). */
export function convertSlo(slo: Slo): GateTranslation {
  const scored = slo.objectives.filter((o) => o.pass.length > 0);
  const informative = slo.objectives.filter((o) => o.pass.length === 0);
  const objectives = scored.map(translateObjective);
  const score = translateScore(slo, scored.map((o) => o.weight));
  const losses: Loss[] = [];
  const hasRelative = objectives.some((t) => t.sets.relative.length > 0);
  if (slo.comparison && hasRelative) {
    losses.push({
      at: slo.comparison.src,
      reason: `the comparison block (${comparisonCount(slo)} previous result(s), aggregate ${slo.comparison.aggregateFunction ?? 'avg'}) has no KLT equivalent; relative criteria are left out`,
    });
  }
  for (const o of scored) {
    if (typeof o.weightRaw === 'number' && !Number.isInteger(o.weightRaw)) {
      losses.push({ at: o.src.at('weight'), reason: `weight ${o.weightRaw} is not a whole number: Keptn 1.x (yaml.v3) truncated it to ${Math.trunc(o.weightRaw)} and older lighthouse versions rejected the SLO; ${o.weight} is used` });
    }
  }
  if (scored.length === 0) {
    losses.push({ at: slo.src, reason: 'no objective has pass criteria: Keptn v1 passed every evaluation with score 100; an AnalysisDefinition without scored objectives has nothing to compute' });
  }
  for (const t of objectives) losses.push(...t.losses);
  losses.push(...score.losses);
  const definition: KltDefinition = {
    objectives: objectives.map((t) => ({
      sli: t.objective.sli,
      failure: t.failure,
      warning: t.warning,
      weight: Math.max(1, Math.round(t.objective.weight)),
      keyObjective: t.objective.keySli,
    })),
    passPercentage: score.passPercentage,
    warningPercentage: score.warningPercentage,
  };
  return {
    slo,
    definition,
    objectives,
    informative,
    score,
    losses,
    exact: losses.length === 0,
  };
}
