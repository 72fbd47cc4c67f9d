import { defineRule } from '../engine/rule.js';
import { show } from './lib/integrations.js';

export default defineRule({
  id: 'remediation-scaling-action',
  meta: {
    description: 'A remediation.yaml action of type scaling, which becomes a KeptnMetric and a HorizontalPodAutoscaler',
    pack: 'keptn',
    category: 'remediation',
    severity: 'info',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'In Keptn v1 a problem event from the monitoring tool started the remediation sequence; remediation-service picked the action ' +
        'for the problem type and an action provider (helm-service for `scaling`) changed the replica count by `value` (e.g. "+1"). KLT ' +
        'has no remediation sequence and no problem events: scaling becomes a standing autoscaling rule on the metric that used to raise the problem.',
      instead:
        'Create a KeptnMetric for the SLI behind the problem and a HorizontalPodAutoscaler (autoscaling/v2, metric type `Object` on the ' +
        'KeptnMetric, served by the Keptn metrics adapter) or a KEDA ScaledObject reading it. `keptn-migrate migrate` can generate the pair:\n\n' +
        '```yaml\napiVersion: metrics.keptn.sh/v1\nkind: KeptnMetric\nmetadata: { name: response-time-p95, namespace: carts }\n' +
        'spec: { provider: { name: prometheus }, query: "histogram_quantile(0.95, ...)", fetchIntervalSeconds: 10 }\n```',
      sources: [
        'keptn/keptn@318a3d5 remediation-service/handler/get_action_event_handler.go',
        'keptn/spec@d1367d7 remediation.md',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (Remediation: KeptnMetric-driven HPA)',
        'keptn/lifecycle-toolkit docs/docs/use-cases/hpa.md, docs/docs/use-cases/assets/hpa/hpa.yaml (HPA metric type Object on a KeptnMetric)',
        'keptn/lifecycle-toolkit docs/docs/use-cases/keda.md (KEDA ScaledObject reading a KeptnMetric)',
      ],
    },
  },
  check(project, context) {
    for (const remediation of project.remediations) {
      for (const problem of remediation.problems) {
        for (const action of problem.actions) {
          if (action.action.trim() !== 'scaling') continue;
          context.report({
            message:
              `problem type "${problem.problemType}" is remediated by scaling with value ${show(action.value)}: create a KeptnMetric for ` +
              'the SLI that raised this problem and a HorizontalPodAutoscaler (or KEDA ScaledObject) reading it; keptn-migrate migrate can generate them',
            at: action.src.at('action'),
          });
        }
      }
    }
  },
});
