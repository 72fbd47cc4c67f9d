import { defineRule } from '../engine/rule.js';
import type { DynatraceConf } from '../model/types.js';
import { dynatraceConfFor, q, scopesMeet, scopeWords, standardSlos } from './lib/quality-gates.js';

function dashboardWords(conf: DynatraceConf): string {
  const d = (conf.dashboard ?? '').trim();
  return d === 'query'
    ? `${conf.src.file.displayPath} sets dashboard: query (dynatrace-service searched for the dashboard named KQG;project=...;service=...;stage=...)`
    : `${conf.src.file.displayPath} sets dashboard: ${q(d)}`;
}

export default defineRule({
  id: 'slo-dashboard-generated',
  meta: {
    description: 'SLOs come from a Dynatrace dashboard (generated slo.yaml or dynatrace.conf.yaml with dashboard: set)',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'In dashboard mode dynatrace-service read SLIs and SLOs from the tiles of a Dynatrace dashboard on every evaluation ' +
        '(titles like `sli=rt_p95;pass=<600;key=true`) and wrote the result into slo.yaml, overwriting what was there. The ' +
        'dashboard is the source of truth: an slo.yaml in the repository may be stale, and a service with `dashboard:` set may ' +
        'have no slo.yaml at all. KLT has no dashboard mode: the AnalysisDefinition and AnalysisValueTemplates are static ' +
        'resources. Generated files are recognised by `spec_version: ""` and every objective carrying displayName, weight and key_sli.',
      instead:
        'Freeze the definition first: run one last evaluation so dynatrace-service writes the current slo.yaml (or export the ' +
        'dashboard\'s tiles), commit it, set `dashboard: ""` in dynatrace.conf.yaml, then convert the files. Keep the dashboard ' +
        'for visualisation only.',
      sources: [
        'keptn-contrib/dynatrace-service@3da42c7 documentation/slis-via-dashboard.md',
        'keptn-contrib/dynatrace-service@3da42c7 documentation/dynatrace-conf-yaml-file.md (dashboard)',
        'keptn-contrib/dynatrace-service@3da42c7 internal/keptn/config_client.go (UploadSLOs)',
      ],
    },
  },
  check(project, context) {
    const slos = standardSlos(project);
    for (const slo of slos) {
      const conf = dynatraceConfFor(project, slo.scope);
      const fromConf = conf?.dashboard?.trim() ? conf : undefined;
      if (slo.variant !== 'dashboard-generated' && !fromConf) continue;
      const reason = fromConf
        ? dashboardWords(fromConf)
        : 'this file has the shape dynatrace-service wrote in dashboard mode (spec_version "" and every field filled in)';
      context.report({
        message:
          `SLO for ${scopeWords(slo.scope)} comes from a Dynatrace dashboard: ${reason}; the dashboard is the source of truth ` +
          'and KLT has no dashboard mode: freeze the current definition into slo.yaml/sli.yaml, set dashboard: "", then convert',
        at: { ref: slo.src.at('objectives'), target: 'key' },
      });
    }
    for (const conf of project.dynatraceConfs) {
      if (!conf.dashboard?.trim()) continue;
      if (slos.some((s) => scopesMeet(s.scope, conf.scope) && dynatraceConfFor(project, s.scope) === conf)) continue;
      context.report({
        message:
          `dashboard mode for ${scopeWords(conf.scope)}: dynatrace-service took the SLIs and SLOs from a Dynatrace dashboard and ` +
          'no slo.yaml in this repository holds them; export the dashboard\'s definition into slo.yaml/sli.yaml before converting',
        at: conf.src.at('dashboard'),
      });
    }
  },
});
