import { defineTransform } from '../engine/transform.js';
import { runTaskPlan } from '../tasks/apply.js';

export default defineTransform({
  id: 'convert-webhooks-to-deno-tasks',
  meta: {
    description: 'One Deno KeptnTaskDefinition per webhook-service webhook: every request becomes a fetch call, in order, and a non-2xx answer fails the task',
    pack: 'keptn',
    safety: 'safe',
    produces: ['KeptnTaskDefinition'],
    phase: 'resources',
    docs: {
      converts:
        'v1alpha1 curl command lines (split as a shell would: quotes, escapes, line continuations; -X, -H, -d/--data*, --json, -u, -A, -m, --url) and v1beta1 url/method/headers/payload/options; {{.env.x}} → one SECURE_DATA Secret per app (manual step with the kubectl command); {{.data.service}} and the version → KEPTN_CONTEXT; {{.data.project}} and a stage-level {{.data.stage}} → fixed values; the code is generated with ts-morph and type-checked',
      loses:
        'other event data ({{.data.labels.x}} and {{.shkeptncontext}} read the context metadata instead; evaluation results, deployment URIs, conditionals and functions are left out), curl options fetch cannot do (-k, --retry, files), sendFinished: false (the receiver cannot answer Keptn)',
    },
  },
  run(project, ctx) {
    runTaskPlan('webhook', project, ctx);
  },
});
