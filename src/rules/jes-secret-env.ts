import { defineRule } from '../engine/rule.js';
import { jobTasks } from './lib/integrations.js';

export default defineRule({
  id: 'jes-secret-env',
  meta: {
    description: 'A job-executor-service env entry that loads a whole Kubernetes Secret (valueFrom: secret)',
    pack: 'keptn',
    category: 'job-executor',
    severity: 'info',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'With `valueFrom: secret` job-executor-service read the Secret named by `name` in the job namespace (keptn by default) and turned ' +
        'every key into an env variable of the job. A container KeptnTaskDefinition is a plain Kubernetes container, so the same is written ' +
        'with `envFrom`; the Secret has to exist where KLT runs the task Job (the application\'s namespace), not in the keptn namespace.',
      instead:
        'In the KeptnTaskDefinition container: `envFrom: [{ secretRef: { name: locust-secret } }]`, or one ' +
        '`env: [{ name: HOST, valueFrom: { secretKeyRef: { name: locust-secret, key: HOST } } }]` per key; copy the Secret into the ' +
        'workload namespace.',
      sources: [
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md (From Kubernetes Secrets)',
        'keptn-contrib/job-executor-service pkg/k8sutils/job.go (generateEnvFromSecret: every key of the secret)',
        'keptn/lifecycle-toolkit docs/docs/reference/crd-reference/taskdefinition.md@keptn-v2.5.0 (container)',
      ],
    },
  },
  check(project, context) {
    for (const { task } of jobTasks(project)) {
      for (const env of task.env) {
        if (env.valueFrom !== 'secret') continue;
        context.report({
          message:
            `task "${task.name}" loads every key of Secret "${env.name}" as env variables: in the KLT container task write ` +
            `envFrom: [{secretRef: {name: ${env.name}}}] and copy the Secret into the workload's namespace`,
          at: env.src.at('valueFrom'),
        });
      }
    }
  },
});
