import { defineRule } from '../engine/rule.js';
import { REMEDIATION_TASKS, describeSeq, isLegacy, listing, q, seqRef, sequencesOf } from './lib/shipyard.js';

export default defineRule({
  id: 'shipyard-remediation-sequence',
  meta: {
    description: 'A remediation sequence (get-action/action tasks, or a 0.1 remediation_strategy): auto-remediation has no KLT equivalent',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'blocker',
    fix: 'none',
    effort: 5,
    docs: {
      why:
        'A monitoring integration (Dynatrace, Prometheus Alertmanager) started `<stage>.remediation.triggered` for a problem; ' +
        'remediation-service picked the next action from remediation.yaml (`get-action`), an action provider executed it ' +
        '(`action`: scale, toggle a feature flag, run a job), an evaluation checked the result, and the sequence re-triggered ' +
        'itself until the problem was gone. KLT works only around deployments: nothing receives problems, picks actions or loops.',
      instead:
        'Treat it as Day 2 operations outside KLT: scale with a HorizontalPodAutoscaler or KEDA on a KeptnMetric ' +
        '(`metrics.keptn.sh` exposes KeptnMetrics through the Kubernetes custom metrics API), route the remaining problems to ' +
        'alerting/on-call (Alertmanager, PagerDuty) with runbooks, or use an event-driven automation tool (Argo Events, StackStorm) ' +
        'for the actions.\n\n```yaml\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  metrics:\n    - type: Object\n' +
        '      object:\n        metric: { name: response-time-p95 }\n        describedObject: { apiVersion: metrics.keptn.sh/v1, kind: KeptnMetric, name: response-time-p95 }\n' +
        '        target: { type: Value, value: "500" }\n```',
      sources: [
        'keptn/keptn.github.io@286e5f9 content/docs/1.0.x/define/remediation-sequence',
        'keptn/keptn@318a3d5 remediation-service/handler/get_action_event_handler.go',
        'keptn/spec@0.1.7 shipyard.md (remediation_strategy)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (Remediation)',
        'keptn/lifecycle-toolkit docs/docs/use-cases/day-2-operations.md@keptn-v2.5.0',
      ],
    },
  },
  check(project, context) {
    for (const v of sequencesOf(project)) {
      const tasks = [...new Set(v.seq.tasks.map((t) => t.name).filter((n) => REMEDIATION_TASKS.has(n)))];
      if (tasks.length === 0) continue;
      const what = isLegacy(v.shipyard)
        ? `${describeSeq(v)} enables remediation_strategy ${q(v.stage.legacy?.remediationStrategy ?? '')} (auto-remediation from remediation.yaml)`
        : `${describeSeq(v)} runs ${listing(tasks.map(q))} (auto-remediation from remediation.yaml)`;
      context.report({
        message:
          `${what}; KLT has no remediation loop: use Day 2 tooling instead (KeptnMetric with HPA or KEDA for scaling, ` +
          'alerting and runbooks for the rest)',
        at: seqRef(v),
      });
    }
  },
});
