import { inProject } from '../model/project.js';
import { lookup } from '../core/values.js';
import { defineRule } from '../engine/rule.js';
import { KLT_PROVIDERS, PROVIDER_PLACEHOLDERS, findPlaceholders } from '../formats/sli.js';
import type { SliFile } from '../model/types.js';
import { q, sliProviderOf, scopesMeet, standardSlos } from './lib/quality-gates.js';

const CONTEXT_ARGS = new Set(['PROJECT', 'STAGE', 'SERVICE', 'project', 'stage', 'service']);
const EVENT_FIELDS: Record<string, string> = {
  CONTEXT: 'the Keptn context ID',
  EVENT: 'the ID of the triggering event',
  SOURCE: 'the source of the triggering event',
  TESTSTRATEGY: 'the test strategy of the sequence',
};
const LABEL_PROVIDERS = new Set(['prometheus', 'dynatrace']);
const FILTER_PROVIDERS = new Set(['prometheus', 'dynatrace']);

/** message tail and severity for one placeholder, or undefined when nothing needs saying */
function explain(name: string, provider: string, filters: Map<string, string>): { text: string; info?: boolean } {
  const known = PROVIDER_PLACEHOLDERS[provider];
  const arg = name.toLowerCase();
  if (CONTEXT_ARGS.has(name) && (!known || known.has(name))) {
    return { text: `maps to an Analysis argument: {{.${arg}}} in the AnalysisValueTemplate query and args: {${arg}: ...} in each Analysis`, info: true };
  }
  const filterKey = FILTER_PROVIDERS.has(provider) ? [...filters.keys()].find((k) => k === name || k.toUpperCase() === name) : undefined;
  if (filterKey !== undefined) {
    return { text: `came from the SLO filter ${filterKey}: ${q(filters.get(filterKey))}; KLT has no SLO filter: pass it as an Analysis argument ({{.${filterKey}}})` };
  }
  if (name === 'DURATION_SECONDS' && provider === 'prometheus') {
    return { text: 'was the evaluation timeframe with its unit ("300s"): write {{.duration}} and pass the timeframe with its unit as an Analysis argument (args: {duration: "5m"}); the official converter produces {{.duration}}_SECONDS' };
  }
  if (name === 'DURATION' && provider === 'datadog') {
    return { text: 'was the evaluation timeframe in bare seconds ("300"): write {{.duration}} and pass the seconds without a unit as an Analysis argument' };
  }
  if (name === 'DEPLOYMENT' && known?.has(name)) {
    return { text: 'was the Keptn deployment name (primary, canary, direct or user_managed): KLT has no such names; use the label value your workloads carry or an Analysis argument' };
  }
  const event = lookup(EVENT_FIELDS, name);
  if (event && known?.has(name)) return { text: `was ${event}: KLT has no Keptn events; pass a value as an Analysis argument or remove it` };
  if (name.startsWith('LABEL.') && LABEL_PROVIDERS.has(provider)) {
    const label = name.slice('LABEL.'.length);
    return { text: `was the Keptn event label ${q(label)}: KLT has no event labels; pass it as an Analysis argument ({{.${label}}}); the official converter produces {{.label}}.${label}` };
  }
  if (name.startsWith('ENV.') && provider === 'dynatrace') {
    return { text: 'was read from the environment of dynatrace-service: hardcode the value or pass it as an Analysis argument' };
  }
  if (!known) {
    return { text: `is not a placeholder keptn-migrate knows for ${provider}: check what the Keptn v1 SLI service replaced and make it an Analysis argument` };
  }
  const prefix = [...known].filter((k) => name.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  if (prefix) {
    return { text: `was replaced only in part: ${provider}'s plain string replacement substituted the $${prefix} prefix and kept ${q(name.slice(prefix.length))}; write the intended template explicitly` };
  }
  return { text: `is not a placeholder ${provider} replaced: the query ran with the literal text $${name}; remove it or make it an Analysis argument` };
}

export default defineRule({
  id: 'sli-placeholder',
  meta: {
    description: 'An SLI query uses a Keptn v1 placeholder ($DURATION_SECONDS, $LABEL.x, $ENV.x, $DEPLOYMENT, filter keys, ...) that needs care',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Keptn v1 SLI providers replaced `$NAME` placeholders by plain string replacement from the get-sli event; unknown ones ' +
        'stayed in the query as text. KLT renders an AnalysisValueTemplate query as a Go template with the Analysis `args` ' +
        '(`{{.service}}`); a KeptnMetric query is static. `$PROJECT`, `$STAGE` and `$SERVICE` map one to one (info). Everything ' +
        'else has no source in KLT or a different format: `$DURATION_SECONDS` carried its `s` unit, datadog\'s `$DURATION` was ' +
        'bare seconds, `$LABEL.x` came from event labels, `$ENV.x` from dynatrace-service\'s environment, `$CONTEXT`/`$EVENT`/' +
        '`$SOURCE`/`$TESTSTRATEGY`/`$DEPLOYMENT` from the Keptn event, filter keys from the SLO\'s `filter`. The official ' +
        'converter only rewrites `$UPPER` names, producing `{{.duration}}_SECONDS` and `{{.label}}.x`.',
      instead:
        'Write `{{.name}}` in the AnalysisValueTemplate and set the value in every Analysis: ' +
        '`spec: {args: {service: carts, duration: "5m"}}`. A missing arg renders as `<no value>`.',
      sources: [
        'keptn-contrib/prometheus-service@7a5e26d utils/prometheus/prometheus.go (replaceQueryParameters)',
        'keptn-contrib/dynatrace-service@3da42c7 documentation/keptn-placeholders.md',
        'keptn-sandbox/datadog-service@10483aa eventhandlers.go (replaceQueryParameters)',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/converter/sli_converter.go',
        'https://keptn.sh/stable/docs/migrate/keptn/metrics-observe/ (Passing contextual arguments)',
      ],
    },
  },
  check(project, context) {
    const slos = standardSlos(project);
    const filtersFor = (sli: SliFile) => {
      const out = new Map<string, string>();
      for (const slo of inProject(slos, sli.scope.project)) if (scopesMeet(slo.scope, sli.scope)) for (const [k, v] of Object.entries(slo.filter)) out.set(k, v);
      return out;
    };
    for (const sli of project.slis) {
      if (sli.pitometer) continue;
      const { provider } = sliProviderOf(project, sli);
      if (!KLT_PROVIDERS.has(provider)) continue;
      const filters = filtersFor(sli);
      for (const ind of sli.indicators) {
        if (typeof ind.query !== 'string') continue;
        const seen = new Set<string>();
        for (const ph of findPlaceholders(ind.query)) {
          if (seen.has(ph.name)) continue;
          seen.add(ph.name);
          const { text, info } = explain(ph.name, provider, filters);
          context.report({
            message: `placeholder $${ph.name} in indicator ${q(ind.name)} ${text}`,
            at: ind.src,
            ...(info ? { severity: 'info' as const } : {}),
          });
        }
      }
    }
  },
});
