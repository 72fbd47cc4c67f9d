import { defineRule } from '../engine/rule.js';
import { translateScore } from '../gates/translate-score.js';

export default defineRule({
  id: 'slo-score-threshold-not-exact',
  meta: {
    description: 'total_score thresholds that KLT\'s whole-number passPercentage/warningPercentage cannot reproduce for the scores this SLO can produce',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'AnalysisDefinition.totalScore takes whole percentages with warningPercentage strictly below passPercentage (webhook). ' +
        'Keptn v1 accepted any number (`92.5%`) and an optional warning threshold (without one, every score below pass ' +
        'failed). Only the total scores the objectives\' weights can actually produce matter, so keptn-migrate looks for ' +
        'whole numbers that classify every achievable score the same way; this rule fires only where none exists.',
      instead:
        'Accept the listed scores changing verdict, or change the weights or thresholds so that an exact whole percentage exists.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (calculateScore)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 metrics-operator/api/v1/analysisdefinition_webhook.go (warningPercentage < passPercentage)',
      ],
    },
  },
  check(project, context) {
    for (const slo of project.slos) {
      if (slo.variant === 'pitometer' || !slo.totalScore) continue;
      const scored = slo.objectives.filter((o) => o.pass.length > 0);
      if (scored.length === 0) continue;
      const t = translateScore(slo, scored.map((o) => o.weight));
      for (const loss of t.losses) {
        if (!loss.values) continue;
        context.report({ message: `${loss.reason}: total scores ${loss.values}`, at: slo.totalScore.src });
      }
    }
  },
});
