import { defineRule } from '../engine/rule.js';
import { keyTarget, jobEvents } from './lib/integrations.js';

export default defineRule({
  id: 'jes-jsonpath-filter',
  meta: {
    description: 'A job-executor-service event filter with a jsonpath condition: KLT does not select tasks by event data',
    pack: 'keptn',
    category: 'job-executor',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'job-executor-service ran an action only when the JSONPath `property` of the incoming event equalled `match` (typically ' +
        '`$.data.test.teststrategy: locust`, or a service or stage name), so one job/config.yaml could serve many services and stages ' +
        'differently. A KLT task runs because a workload lists its KeptnTaskDefinition in `keptn.sh/pre-deployment-tasks` / ' +
        '`keptn.sh/post-deployment-tasks` (or a KeptnAppContext does); there is no event data to filter on, so the selection the filter made ' +
        'at run time becomes a decision about which workloads get which annotation.',
      instead:
        'For each filter value, list the workloads (and namespaces, for stage filters) that should run the task and annotate them, e.g. ' +
        '`keptn.sh/post-deployment-tasks: locust-load-test` on the Deployments that used to get `teststrategy: locust`. Values that ' +
        'varied per run (a test strategy chosen at trigger time) need one KeptnTaskDefinition per variant, or a parameter read from the ' +
        'workload\'s `keptn.sh/metadata`. A jsonpath without `property` never filtered anything (job-executor-service skipped the ' +
        'check), so it is reported as info.',
      sources: [
        'keptn-contrib/job-executor-service@4511213 pkg/config/config.go (Action.IsEventMatch: jsonpath.Get(property) == match)',
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md',
        'keptn/lifecycle-toolkit lifecycle-operator/apis/lifecycle/v1/common/common.go@keptn-v2.5.0 (pre/post-deployment-tasks annotations)',
      ],
    },
  },
  check(project, context) {
    for (const { action, event } of jobEvents(project)) {
      if (!event.jsonpath) continue;
      const { property, match } = event.jsonpath;
      if (!property) {
        context.report({
          message:
            `action "${action.name}" has a jsonpath filter without property on ${event.name || 'its event'}: job-executor-service ` +
            'ignored such a filter and ran the action on every matching event, so there is no selection to carry over',
          at: keyTarget(event.src, 'jsonpath'),
          severity: 'info',
        });
        continue;
      }
      context.report({
        message:
          `action "${action.name}" runs on ${event.name || 'its event'} only when ${property} equals ` +
          `"${match ?? ''}": KLT tasks are not selected by event data; decide which workloads (keptn.sh/post-deployment-tasks or ` +
          'pre-deployment-tasks) and which phase should run it',
        at: event.src.at('jsonpath', 'property'),
      });
    }
  },
});
