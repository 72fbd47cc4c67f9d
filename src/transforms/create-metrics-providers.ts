import { lookup } from '../core/values.js';
import { defineTransform } from '../engine/transform.js';
import { gatePlan } from '../gates/plan.js';
import type { MigrationProject } from '../model/project.js';

const DEFAULT_SERVER: Record<string, string> = {
  prometheus: 'http://REPLACE-ME.prometheus.example:9090',
  thanos: 'http://REPLACE-ME.thanos.example:9090',
  cortex: 'http://REPLACE-ME.cortex.example:9009',
  dynatrace: 'https://REPLACE-ME.live.dynatrace.com',
  dql: 'https://REPLACE-ME.apps.dynatrace.com',
  datadog: 'https://api.datadoghq.com',
};

/** KLT's providers read these keys of the secret (klt-targets.md §2.2) */
const SECRET_KEY: Record<string, string> = { dynatrace: 'DT_API_TOKEN', dql: 'DT_API_TOKEN', datadog: 'DD_CLIENT_API_KEY' };

export default defineTransform({
  id: 'create-metrics-providers',
  meta: {
    description: 'One KeptnMetricsProvider per SLI provider a project uses',
    pack: 'keptn',
    safety: 'safe',
    produces: ['KeptnMetricsProvider'],
    phase: 'resources',
    docs: {
      converts: 'the SLI provider integration (prometheus-service, dynatrace-service, datadog-service) and its config: dynatrace.conf.yaml `dtCreds` → secretKeyRef',
      loses: 'the server URL (not in the repository: a REPLACE-ME placeholder and a manual step); dynatrace.conf.yaml attachRules and dashboards',
    },
  },
  run(project: MigrationProject, ctx) {
    const plan = gatePlan(project, ctx.appName);
    for (const p of plan.providers) {
      const dtConf = project.dynatraceConfs.find((c) => c.scope.project === p.project && !c.scope.stage && !c.scope.service) ?? project.dynatraceConfs.find((c) => c.scope.project === p.project);
      const spec: Record<string, unknown> = { type: p.provider, targetServer: lookup(DEFAULT_SERVER, p.provider) ?? 'REPLACE-ME' };
      const secretKey = lookup(SECRET_KEY, p.provider);
      if (secretKey) {
        const secret = p.provider === 'dynatrace' || p.provider === 'dql' ? (dtConf?.dtCreds ?? 'dynatrace') : p.provider;
        spec.secretKeyRef = { name: secret, key: secretKey };
      }
      const name = ctx.uniqueName(p.app, 'KeptnMetricsProvider', p.provider);
      ctx.emit({
        app: p.app,
        origin: `the ${p.provider} SLI provider of project ${p.project || '.'}${dtConf ? ` (${dtConf.src.file.displayPath})` : ''}`,
        resource: { apiVersion: ctx.profile.apiVersion('KeptnMetricsProvider'), kind: 'KeptnMetricsProvider', metadata: { name }, spec },
      });
      const at = dtConf?.src ?? { file: `${ctx.options.outDir}/${p.app}/keptnmetricsprovider-${name}.yaml`, line: 1, column: 1 };
      ctx.manual(at, `set targetServer of KeptnMetricsProvider "${name}" to your ${p.provider} endpoint (the Keptn v1 integration kept it outside the repository)`, `targetServer: ${lookup(DEFAULT_SERVER, p.provider) ?? ''}`);
    }
  },
});
