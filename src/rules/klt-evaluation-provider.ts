import { asArray, asString, get } from '../core/values.js';
import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'klt-evaluation-provider',
  meta: {
    description: 'A KeptnEvaluationProvider, or a KeptnEvaluationDefinition with source and inline queries (v1alpha1/v1alpha2)',
    pack: 'keptn',
    category: 'klt-upgrade',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Early KLT (0.3-0.6) evaluated inline queries: a KeptnEvaluationDefinition named a `source` (a KeptnEvaluationProvider in ' +
        'lifecycle.keptn.sh) and each objective carried its own `query`. KLT 0.7 moved queries into KeptnMetric resources and providers to ' +
        'KeptnMetricsProvider (metrics.keptn.sh); objectives reference a metric with `keptnMetricRef`. Since Keptn 0.10 the Helm chart no ' +
        'longer installs the KeptnEvaluationProvider CRD.',
      instead:
        'Rewrite the provider as `apiVersion: metrics.keptn.sh/v1, kind: KeptnMetricsProvider, spec: {type: prometheus, targetServer: ' +
        '"http://prometheus-k8s.monitoring:9090", secretKeyRef: {name: prom-creds, key: password}}` (KLT\'s migration script renames the ' +
        'kind and apiVersion); create one KeptnMetric per objective (`spec.provider.name`, `spec.query`, `spec.fetchIntervalSeconds`) and ' +
        'reference it: `objectives: [{keptnMetricRef: {name: available-cpus}, evaluationTarget: ">1"}]`.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 .github/scripts/keptnevaluationprovider_migrator.sh',
        'keptn/lifecycle-toolkit@klt-v0.9.0 lifecycle-operator/config/crd/bases (KeptnEvaluationDefinition v1alpha1/v1alpha2 source + query)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 CHANGELOG.md 0.10.0 ("clean up deprecated API resources from helm charts")',
      ],
    },
  },
  check(project, context) {
    for (const r of project.kltResources) {
      const name = r.name ? ` "${r.name}"` : '';
      if (r.kind === 'KeptnEvaluationProvider') {
        const type = asString(r.spec.type) ?? r.name ?? 'prometheus';
        context.report({
          message: `KeptnEvaluationProvider${name} (${r.apiVersion}) was replaced by KeptnMetricsProvider (metrics.keptn.sh/v1) in KLT 0.7 and is no longer installed: rewrite it with spec.type "${type}", spec.targetServer and spec.secretKeyRef`,
          at: r.src.at('kind'),
        });
      } else if (r.kind === 'KeptnEvaluationDefinition' && 'source' in r.spec) {
        const objectives = asArray(r.spec.objectives).filter((o) => get(o, 'query') !== undefined).length;
        context.report({
          message: `KeptnEvaluationDefinition${name} reads source "${asString(r.spec.source) ?? ''}" with ${objectives} inline ${objectives === 1 ? 'query' : 'queries'}: since KLT 0.7 each objective references a KeptnMetric (keptnMetricRef) that holds the query and its KeptnMetricsProvider`,
          at: { ref: r.src.at('spec', 'source'), target: 'key' },
        });
      }
    }
  },
});
