import { defineRule } from '../engine/rule.js';
import { show } from './lib/integrations.js';

export default defineRule({
  id: 'remediation-action-no-equivalent',
  meta: {
    description: 'A remediation.yaml action other than scaling (feature toggles, custom and vendor actions): KLT has no equivalent',
    pack: 'keptn',
    category: 'remediation',
    severity: 'blocker',
    fix: 'none',
    effort: 5,
    docs: {
      why:
        'remediation-service sent the chosen action as `data.action` in an `action.triggered` event and whichever action provider ' +
        'subscribed to that action type (unleash-service for `featuretoggle`/`toggle-feature`, dynatrace-service, a JES job, a webhook) ' +
        'carried it out, then the remediation sequence re-evaluated. KLT reacts only to deployments: there is no problem event, no action ' +
        'routing and no evaluate-and-retry loop, so every such action needs a new home.',
      instead:
        'Keep the action as a KeptnTaskDefinition template (container, deno or python) that performs the same change, and trigger it from ' +
        'your alerting tool or a runbook (a hand-made KeptnTask, an Argo Workflow, a Kubernetes Job). Record the problem type → action mapping ' +
        'in the runbook; for scaling use the HPA path (rule remediation-scaling-action).',
      sources: [
        'keptn/keptn@318a3d5 remediation-service/handler/get_action_event_handler.go',
        'keptn/spec@d1367d7 remediation.md',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (Remediation: not supported at the Keptn v1 level)',
      ],
    },
  },
  check(project, context) {
    for (const remediation of project.remediations) {
      for (const problem of remediation.problems) {
        for (const action of problem.actions) {
          const type = action.action.trim();
          if (type === 'scaling') continue;
          const what = type === '' ? 'an action without a type' : `action "${type}"`;
          const named = action.name && action.name !== type ? ` ("${action.name}")` : '';
          context.report({
            message:
              `problem type "${problem.problemType}" is answered by ${what}${named} with value ${show(action.value)}: KLT has no ` +
              'remediation; turn it into a KeptnTaskDefinition template and a manual runbook step',
            at: type === '' ? action.src : action.src.at('action'),
          });
        }
      }
    }
  },
});
