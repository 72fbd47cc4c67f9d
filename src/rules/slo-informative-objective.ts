import { defineRule } from '../engine/rule.js';
import { malformedGroups, objectiveName, q, standardSlos } from './lib/quality-gates.js';

export default defineRule({
  id: 'slo-informative-objective',
  meta: {
    description: 'An SLO objective has no pass criteria: Keptn v1 reported it as info and left it out of the score',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'info',
    fix: 'none',
    effort: 0,
    docs: {
      why:
        'An objective without `pass` (missing or `[]`) got status `info` in Keptn v1: its value was shown but it did not count in ' +
        'the maximum or the achieved score, even when `warning` criteria were set (they were ignored). KLT has no informative ' +
        'objective: an AnalysisDefinition objective with `target: {}` always passes with its full weight, which is what the ' +
        'official converter produces, so the converted score rises. keptn-migrate leaves such objectives out of the AnalysisDefinition.',
      instead:
        'Keep the SLI as an AnalysisValueTemplate (or a KeptnMetric for dashboards) without a scored objective. If the objective ' +
        'was meant to be scored, add `pass` criteria before migrating.',
      codeVsSpec:
        'The KLT converter documentation says informative objectives "will not affect the overall score"; the Analysis evaluator ' +
        'gives them full weight.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (evaluateObjectives: status info, maximumAchievableScore)',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/converter/slo_converter.go (informative objective → target: {})',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/controllers/common/analysis (empty target passes with full weight)',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      for (const o of slo.objectives) {
        if (o.pass.length > 0 || malformedGroups(o, 'pass')) continue;
        const passRef = o.src.at('pass');
        const ignoredWarning = o.warning.length > 0 ? '; its warning criteria were ignored by Keptn v1 and are dropped' : '';
        context.report({
          message:
            `objective ${q(objectiveName(o))} has no pass criteria: Keptn v1 reported it as info and left it out of the score; ` +
            `keptn-migrate leaves it out of the AnalysisDefinition (an objective with target: {} would always pass with full weight)${ignoredWarning}`,
          at: passRef.exists() ? { ref: passRef, target: 'key' } : o.src.at('sli'),
        });
      }
    }
  },
});
