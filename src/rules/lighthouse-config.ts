import { defineRule } from '../engine/rule.js';

const KLT_PROVIDER_TYPES = ['prometheus', 'dynatrace', 'datadog', 'dql', 'cortex', 'thanos', 'elastic'];

export default defineRule({
  id: 'lighthouse-config',
  meta: {
    description: 'A lighthouse-config ConfigMap that selected the SLI provider of a project: becomes the KeptnMetricsProvider choice',
    pack: 'keptn',
    category: 'integrations',
    severity: 'info',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'lighthouse-service read `data.sli-provider` from the ConfigMap `lighthouse-config-<project>` (or the global `lighthouse-config`) ' +
        'to decide which SLI provider received get-sli events for a project. In KLT every KeptnMetric and AnalysisValueTemplate names its ' +
        'KeptnMetricsProvider, so this choice becomes the provider (type and name) the converted metrics point at; the ConfigMap itself ' +
        'is no longer needed.',
      instead:
        'Create one KeptnMetricsProvider of that type per namespace that runs evaluations (`spec.type: prometheus`, `targetServer`, ' +
        '`secretKeyRef`) and reference it from the converted KeptnMetrics (`spec.provider.name`). Supported types in Keptn 2.5: ' +
        `${KLT_PROVIDER_TYPES.join(', ')}; other providers need their metrics exported to one of these.`,
      sources: [
        'keptn/examples@9ff28ef onboarding-carts/lighthouse-source-*.yaml',
        'keptn/keptn@318a3d5 lighthouse-service/event_handler (K8sSLIProviderConfig: ConfigMap lighthouse-config-<project>, default lighthouse-config, key sli-provider)',
        'keptn/lifecycle-toolkit metrics-operator/api/v1/keptnmetricsprovider_types.go@keptn-v2.5.0 (type pattern)',
      ],
    },
  },
  check(project, context) {
    for (const lh of project.lighthouseConfigs) {
      const provider = lh.provider?.trim() ?? '';
      const who = lh.project ? `project ${lh.project}` : 'every project without its own lighthouse-config';
      const supported = KLT_PROVIDER_TYPES.includes(provider.toLowerCase());
      const at = lh.src.at('data', 'sli-provider').exists() ? lh.src.at('data', 'sli-provider') : lh.src.at('metadata', 'name');
      context.report({
        message: provider === ''
          ? `lighthouse-config for ${who} names no sli-provider: decide which KeptnMetricsProvider the converted metrics use`
          : supported
            ? `SLI provider "${provider}" of ${who} becomes a KeptnMetricsProvider of type ${provider.toLowerCase()} that the converted KeptnMetrics reference`
            : `SLI provider "${provider}" of ${who} has no KeptnMetricsProvider type (KLT supports ${KLT_PROVIDER_TYPES.join(', ')}): its metrics need another source`,
        at,
        severity: supported ? undefined : 'warning',
      });
    }
  },
});
