import { asArray, get } from '../core/values.js';
import { defineRule } from '../engine/rule.js';
import { describeScope } from '../model/project.js';
import { firstKey, keyTarget } from './lib/integrations.js';

export default defineRule({
  id: 'dynatrace-conf',
  meta: {
    description: 'A dynatrace-service dynatrace.conf.yaml: becomes a KeptnMetricsProvider of type dynatrace',
    pack: 'keptn',
    category: 'integrations',
    severity: 'info',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'dynatrace.conf.yaml told dynatrace-service which Secret holds the tenant URL and API token (`dtCreds`, default "dynatrace", keys ' +
        'DT_TENANT and DT_API_TOKEN), whether SLIs and SLOs come from a dashboard (`dashboard`), and which entities get Keptn events ' +
        '(`attachRules`). In KLT the metrics-operator queries Dynatrace itself through a KeptnMetricsProvider; there are no events to ' +
        'attach and no dashboard parsing.',
      instead:
        '```yaml\napiVersion: metrics.keptn.sh/v1\nkind: KeptnMetricsProvider\nmetadata: { name: dynatrace, namespace: carts }\nspec:\n' +
        '  type: dynatrace\n  targetServer: https://<tenant>.live.dynatrace.com   # the DT_TENANT of the dtCreds Secret\n' +
        '  secretKeyRef: { name: dynatrace, key: DT_API_TOKEN }\n```\n\nA dashboard-driven setup (`dashboard:` set) has its SLIs and ' +
        'SLO in Dynatrace tiles, not in files: export them by hand into KeptnMetrics / AnalysisValueTemplates and an AnalysisDefinition. ' +
        '`attachRules` have no equivalent (KLT sends no events to Dynatrace; use its OpenTelemetry traces instead).',
      sources: [
        'keptn-contrib/dynatrace-service@3da42c7 documentation/dynatrace-conf-yaml-file.md',
        'keptn/lifecycle-toolkit metrics-operator/api/v1/keptnmetricsprovider_types.go@keptn-v2.5.0 (type, targetServer, secretKeyRef)',
        'keptn/lifecycle-toolkit metrics-operator/controllers/common/providers/dynatrace@keptn-v2.5.0 (reads data[key] as the token)',
      ],
    },
  },
  check(project, context) {
    for (const conf of project.dynatraceConfs) {
      const secret = conf.dtCreds && conf.dtCreds.trim() !== '' ? conf.dtCreds : 'dynatrace';
      const scope = describeScope(conf.scope);
      context.report({
        message:
          `dynatrace.conf.yaml (${scope}) becomes a KeptnMetricsProvider of type dynatrace with targetServer from DT_TENANT and ` +
          `secretKeyRef {name: ${secret}, key: DT_API_TOKEN}` +
          (conf.dtCreds === undefined ? ' (dtCreds absent: the default Secret "dynatrace")' : conf.dtCreds.trim() === '' ? ' (dtCreds empty: the default Secret "dynatrace")' : ''),
        at: conf.dtCreds !== undefined ? conf.src.at('dtCreds') : firstKey(conf.src),
      });
      const dashboard = conf.dashboard?.trim() ?? '';
      if (dashboard !== '') {
        context.report({
          message:
            `dashboard ${dashboard === 'query' ? '"query" (looked up by name per project, stage and service)' : `"${dashboard}"`} means the SLIs and SLO ` +
            'were defined by Dynatrace dashboard tiles: export them by hand into KeptnMetrics or AnalysisValueTemplates and an AnalysisDefinition',
          at: conf.src.at('dashboard'),
          severity: 'warning',
        });
      }
      const rules = asArray(get(conf.src.doc.value, ...conf.src.path, 'attachRules'));
      if (rules.length > 0) {
        context.report({
          message: `attachRules (${rules.length} rule${rules.length === 1 ? '' : 's'}) chose the Dynatrace entities that received Keptn events: KLT sends no events to Dynatrace, so they have no equivalent`,
          at: keyTarget(conf.src, 'attachRules'),
        });
      }
    }
  },
});
