import { defineRule } from '../engine/rule.js';
import { isDict } from '../core/values.js';
import { KLT_PROVIDERS } from '../formats/sli.js';
import type { Indicator } from '../model/types.js';
import { KLT_PROVIDER_LIST, KNOWN_V1_PROVIDERS, q, sliProviderOf } from './lib/quality-gates.js';

function shape(query: unknown): string | undefined {
  if (typeof query === 'string') return undefined;
  if (isDict(query)) return `a map (${Object.keys(query).slice(0, 4).join(', ')}), not a query string`;
  if (query === null || query === undefined) return 'empty';
  return `a ${Array.isArray(query) ? 'list' : typeof query}, not a query string`;
}

export default defineRule({
  id: 'sli-provider-unsupported',
  meta: {
    description: 'An sli.yaml belongs to an SLI provider KLT has no KeptnMetricsProvider type for (or its provider is unknown)',
    pack: 'keptn',
    category: 'integrations',
    severity: 'blocker',
    fix: 'none',
    effort: 7,
    docs: {
      why:
        'KLT queries metrics through KeptnMetricsProvider resources whose `type` is one of prometheus, dynatrace, dql, datadog, ' +
        'thanos, cortex or elastic (2.5.0). Keptn v1 SLI providers such as neoload, splunk, sumologic, newrelic, wavefront or ' +
        'a custom service have no counterpart, so their queries cannot become AnalysisValueTemplates. NeoLoad-style indicators ' +
        'are maps rather than query strings and cannot be converted for any provider. When the provider cannot be told from the ' +
        'folder, the query syntax or the lighthouse-config ConfigMap, the file is reported as unknown.',
      instead:
        'Move the metric to a supported backend (e.g. export it to Prometheus) and write the query for that provider, or run the ' +
        'check as a KeptnTaskDefinition (container runtime) that calls the tool\'s API and fails the task when the objective is ' +
        'not met.',
      sources: [
        'keptn/lifecycle-toolkit metrics-operator/config/crd/bases/metrics.keptn.sh_keptnmetricsproviders.yaml@keptn-v2.5.0 (spec.type pattern)',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/converter/sli_converter.go (indicators: map<string,string>)',
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/common.go (sli-provider from lighthouse-config)',
      ],
    },
  },
  check(project, context) {
    for (const sli of project.slis) {
      if (sli.pitometer) continue;
      const { provider, how } = sliProviderOf(project, sli);
      const odd = sli.indicators.filter((i) => shape(i.query) !== undefined);
      if (!KLT_PROVIDERS.has(provider)) {
        const maps = sli.indicators.filter((i) => isDict(i.query)).length;
        const mapNote = maps > 0 ? `; ${maps} of its indicators are maps (NeoLoad style), not query strings` : '';
        const message =
          provider === 'unknown'
            ? `the SLI provider of this sli.yaml is unknown (${how})${mapNote}: ` +
              `KLT KeptnMetricsProvider types are ${KLT_PROVIDER_LIST}; find out which service answered it and rewrite the queries for a supported provider`
            : `sli.yaml of provider ${q(provider)} (${how}${KNOWN_V1_PROVIDERS.has(provider) ? '' : ', not a known SLI provider name'})${mapNote}: ` +
              `KLT has no KeptnMetricsProvider type for it (supported: ${KLT_PROVIDER_LIST}); move the metrics to a supported backend or check them from a KeptnTaskDefinition`;
        context.report({ message, at: { ref: sli.src.at('indicators'), target: 'key' } });
        continue;
      }
      for (const ind of odd) reportOdd(ind, provider);
    }

    function reportOdd(ind: Indicator, provider: string) {
      context.report({
        message: `indicator ${q(ind.name)} of this ${provider} sli.yaml is ${shape(ind.query) ?? ''}: an AnalysisValueTemplate needs a query string; write the ${provider} query`,
        at: ind.src,
      });
    }
  },
});
