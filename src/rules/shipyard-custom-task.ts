import { defineRule } from '../engine/rule.js';
import { RESERVED_TASKS } from '../formats/shipyard.js';
import { describeTask, listing, serversOf, taskRef, tasksOf } from './lib/shipyard.js';

export default defineRule({
  id: 'shipyard-custom-task',
  meta: {
    description: 'A custom (non-reserved) task, and whether a job-executor or webhook config in the repository served it',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'The shipyard-controller only sent `sh.keptn.event.<task>.triggered` for a custom task; whatever subscribed to it did the ' +
        'work: a job-executor-service action (job/config.yaml), a webhook-service subscription (webhook/webhook.yaml) or a ' +
        'separately installed integration. In KLT every such task becomes a KeptnTaskDefinition that runs before or after the ' +
        'deployment. When a config in the repository serves the task, keptn-migrate knows what it did (info); when none does, ' +
        'the integration lives elsewhere (a service in the cluster, a Bridge-created webhook) and has to be found first (warning).',
      instead:
        'Write a KeptnTaskDefinition per task (container runtime for a job-executor image, deno/python for a webhook call) and ' +
        'reference it from `keptn.sh/pre-deployment-tasks` / `keptn.sh/post-deployment-tasks` or the KeptnAppContext:\n\n' +
        '```yaml\napiVersion: lifecycle.keptn.sh/v1\nkind: KeptnTaskDefinition\nmetadata:\n  name: securityscan\nspec:\n' +
        '  container:\n    name: scan\n    image: aquasec/trivy:0.50.0\n    args: ["image", "carts:1.2.3"]\n```',
      codeVsSpec:
        'job-executor-service matched `events[].name` as an unanchored Go regular expression against the event type, so ' +
        '`sh.keptn.event.*.triggered` or `test` also serve other tasks; webhook-service subscriptions accept NATS wildcards ' +
        '(`sh.keptn.event.>`). keptn-migrate evaluates both the way the services did.',
      sources: [
        'keptn/spec shipyard.md (Reserved Keptn Tasks)',
        'keptn-contrib/job-executor-service@4511213 pkg/config/config.go (IsEventMatch)',
        'keptn/keptn@318a3d5 webhook-service/lib/webhook_config.go',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (task, Integrations and services in JES)',
      ],
    },
  },
  check(project, context) {
    for (const v of tasksOf(project)) {
      if (v.task.name === '' || RESERVED_TASKS.has(v.task.name)) continue;
      const servers = serversOf(project, v.shipyard, v.stage.name, v.task.name, v.task.properties);
      if (servers.length) {
        context.report({
          message: `custom ${describeTask(v)} is served by ${listing(servers.map((s) => s.label))}; it becomes a KeptnTaskDefinition`,
          at: taskRef(v),
          severity: 'info',
        });
      } else {
        context.report({
          message:
            `custom ${describeTask(v)}: no job-executor or webhook config in the repository serves it; find the integration ` +
            'that handled sh.keptn.event.' + v.task.name + '.triggered and turn it into a KeptnTaskDefinition',
          at: taskRef(v),
        });
      }
    }
  },
});
