import { inProject } from '../model/project.js';
import { defineRule } from '../engine/rule.js';
import { q, scopesMeet, scopeWords, standardSlos } from './lib/quality-gates.js';

export default defineRule({
  id: 'sli-unused-indicator',
  meta: {
    description: 'An sli.yaml indicator that no SLO in its scope uses (Keptn v1 never queried it)',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'info',
    fix: 'none',
    effort: 0,
    docs: {
      why:
        'lighthouse asked the SLI provider only for the SLIs named in the service\'s slo.yaml, so an indicator no objective uses ' +
        'never ran and may be stale or broken. Converting every indicator blindly creates AnalysisValueTemplates nobody ' +
        'references. When no SLO in the repository covers the file\'s scope the rule reports once per file.',
      instead:
        'Convert only the indicators objectives use. Keep an unused one only if it is wanted for dashboards or autoscaling, as a ' +
        'KeptnMetric (`spec: {provider: {name: my-prometheus}, query: ..., fetchIntervalSeconds: 60}`).',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/start_evaluation_handler.go (computeObjectives)',
        'https://keptn.sh/stable/docs/migrate/keptn/metrics-observe/',
      ],
    },
  },
  check(project, context) {
    const slos = standardSlos(project);
    for (const sli of project.slis) {
      if (sli.pitometer || sli.indicators.length === 0) continue;
      const inScope = inProject(slos, sli.scope.project).filter((s) => scopesMeet(s.scope, sli.scope));
      if (inScope.length === 0) {
        context.report({
          message:
            `no slo.yaml for ${scopeWords(sli.scope)} in this repository uses the ${sli.indicators.length} indicators of this file: ` +
            'convert only those an SLO uses, or keep them as KeptnMetrics for dashboards',
          at: { ref: sli.src.at('indicators'), target: 'key' },
        });
        continue;
      }
      const used = new Set(inScope.flatMap((s) => s.objectives.map((o) => o.sli)));
      for (const ind of sli.indicators) {
        if (ind.name === '' || used.has(ind.name)) continue;
        context.report({
          message: `indicator ${q(ind.name)} is not used by any SLO for ${scopeWords(sli.scope)}: Keptn v1 never queried it; convert it only if needed, e.g. as a KeptnMetric for dashboards`,
          at: { ref: ind.src, target: 'key' },
        });
      }
    }
  },
});
