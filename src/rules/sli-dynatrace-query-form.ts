import { defineRule } from '../engine/rule.js';
import type { Severity } from '../core/types.js';
import { q, sliProviderOf } from './lib/quality-gates.js';

const UNSUPPORTED: Record<string, string> = {
  'SLO;': 'reads a Dynatrace SLO through the SLO API (evaluatedPercentage)',
  'PV2;': 'counts problems through the Problems API v2',
  'SECPV2;': 'counts security problems through the Security problems API',
  'USQL;': 'runs a user session query (USQL)',
};

function classify(query: string): { severity: Severity; text: string } | undefined {
  const s = query.trim();
  for (const [prefix, what] of Object.entries(UNSUPPORTED)) {
    if (s.startsWith(prefix)) {
      return {
        severity: 'blocker',
        text: `starts with ${q(prefix)}: it ${what}; KLT's dynatrace provider only runs metrics v2 selectors (and the dql type runs DQL): rewrite it as a metric selector or a DQL query, or check it from a KeptnTaskDefinition`,
      };
    }
  }
  const mv2 = /^MV2;([A-Za-z]+);/.exec(s);
  if (mv2) {
    const unit = mv2[1] ?? '';
    const target = unit === 'Byte' ? 'KiloByte' : 'MilliSecond';
    return {
      severity: 'warning',
      text: `starts with ${q(mv2[0])}: dynatrace-service converted the result from ${unit} to ${target}; KLT's dynatrace provider converts nothing: drop the prefix and append :toUnit(${unit},${target}) to the metricSelector, or restate the thresholds in ${unit}`,
    };
  }
  if (!/metricSelector=/.test(s) && /\?scope=/.test(s)) {
    return {
      severity: 'warning',
      text: 'is a metrics API v1 query (metric?scope=...): KLT\'s dynatrace provider calls the metrics API v2: rewrite it as metricSelector=<metric>&entitySelector=<scope as entity selector, with type(...)>',
    };
  }
  if (/builtin:service\.response\.time/.test(s) && !/:toUnit\(/.test(s)) {
    return {
      severity: 'warning',
      text: 'selects builtin:service.response.time, which dynatrace-service converted from microseconds to milliseconds; KLT\'s dynatrace provider returns microseconds: append :toUnit(MicroSecond,MilliSecond) to the metricSelector or restate the thresholds in microseconds',
    };
  }
  return undefined;
}

export default defineRule({
  id: 'sli-dynatrace-query-form',
  meta: {
    description: 'A Dynatrace SLI query uses a form KLT\'s dynatrace provider does not run as-is (SLO;, PV2;, SECPV2;, USQL;, MV2; prefixes, metrics v1)',
    pack: 'keptn',
    category: 'integrations',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'dynatrace-service accepted several query forms: metrics v2 selectors (the default), `MV2;<unit>;` unit conversion, ' +
        '`SLO;<id>`, `PV2;` problems, `SECPV2;` security problems, `USQL;` user session queries and legacy metrics v1 ' +
        '`metric?scope=...`, and it converted builtin:service.response.time from µs to ms on its own. KLT\'s dynatrace ' +
        'KeptnMetricsProvider sends the query to the metrics v2 API (`metricSelector=...&entitySelector=...`) and the `dql` type ' +
        'runs DQL; nothing else, and no unit conversion. SLO/problem/security/USQL queries are blockers, the rest warnings.',
      instead:
        'Use the metrics v2 form in the AnalysisValueTemplate: `query: "metricSelector=builtin:service.response.time:percentile(95)' +
        ':toUnit(MicroSecond,MilliSecond)&entitySelector=type(SERVICE),tag(app:{{.service}})"`. For problems and SLOs use a DQL ' +
        'query with a `dql` provider or a KeptnTaskDefinition that calls the API.',
      sources: [
        'keptn-contrib/dynatrace-service@3da42c7 documentation/slis-via-files.md (query prefixes, response time conversion)',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/controllers/common/providers/dynatrace',
        'https://docs.dynatrace.com/docs/dynatrace-api/environment-api/metric-v2/metric-selector (toUnit transformation)',
      ],
    },
  },
  check(project, context) {
    for (const sli of project.slis) {
      if (sli.pitometer) continue;
      const { provider } = sliProviderOf(project, sli);
      if (provider !== 'dynatrace') continue;
      for (const ind of sli.indicators) {
        if (typeof ind.query !== 'string') continue;
        const found = classify(ind.query);
        if (!found) continue;
        context.report({ message: `query of indicator ${q(ind.name)} ${found.text}`, at: ind.src, severity: found.severity });
      }
    }
  },
});
