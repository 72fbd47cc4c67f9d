import { defineRule } from '../engine/rule.js';
import { baselineText, criteriaOf, criterionText, objectiveName, q, relativeFormula, standardSlos } from './lib/quality-gates.js';

export default defineRule({
  id: 'slo-unsigned-percent-criterion',
  meta: {
    description: 'An SLO criterion has a % without a sign ("<=2%"): Keptn v1 read it as relative to the previous value',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Since keptn/keptn#1498 lighthouse treats every criterion containing `%` as a comparison with previous evaluations, so ' +
        '`<=2%` meant "at most 2 % above the baseline", not "an error rate of at most 2 %". Authors usually meant the latter. ' +
        'The converted quality gate must state one reading: the official converter drops the criterion altogether.',
      instead:
        'If an absolute percentage was meant, write the number in the SLI\'s unit (`<=2` when the query returns percent, `<=0.02` ' +
        'for a ratio); it converts to `lessThanOrEqual: {fixedValue: 2}` in the AnalysisDefinition. If the relative reading was ' +
        'meant, treat it like slo-relative-criterion (KLT has no comparison with previous results).',
      codeVsSpec:
        'The spec lists `%` values only with a sign; lighthouse makes any `%` relative and an unsigned one an allowed increase.',
      sources: [
        'https://github.com/keptn/keptn/issues/1498',
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (parseCriteriaString)',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/converter/slo_converter.go (cleanupObjective drops % criteria)',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      for (const { objective, kind, criterion } of criteriaOf(slo)) {
        const p = criterion.parsed;
        if (p.kind !== 'relative' || !p.unsigned) continue;
        const absolute = `${p.operator}${p.value}`;
        context.report({
          message:
            `${kind} criterion ${q(criterionText(criterion))} of objective ${q(objectiveName(objective))} has a % without a sign: ` +
            `Keptn v1 read it as relative (${relativeFormula(p)}, baseline = ${baselineText(slo)}), not as an absolute ${p.value} %; ` +
            `if the absolute reading was meant write ${q(absolute)} in the SLI's unit, if the relative one was meant KLT has no equivalent`,
          at: criterion.src,
        });
      }
    }
  },
});
