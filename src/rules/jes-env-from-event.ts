import { defineRule } from '../engine/rule.js';
import { contextEquivalent, KEPTN_CONTEXT_FIELDS, jobTasks } from './lib/integrations.js';

export default defineRule({
  id: 'jes-env-from-event',
  meta: {
    description: 'A job-executor-service env variable filled from the triggering event (valueFrom: event)',
    pack: 'keptn',
    category: 'job-executor',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'With `valueFrom: event` job-executor-service evaluated the JSONPath in `value` against the CloudEvent that triggered the job ' +
        '(`$.data.deployment.deploymentURIsLocal[0]`, `$.data.labels.buildId`, `$` for the whole event) and put the result in the variable. ' +
        `A KLT task gets no Keptn event: its container only receives KEPTN_CONTEXT, a JSON object with ${KEPTN_CONTEXT_FIELDS}. ` +
        'Service and version carry over; project, stage, labels, deployment URIs, test strategies and previous results do not.',
      instead:
        'Read what KEPTN_CONTEXT offers (`echo "$KEPTN_CONTEXT" | jq -r .workloadName`); pass the rest as fixed `env` values of the ' +
        'container, or as `keptn.sh/metadata: buildId=42` on the workload (it arrives as KEPTN_CONTEXT `metadata.buildId`). The message ' +
        'of each finding names the replacement; findings where KLT fills the value by itself are info.',
      sources: [
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md (From Events)',
        'keptn-contrib/job-executor-service pkg/k8sutils/job.go (generateEnvFromEvent: jsonpath.Get over the event)',
        'keptn/lifecycle-toolkit docs/docs/guides/tasks.md@keptn-v2.5.0 (KEPTN_CONTEXT)',
        'keptn/lifecycle-toolkit lifecycle-operator/controllers/lifecycle/keptntask/container_builder.go (injects KEPTN_CONTEXT only)',
      ],
    },
  },
  check(project, context) {
    for (const { task } of jobTasks(project)) {
      for (const env of task.env) {
        if (env.valueFrom !== 'event') continue;
        const path = (env.value ?? '').trim();
        const eq = contextEquivalent(path === '$' ? '.' : path);
        const replacement = path === '$' || path === '$.data' ? 'nothing: KEPTN_CONTEXT replaces the whole event with its own fields' : eq.replacement;
        context.report({
          message: `env ${env.name} of task "${task.name}" is filled from the event at ${path || '(no value)'}: in KLT it becomes ${replacement}`,
          at: env.src.at('value').exists() ? env.src.at('value') : env.src,
          severity: eq.automatic && path !== '$' ? 'info' : undefined,
        });
      }
    }
  },
});
