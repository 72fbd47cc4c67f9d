import { defineRule } from '../engine/rule.js';
import { firstKey } from './lib/integrations.js';

const SUPPORTED = 'spec.keptn.sh/0.1.4';

export default defineRule({
  id: 'remediation-api-version',
  meta: {
    description: 'A remediation.yaml that remediation-service never applied: apiVersion other than spec.keptn.sh/0.1.4, or a wildcard problemType',
    pack: 'keptn',
    category: 'remediation',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'remediation-service compared `apiVersion` with the exact string `spec.keptn.sh/0.1.4` and stopped the remediation otherwise, and it ' +
        'chose the remediation by exact string equality of `problemType` with the problem\'s root cause, then its title, then `default`. A ' +
        'file with another apiVersion, or a problemType written as a pattern (`Response time*`, `.*CPU.*`), never ran in Keptn v1: porting it ' +
        'would introduce behaviour the project never had.',
      instead:
        'Decide with the team whether the remediation was meant to work; only then port it (see remediation-scaling-action and ' +
        'remediation-action-no-equivalent). In KLT, alert routing by problem title belongs to the alerting tool (Alertmanager routes, ' +
        'Dynatrace problem notifications), which do support patterns.',
      codeVsSpec:
        'keptn/spec shows `spec.keptn.sh/0.1.4` as an example version; the code accepts only that exact string (0.1.5 or 0.2.0 are rejected). ' +
        'The rule follows the code.',
      sources: [
        'keptn/keptn@318a3d5 remediation-service/handler/get_action_event_handler.go (remediationSpecVersion, GetNextAction)',
        'keptn/spec@d1367d7 remediation.md',
        'keptn/go-utils@922a317 pkg/lib/v0_1_4/remediations.go',
      ],
    },
  },
  check(project, context) {
    for (const remediation of project.remediations) {
      if (remediation.version !== '0.1.4') continue;
      if (remediation.apiVersion !== SUPPORTED) {
        const count = `${remediation.problems.length} remediation${remediation.problems.length === 1 ? '' : 's'}`;
        const missing = remediation.apiVersion === undefined;
        context.report({
          message: missing
            ? `remediation file has no apiVersion (it must be exactly "${SUPPORTED}"): remediation-service rejected it, so none of its ${count} ever ran`
            : `apiVersion "${remediation.apiVersion}" is not "${SUPPORTED}": remediation-service rejected this file, so none of its ${count} ever ran`,
          at: missing ? firstKey(remediation.src) : remediation.src.at('apiVersion'),
        });
      }
      for (const problem of remediation.problems) {
        const type = problem.problemType;
        if (!(type.includes('*') || type.startsWith('^') || type.endsWith('$') || type.includes('|'))) continue;
        context.report({
          message:
            `problemType "${type}" looks like a pattern, but remediation-service compared it by exact string equality (only "default" ` +
            'is special): it never matched a problem',
          at: problem.src.at('problemType'),
        });
      }
    }
  },
});
