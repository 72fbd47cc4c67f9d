import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'webhook-send-finished-false',
  meta: {
    description: 'A webhook on a .triggered event that leaves the .finished event to the receiver (sendFinished false or absent)',
    pack: 'keptn',
    category: 'webhooks',
    severity: 'blocker',
    fix: 'none',
    effort: 5,
    docs: {
      why:
        'With `sendFinished: false` webhook-service only sent `.started` and the called system was expected to report the outcome later ' +
        'with `POST /api/v1/event` (a `.finished` event carrying the Keptn context and triggeredid): a long-running, asynchronous design ' +
        '(a Jenkins job, a test farm, a ticket). A KLT task is finished when its container or function returns; nothing can post a result ' +
        'to KLT later, and there is no Keptn API to call back.',
      instead:
        'Redesign the hand-off: the task starts the remote job and polls it until it is done (within the KeptnTaskDefinition `timeout`, ' +
        'default 5m, and `retries`), exiting non-zero on failure; or the remote system moves into the task (container runtime). If the ' +
        'receiver cannot be polled, keep the gate outside KLT.',
      codeVsSpec:
        'webhook-service/README.md says `.finished` is sent by default; lib/webhook_config.go declares `SendFinished bool`, so an absent ' +
        'sendFinished is false and the receiver had to answer. The rule follows the code (the Bridge always wrote the flag explicitly).',
      sources: [
        'keptn/keptn@318a3d5 webhook-service/lib/webhook_config.go (SendFinished bool)',
        'keptn/keptn@318a3d5 webhook-service/handler/handler.go',
        'keptn/keptn@318a3d5 webhook-service/README.md',
        'keptn/lifecycle-toolkit lifecycle-operator/controllers/lifecycle/keptntask/job_utils.go@keptn-v2.5.0 (task ends with its Job)',
      ],
    },
  },
  check(project, context) {
    for (const config of project.webhookConfigs) {
      for (const webhook of config.webhooks) {
        if (!webhook.type.endsWith('.triggered') || webhook.sendFinished === true) continue;
        const explicit = webhook.sendFinished === false;
        const sub = webhook.subscriptionID ? ` (subscription ${webhook.subscriptionID})` : '';
        context.report({
          message:
            `webhook for ${webhook.type}${sub} ${explicit ? 'sets sendFinished: false' : 'has no sendFinished (the code default is false, not the README\'s true)'}: ` +
            'the receiver had to send the .finished event later through the Keptn API; a KLT task finishes when its function returns, so the callback design must change',
          at: explicit ? webhook.src.at('sendFinished') : webhook.src.at('type'),
        });
      }
    }
  },
});
