import { defineRule } from '../engine/rule.js';
import { asArray, asString, get } from '../core/values.js';
import { rawAt } from './lib/quality-gates.js';

export default defineRule({
  id: 'slo-pitometer-format',
  meta: {
    description: 'A pre-0.6 Pitometer quality gate (service-objectives / service-indicators format)',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'blocker',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'Keptn 0.4/0.5 evaluated quality gates with Pitometer: `service-objectives.yaml` (`pass: 90`, `warning: 75`, ' +
        '`objectives: [{metric, threshold, timeframe, score}]`) and `service-indicators.yaml` (`indicators: [{metric, source, ' +
        'query}]` with `$ENVIRONMENT` and `$DURATION_MINUTES`). Keptn 0.6 replaced both with slo.yaml and `<provider>/sli.yaml`; ' +
        'no later Keptn read them, and neither keptn-migrate nor the official converters understand them.',
      instead:
        'Rewrite by hand: each indicator becomes an AnalysisValueTemplate on a KeptnMetricsProvider of its `source` (Prometheus → ' +
        'type prometheus, Dynatrace → type dynatrace) with `$DURATION_MINUTES`/`$ENVIRONMENT` as Analysis args; each objective ' +
        'becomes an AnalysisDefinition objective whose `threshold` turns into the target (`failure: {greaterThan: {fixedValue: ' +
        '<threshold>}}` for latency/error metrics; check the direction), `score` into its weight, and `pass`/`warning` into ' +
        'totalScore.passPercentage/warningPercentage. `timeframe` becomes the Analysis timeframe.',
      sources: [
        'keptn/examples@9ff28ef onboarding-carts/service-objectives.yaml, service-indicators.yaml (history, 2019)',
        'keptn/go-utils pkg/models/service_objectives.go (pre-0.6 ServiceObjectives: pass, warning, objectives[name, threshold, timeframe, score])',
      ],
    },
  },
  check(project, context) {
    for (const slo of project.slos) {
      if (slo.variant !== 'pitometer') continue;
      const objectives = asArray(rawAt(slo.src.at('objectives')));
      const metrics = objectives.map((o) => (asString(get(o, 'metric')) ?? asString(get(o, 'name')))).filter((m): m is string => !!m);
      context.report({
        message:
          `Pitometer service-objectives format (Keptn 0.4/0.5)${metrics.length ? ` with objectives ${metrics.join(', ')}` : ''}: ` +
          'no Keptn since 0.6 read it; rewrite it as an AnalysisDefinition (threshold → target, score → weight, pass/warning → totalScore)',
        at: { ref: slo.src.at('objectives'), target: 'key' },
      });
    }
    for (const sli of project.slis) {
      if (!sli.pitometer) continue;
      const sources = [...new Set(asArray(rawAt(sli.src.at('indicators'))).map((i) => asString(get(i, 'source'))).filter((s): s is string => !!s))];
      context.report({
        message:
          `Pitometer service-indicators format (Keptn 0.4/0.5)${sources.length ? ` with sources ${sources.join(', ')}` : ''}: ` +
          'no Keptn since 0.6 read it; rewrite each indicator as an AnalysisValueTemplate on a KeptnMetricsProvider of that source',
        at: { ref: sli.src.at('indicators'), target: 'key' },
      });
    }
  },
});
