import { defineRule } from '../engine/rule.js';
import { baselineText, criteriaOf, criterionText, objectiveName, q, relativeFormula, standardSlos } from './lib/quality-gates.js';

export default defineRule({
  id: 'slo-relative-criterion',
  meta: {
    description: 'An SLO criterion compares with previous evaluations (a signed value such as "<=+10%", ">-5" or "<+50")',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'blocker',
    fix: 'none',
    effort: 5,
    docs: {
      why:
        'Keptn v1 evaluated a criterion with a sign or a `%` against the aggregated values of previous evaluations of the same ' +
        'project/stage/service (the `comparison` block decides how many and how they are aggregated; with no previous value the ' +
        'criterion counts as met). KLT has no history: AnalysisDefinition targets and KeptnEvaluationDefinition objectives compare ' +
        'the current value with fixed numbers only. The official `--convert-slo` converter silently drops `%` criteria and misreads ' +
        '`<=+50` as the absolute threshold `<=50`.',
      instead:
        'Decide per criterion: (1) an absolute threshold derived from today\'s baseline (`lessThanOrEqual: {fixedValue: 480}`); ' +
        '(2) a KeptnMetric with `range: {interval: 1h, aggregation: avg}` as the baseline and a second query for the current value, ' +
        'comparing them in a KeptnTaskDefinition; or (3) an external check (a task that queries the provider for both windows). ' +
        'Criteria written without a sign (`<=10%`) are reported by slo-unsigned-percent-criterion instead.',
      codeVsSpec:
        'The spec documents only `+`/`-` percentages as relative; lighthouse also treats signed absolute values (`<+50`, `>-5`) as ' +
        'a delta to the previous value, and any `%` as relative (keptn/keptn#1498).',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (parseCriteriaString, evaluateComparison)',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/converter/slo_converter.go (cleanupObjective drops % criteria)',
        'https://github.com/keptn/lifecycle-toolkit/issues/1646 (no comparison with previous evaluations in KLT)',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      for (const { objective, kind, criterion } of criteriaOf(slo)) {
        const p = criterion.parsed;
        if (p.kind !== 'relative' || p.unsigned) continue;
        context.report({
          message:
            `${kind} criterion ${q(criterionText(criterion))} of objective ${q(objectiveName(objective))} is relative: ` +
            `${relativeFormula(p)}, baseline = ${baselineText(slo)}; AnalysisDefinition and KeptnEvaluationDefinition cannot compare ` +
            'with previous results: use an absolute threshold, a KeptnMetric range aggregation or an external check',
          at: criterion.src,
        });
      }
    }
  },
});
