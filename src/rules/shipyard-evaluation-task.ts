import { defineRule } from '../engine/rule.js';
import { REMEDIATION_TASKS, describeTask, propString, q, taskRef, tasksOf } from './lib/shipyard.js';

export default defineRule({
  id: 'shipyard-evaluation-task',
  meta: {
    description: 'An evaluation task (quality gate): becomes a KLT post-deployment evaluation or an Analysis',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'info',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'The `evaluation` task made lighthouse-service fetch the SLIs of the service\'s slo.yaml for a time frame (the ' +
        '`timeframe` property back from the task start, or the start/end of the preceding test) and score them. In KLT the same ' +
        'check is a KeptnEvaluationDefinition run as a post-deployment evaluation (simple thresholds on KeptnMetrics) or an ' +
        'Analysis against an AnalysisDefinition (weights, warning band, total score, explicit time frame). keptn-migrate converts ' +
        'the slo.yaml/sli.yaml of the service; the quality-gates rules report what does not carry over. The evaluation of a ' +
        'remediation sequence is left to shipyard-remediation-sequence.',
      instead:
        'Reference the converted definition from the workload: `keptn.sh/post-deployment-evaluations: carts-slo`, or create an ' +
        'Analysis after the deployment:\n\n```yaml\napiVersion: metrics.keptn.sh/v1\nkind: Analysis\nmetadata:\n  name: carts-1-2-3\n' +
        'spec:\n  analysisDefinition: { name: carts-slo }\n  timeframe:\n    recent: 5m\n  args: { service: carts }\n```',
      sources: [
        'keptn/spec shipyard.md (Reserved Keptn Tasks: evaluation)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (task: evaluation)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/metrics-observe.md@keptn-v2.5.0',
        'keptn/lifecycle-toolkit metrics-operator/api/v1/analysis_webhook.go@keptn-v2.5.0 (timeframe)',
      ],
    },
  },
  check(project, context) {
    for (const v of tasksOf(project)) {
      if (v.task.name !== 'evaluation') continue;
      // the evaluation of a remediation loop goes with the loop (shipyard-remediation-sequence)
      if (v.seq.tasks.some((t) => REMEDIATION_TASKS.has(t.name))) continue;
      const timeframe = propString(v.task, 'timeframe');
      const afterDeployment = v.seq.tasks.some((t) => t.name === 'deployment' && t.index < v.task.index);
      const target = afterDeployment
        ? 'a post-deployment evaluation (KeptnEvaluationDefinition) or an Analysis'
        : 'an Analysis that you create when the quality gate is wanted';
      const tf = timeframe === undefined ? '' : ` with timeframe ${q(timeframe)}`;
      const recent = timeframe === undefined ? '' : ` (Analysis spec.timeframe.recent: ${timeframe})`;
      context.report({
        message: `${describeTask(v)}${tf}: lighthouse-service evaluated slo.yaml; in KLT it becomes ${target}${recent}`,
        at: taskRef(v),
      });
    }
  },
});
