import { defineRule } from '../engine/rule.js';
import { contextEquivalent, describeRequest, inScalar, KEPTN_CONTEXT_FIELDS, requestTexts, templateFieldRefs } from './lib/integrations.js';

export default defineRule({
  id: 'webhook-template-data',
  meta: {
    description: 'Event data a webhook request reads through Go templates ({{.data.project}}, {{.data.labels.x}}, {{.id}}, ...)',
    pack: 'keptn',
    category: 'webhooks',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'webhook-service rendered every request with Go text/template over the whole triggering CloudEvent (`missingkey=error`), so ' +
        'requests could send the project, stage, labels, evaluation results, the Keptn context id or the event id. In KLT the request ' +
        `is made by a task (a deno or python KeptnTaskDefinition) whose only view of the deployment is KEPTN_CONTEXT (${KEPTN_CONTEXT_FIELDS}). ` +
        'Service and version are there; project, stage, event ids and results are not, and the receiver may depend on them.',
      instead:
        'Rewrite the request in the task and take each value from the place the message names, e.g. in deno:\n\n' +
        '```ts\nconst ctx = JSON.parse(Deno.env.get("KEPTN_CONTEXT")!);\nawait fetch(url, { method: "POST", body: JSON.stringify({ service: ' +
        'ctx.workloadName, version: ctx.workloadVersion, stage: "production" }) });\n```\n\nValues without an equivalent become fixed ' +
        'parameters (`spec.deno.parameters.map`) or `keptn.sh/metadata` entries on the workload. References KLT fills by itself ' +
        '(service, version) are info.',
      sources: [
        'keptn/keptn@318a3d5 webhook-service/lib/template_engine.go (text/template, missingkey=error)',
        'keptn/keptn.github.io@286e5f9 content/docs/1.0.x/integrations/webhooks (template data)',
        'keptn/lifecycle-toolkit docs/docs/guides/tasks.md@keptn-v2.5.0 (KEPTN_CONTEXT)',
      ],
    },
  },
  check(project, context) {
    for (const config of project.webhookConfigs) {
      for (const webhook of config.webhooks) {
        webhook.requests.forEach((req, i) => {
          const seen = new Set<string>();
          for (const { text, src } of requestTexts(req)) {
            for (const { ref, action } of templateFieldRefs(text)) {
              if (ref.startsWith('.env.') || seen.has(ref)) continue;
              seen.add(ref);
              const eq = contextEquivalent(ref);
              context.report({
                message: `${describeRequest(webhook, i)} uses {{${ref}}}: in KLT it becomes ${eq.replacement}`,
                at: inScalar(src, action),
                severity: eq.automatic ? 'info' : undefined,
              });
            }
          }
        });
      }
    }
  },
});
