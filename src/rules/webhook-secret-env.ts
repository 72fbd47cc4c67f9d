import { defineRule } from '../engine/rule.js';
import { requestTexts, templateFieldRefs } from './lib/integrations.js';

export default defineRule({
  id: 'webhook-secret-env',
  meta: {
    description: 'A webhook secret ({{.env.x}} from envFrom) that becomes part of the task\'s SECURE_DATA Secret',
    pack: 'keptn',
    category: 'webhooks',
    severity: 'info',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'webhook-service read each `envFrom` entry (a key of a Secret created with `keptn create secret --scope=keptn-webhook-service`) ' +
        'and exposed it to the request templates as `{{.env.<name>}}`. A deno or python KeptnTaskDefinition gets secrets from exactly one ' +
        'Secret, named in `secureParameters.secret`, whose key must be `SECURE_DATA`; the operator passes that key as the SECURE_DATA env ' +
        'variable. Several webhook secrets therefore merge into one JSON document.',
      instead:
        'Merge the webhook\'s secret values into one Secret whose only key is SECURE_DATA (a JSON object) and reference it:\n\n' +
        '```yaml\napiVersion: v1\nkind: Secret\nmetadata: { name: notify-secrets }\nstringData:\n  SECURE_DATA: \'{"slackToken": "..."}\'\n' +
        '---\napiVersion: lifecycle.keptn.sh/v1\nkind: KeptnTaskDefinition\nmetadata: { name: notify }\nspec:\n  deno:\n' +
        '    secureParameters: { secret: notify-secrets }\n```\n\nand in the code `JSON.parse(Deno.env.get("SECURE_DATA")!).slackToken`. ' +
        'The Secret lives in the workload\'s namespace, not in keptn.',
      sources: [
        'keptn/keptn@318a3d5 webhook-service/lib/webhook_config.go (envFrom secretRef)',
        'keptn/keptn@318a3d5 webhook-service/lib/secret_reader.go',
        'keptn/lifecycle-toolkit docs/docs/guides/tasks.md@keptn-v2.5.0 (SECURE_DATA, key must be SECURE_DATA)',
      ],
    },
  },
  check(project, context) {
    for (const config of project.webhookConfigs) {
      for (const webhook of config.webhooks) {
        const used = new Set<string>();
        for (const req of webhook.requests) {
          for (const { text } of requestTexts(req)) for (const { ref } of templateFieldRefs(text)) if (ref.startsWith('.env.')) used.add(ref.slice(5));
        }
        for (const env of webhook.envFrom) {
          const from = env.secretName ? `key "${env.secretKey ?? ''}" of Secret "${env.secretName}"` : 'a Secret';
          const use = used.has(env.name) ? '' : ' (no request of this webhook uses it)';
          context.report({
            message:
              `{{.env.${env.name}}} reads ${from}${use}: in KLT put it into the JSON of one Secret with key SECURE_DATA, ` +
              'referenced by the task definition\'s secureParameters.secret',
            at: env.src.at('secretRef', 'name').exists() ? env.src.at('secretRef', 'name') : env.src,
          });
        }
      }
    }
  },
});
