import { defineRule } from '../engine/rule.js';
import { keyTarget } from './lib/integrations.js';

export default defineRule({
  id: 'remediation-legacy-format',
  meta: {
    description: 'A remediation file in the Keptn 0.6 list form (top-level `remediations:` without apiVersion)',
    pack: 'keptn',
    category: 'remediation',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'The 0.6 form (`remediations: [{name: <problem title>, actions: [{action, value}]}]`, spec ≤ 0.1.3) was read by the Keptn 0.6 ' +
        'remediation-service together with the 0.1.x shipyard `remediation_strategy: automated`. From Keptn 0.8 on, remediation-service ' +
        'only accepts `apiVersion: spec.keptn.sh/0.1.4` with `problemType`/`actionsOnOpen`, so this file has not done anything since that ' +
        'upgrade: what it describes may be stale.',
      instead:
        'Check with the team whether these remediations are still wanted before porting them (see remediation-scaling-action and ' +
        'remediation-action-no-equivalent for what each action becomes in KLT); then delete the file.',
      sources: [
        'keptn/spec@0.1.3 sre.md (Keptn 0.6 remediation format)',
        'keptn/keptn@318a3d5 remediation-service/handler/get_action_event_handler.go (remediationSpecVersion = "spec.keptn.sh/0.1.4")',
      ],
    },
  },
  check(project, context) {
    for (const remediation of project.remediations) {
      if (remediation.version !== 'legacy') continue;
      const names = remediation.problems.map((p) => `"${p.problemType}"`).join(', ');
      context.report({
        message:
          (names ? `Keptn 0.6 remediation list (${remediation.problems.length} problem${remediation.problems.length === 1 ? '' : 's'}: ${names}): ` : 'empty Keptn 0.6 remediation list: ') +
          'remediation-service since Keptn 0.8 reads only spec.keptn.sh/0.1.4, so this file has been inert; confirm it is still wanted before porting it',
        at: keyTarget(remediation.src, 'remediations'),
      });
    }
  },
});
