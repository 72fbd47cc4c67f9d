import { defineRule } from '../engine/rule.js';
import { whyNoPhase } from './lib/integrations.js';

export default defineRule({
  id: 'webhook-event-outside-lifecycle',
  meta: {
    description: 'A webhook subscribed to an event outside the deployment lifecycle (remediation, approval, .finished notifications, wildcards)',
    pack: 'keptn',
    category: 'webhooks',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'webhook-service called URLs for any event its subscription matched: `.finished` notifications to Slack or Teams, remediation ' +
        '`action.triggered`, `approval.triggered`, sequence events, and NATS wildcards such as `sh.keptn.event.evaluation.>` or ' +
        '`sh.keptn.event.>`. KLT runs tasks only at deployment phases and has no event bus, so these subscriptions have nothing to attach to.',
      instead:
        'For notifications, set the KeptnConfig `spec.cloudEventsEndpoint` (KLT posts a CloudEvent for each phase of apps and workloads ' +
        'there, e.g. to a small relay that calls the old URL) or use the OpenTelemetry traces and metrics KLT emits. Work that must ' +
        'happen after a deployment becomes a post-deployment task; remediation and approvals move to the alerting and CD tools.',
      sources: [
        'keptn/keptn@318a3d5 webhook-service/README.md (subscriptions, NATS subjects)',
        'keptn/lifecycle-toolkit options.keptn.sh/v1alpha1 KeptnConfig (cloudEventsEndpoint, klt-v0.8.2+)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0',
      ],
    },
  },
  check(project, context) {
    for (const config of project.webhookConfigs) {
      for (const webhook of config.webhooks) {
        const type = webhook.type.trim();
        if (type === '') continue;
        const why = whyNoPhase(project, config.scope, type, 'nats');
        if (!why) continue;
        context.report({
          message: `webhook on ${type} has no place in the KLT deployment lifecycle: ${why}; for notifications use KLT's CloudEvents endpoint (KeptnConfig cloudEventsEndpoint) or its OpenTelemetry data`,
          at: webhook.src.at('type'),
        });
      }
    }
  },
});
