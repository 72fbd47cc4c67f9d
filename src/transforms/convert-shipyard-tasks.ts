import { defineTransform } from '../engine/transform.js';
import { runTaskPlan } from '../tasks/apply.js';

export default defineTransform({
  id: 'convert-shipyard-tasks',
  meta: {
    description: 'Shipyard tasks before/after a deployment task become pre/post-deployment tasks; several in one phase run in order in one definition',
    pack: 'keptn',
    safety: 'safe',
    produces: ['KeptnTaskDefinition'],
    phase: 'resources',
    docs: {
      converts:
        'for every sequence with a deployment task: tasks before it → preDeploymentTasks, after it → postDeploymentTasks, served by the job-executor-service and webhook definitions (JES event regexes unanchored with their jsonpath filters checked against the task properties, webhook types exact or NATS wildcards); a phase with two or more tasks becomes one definition that runs them in order (sequential awaits for webhooks, a kubectl orchestrator that runs each KeptnTaskDefinition as a KeptnTask otherwise); tasks without a handler get a failing busybox template and a manual step',
      loses:
        'stage differences (KLT has no stages: a service gets the tasks of every sequence, a manual step lists them), triggeredAfter delays, task properties; evaluation tasks are left to the quality-gate transforms and approval/release/rollback/remediation tasks to the CD tool',
    },
  },
  run(project, ctx) {
    runTaskPlan('shipyard', project, ctx);
  },
});
