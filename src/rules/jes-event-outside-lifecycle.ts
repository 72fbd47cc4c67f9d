import { defineRule } from '../engine/rule.js';
import { whyNoPhase, jobEvents } from './lib/integrations.js';

export default defineRule({
  id: 'jes-event-outside-lifecycle',
  meta: {
    description: 'A job-executor-service action subscribed to an event that has no KLT lifecycle phase (remediation, approval, .finished, wildcards)',
    pack: 'keptn',
    category: 'job-executor',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'KLT runs tasks at fixed points of a workload\'s or application\'s deployment: pre-deployment, post-deployment, pre-/post-deployment ' +
        'evaluation and promotion. A job that answered `sh.keptn.event.test.triggered` becomes a post-deployment task, but jobs on ' +
        'remediation (`action`, `get-action`), `approval`, `rollback`, `.started`/`.finished` notifications, sequence events ' +
        '(`<stage>.<sequence>.triggered`), custom tasks of sequences without a deployment, or wildcards have no such point: KLT has neither ' +
        'an event bus nor sequences to hang them on.',
      instead:
        'Decide per job: attach it to a phase anyway (`keptn.sh/post-deployment-tasks`), move it to the tool that now owns the trigger ' +
        '(alerting for remediation, the CD tool for approvals and promotion), or consume KLT\'s own signals: the KeptnConfig ' +
        '`spec.cloudEventsEndpoint` (KLT posts CloudEvents for its phases there) or the OpenTelemetry traces it emits.',
      sources: [
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (sequences not part of the lifecycle → other workflow tools)',
        'keptn/lifecycle-toolkit lifecycle-operator/apis/lifecycle/v1/common/common.go@keptn-v2.5.0 (pre/post-deployment annotations)',
        'keptn/lifecycle-toolkit options.keptn.sh/v1alpha1 KeptnConfig (cloudEventsEndpoint, klt-v0.8.2+)',
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md (Event Matching, Silent mode for .finished events)',
      ],
    },
  },
  check(project, context) {
    for (const { config, action, event } of jobEvents(project)) {
      const name = event.name.trim();
      if (name === '') continue;
      const why = whyNoPhase(project, config.scope, name, 'regex');
      if (!why) continue;
      context.report({
        message: `action "${action.name}" runs on ${name}, which maps to no KLT lifecycle phase: ${why}`,
        at: event.src.at('name'),
      });
    }
  },
});
