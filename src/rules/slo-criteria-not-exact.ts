import { defineRule } from '../engine/rule.js';
import { translateObjective } from '../gates/translate-objective.js';

export default defineRule({
  id: 'slo-criteria-not-exact',
  meta: {
    description: 'Absolute criteria that no KLT failure/warning operator pair can express exactly, with the values whose verdict would change',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'An AnalysisDefinition objective has one `failure` and one `warning` operator (lessThan, lessThanOrEqual, greaterThan, ' +
        'greaterThanOrEqual, equalTo, inRange [closed], notInRange [open outside]); KLT fails on `failure`, else warns on ' +
        '`warning`, else passes. Keptn v1 ORs pass groups, ANDs the criteria in a group and checks pass before warning. Some ' +
        'combinations have no exact equivalent: an open interval such as `>10` AND `<15` (notInRange is closed at its bounds, ' +
        'so 10 and 15 would pass in KLT but fail in Keptn v1), `=0` (KLT has no "not equal"), or more than two ranges. ' +
        'keptn-migrate picks the closest operators (differences on negative values are preferred, since SLIs are rarely ' +
        'negative) and this rule says exactly which values change verdict. The official converter silently shifts such boundaries.',
      instead:
        'Decide whether the listed values can occur for this SLI. If they cannot (a latency is never negative), accept the ' +
        'translation. If they can, adjust the threshold by the resolution of the metric (for example `<15` as `<=14.999`) or ' +
        'split the objective into two objectives over the same AnalysisValueTemplate.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (evaluateObjectives)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 metrics-operator/controllers/common/analysis (operators, inRange/notInRange)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 metrics-operator/converter/slo_converter.go (setupTarget)',
      ],
    },
  },
  check(project, context) {
    for (const slo of project.slos) {
      if (slo.variant === 'pitometer') continue;
      for (const o of slo.objectives) {
        if (o.pass.length === 0) continue;
        const t = translateObjective(o);
        // an invalid pass criterion is slo-invalid-criterion's: Keptn v1 failed the whole evaluation
        if (t.differing.length === 0 || t.sets.invalidPass.length > 0) continue;
        const loss = t.losses.find((l) => l.values !== undefined && l.at === o.src);
        context.report({
          message: `objective "${o.sli}": no KLT operator pair gives Keptn v1's verdict for every value; the closest translation differs at ${loss?.values ?? 'some values'}`,
          at: o.src.at('sli'),
        });
      }
    }
  },
});
