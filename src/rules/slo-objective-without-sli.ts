import { inProject } from '../model/project.js';
import { defineRule } from '../engine/rule.js';
import {
  DEFAULT_SLI_NAMES,
  PROVIDERS_WITH_DEFAULTS,
  configuredProviders,
  dynatraceConfFor,
  q,
  scopeWords,
  sliFilesFor,
  standardSlos,
} from './lib/quality-gates.js';

export default defineRule({
  id: 'slo-objective-without-sli',
  meta: {
    description: 'An SLO objective names an SLI that no sli.yaml in its scope defines (and that is not a provider default)',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'Each AnalysisDefinition objective references an AnalysisValueTemplate that holds the query; keptn-migrate builds them from ' +
        'the sli.yaml files a service sees after Keptn v1\'s project → stage → service merge. An objective whose SLI is defined ' +
        'nowhere in the repository cannot be converted: the query lives elsewhere (the Keptn configuration repository, another ' +
        'repository) or never existed (Keptn v1 then got no value and failed the objective). prometheus-service and ' +
        'dynatrace-service answered throughput, error_rate and response_time_p50/p90/p95 without an sli.yaml; those are taken ' +
        'into account when the project uses one of them. When the project has no sli.yaml at all the rule reports once per SLO.',
      instead:
        'Add the missing query to the matching `<provider>/sli.yaml` (or write the AnalysisValueTemplate directly: ' +
        '`spec: {provider: {name: my-prometheus}, query: "sum(rate(http_requests_total{service=\\"{{.service}}\\"}[5m]))"}`), or ' +
        'remove the objective.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/start_evaluation_handler.go (computeObjectives: only SLIs named in slo.yaml are requested)',
        'keptn-contrib/prometheus-service@7a5e26d utils/prometheus/prometheus.go (default SLI queries)',
        'keptn-contrib/dynatrace-service@3da42c7 documentation/slis-via-files.md (default SLIs)',
        'https://keptn.sh/stable/docs/migrate/keptn/metrics-observe/',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      if (slo.variant === 'dashboard-generated' || dynatraceConfFor(project, slo.scope)?.dashboard) continue;
      const providers = configuredProviders(project, slo.scope);
      const defaults = [...providers].some((p) => PROVIDERS_WITH_DEFAULTS.has(p)) ? new Set(DEFAULT_SLI_NAMES) : new Set<string>();
      const missing = (names: Set<string>) => slo.objectives.filter((o) => o.sli !== '' && !names.has(o.sli) && !defaults.has(o.sli));

      const projectHasSli = inProject(project.slis, slo.scope.project).some((s) => !s.pitometer);
      if (!projectHasSli) {
        const names = [...new Set(missing(new Set()).map((o) => o.sli))];
        if (names.length === 0) continue;
        const builtIn = providers.size === 0 && names.some((n) => DEFAULT_SLI_NAMES.includes(n))
          ? ' (throughput, error_rate and response_time_p50/p90/p95 were built into prometheus-service and dynatrace-service; nothing here says which provider the project used)'
          : '';
        context.report({
          message:
            `no sli.yaml in this project defines the SLIs of this SLO (${names.join(', ')}): the queries live outside this repository${builtIn}; ` +
            'KLT needs one AnalysisValueTemplate per SLI, add the sli.yaml files before converting',
          at: { ref: slo.src.at('objectives'), target: 'key' },
        });
        continue;
      }
      const files = sliFilesFor(project, slo.scope);
      const defined = new Set(files.flatMap((f) => f.indicators.map((i) => i.name)));
      const checked = [...new Set(files.map((f) => f.provider))].sort();
      const where = scopeWords(slo.scope);
      for (const o of missing(defined)) {
        context.report({
          message:
            `SLI ${q(o.sli)} of this objective is defined by no sli.yaml for ${where} ` +
            `(${checked.length ? `providers checked: ${checked.join(', ')}` : 'no sli.yaml applies to this scope'}); ` +
            'unless the query lived outside this repository Keptn v1 got no value for it; keptn-migrate has no query to build its AnalysisValueTemplate from',
          at: o.src.at('sli'),
        });
      }
    }
  },
});
