import { defineTransform } from '../engine/transform.js';
import { gatePlan } from '../gates/plan.js';
import type { MigrationProject } from '../model/project.js';

export default defineTransform({
  id: 'convert-slis-to-analysis-value-templates',
  meta: {
    description: 'One AnalysisValueTemplate per distinct SLI query used by an SLO, with Keptn v1 placeholders as Go template variables',
    pack: 'keptn',
    safety: 'safe',
    produces: ['AnalysisValueTemplate'],
    phase: 'resources',
    docs: {
      converts:
        'sli.yaml indicators after the project → stage → service merge; $PROJECT/$STAGE/$SERVICE/$DEPLOYMENT → {{.project}}…, prometheus $DURATION_SECONDS → {{.duration}} (with its "s"), datadog $DURATION → {{.duration_seconds}}, $LABEL.x → {{.label_x}}, SLO filter keys → {{.filter_key}}',
      loses: 'dynatrace MV2 unit prefixes and event placeholders ($CONTEXT, $EVENT, $SOURCE, $TESTSTRATEGY, $ENV.x); indicators no SLO uses are not converted',
    },
  },
  run(project: MigrationProject, ctx) {
    const plan = gatePlan(project, ctx.appName);
    for (const t of plan.templates) {
      for (const note of t.notes) ctx.loss(t.indicator.src, `SLI "${t.indicator.name}": ${note}`);
      ctx.uniqueName(t.app, 'AnalysisValueTemplate', t.name);
      ctx.emit({
        app: t.app,
        origin: `${t.indicator.src.file.displayPath} indicator "${t.indicator.name}"${t.args.size ? `; args: ${[...t.args.keys()].join(', ')}` : ''}`,
        resource: {
          apiVersion: ctx.profile.apiVersion('AnalysisValueTemplate'),
          kind: 'AnalysisValueTemplate',
          metadata: { name: t.name },
          spec: { provider: { name: t.provider }, query: t.query },
        },
      });
    }
  },
});
