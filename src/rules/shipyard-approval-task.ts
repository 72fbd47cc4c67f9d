import { defineRule } from '../engine/rule.js';
import { describeTask, isLegacy, propRef, propString, q, taskRef, tasksOf, type TaskVisit } from './lib/shipyard.js';

type Mode = { result: 'pass' | 'warning'; raw: string | undefined; manual: boolean };

/** what approval-service did for one result: only the exact string `automatic` approved without a person */
function mode(v: TaskVisit, result: 'pass' | 'warning'): Mode {
  const raw = propString(v.task, result);
  // shipyard 0.1: go-utils read the strategy case-insensitively and any unknown string as automatic
  if (isLegacy(v.shipyard)) return { result, raw, manual: raw?.toLowerCase() === 'manual' };
  return { result, raw, manual: raw !== 'automatic' };
}

function describe(m: Mode): string {
  if (m.raw === undefined) return `${m.result} (not set: approval-service treated it as manual)`;
  if (m.raw === 'manual') return `${m.result} ("manual")`;
  return `${m.result} (${q(m.raw)} is not "automatic": approval-service treated it as manual)`;
}

export default defineRule({
  id: 'shipyard-approval-task',
  meta: {
    description: 'An approval task that waits for a person (manual or unset strategy), or an automatic one that can be dropped',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'blocker',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'The `approval` task stopped the sequence until somebody approved it in the Bridge or with `keptn send event approval.finished` ' +
        '(strategy `manual`), or approval-service approved it at once (`automatic`); a failed previous result was always declined. ' +
        'KLT has no approval step and no user interface to approve in: a manual gate has to move to the tool that promotes ' +
        '(a pipeline approval, an Argo CD manual sync, a pull request review). An automatic approval did nothing and can be dropped.',
      instead:
        'Manual: gate the promotion in your CD tool, for example a protected GitHub/GitLab environment with required reviewers on ' +
        'the job that promotes, or an Argo CD application without automated sync. Automatic: drop the task.',
      codeVsSpec:
        'The spec and docs say `pass` and `warning` default to `automatic`. approval-service approved automatically only when the ' +
        'property is exactly `automatic`; a missing property (or any other value) left the approval open for a person. ' +
        'keptn-migrate follows the code. For shipyard 0.1, go-utils parsed the strategy case-insensitively and read unknown ' +
        'values as automatic, and the Keptn 0.8 upgrader wrote `automatic` for a missing one.',
      sources: [
        'keptn/keptn@318a3d5 approval-service/pkg/handler/approval_triggered_event_handler.go (getApprovalStrategyForEvent)',
        'keptn/spec shipyard.md (Reserved Keptn Tasks: approval)',
        'keptn/go-utils pkg/lib/approval_strategy.go (0.1)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (task)',
      ],
    },
  },
  check(project, context) {
    for (const v of tasksOf(project)) {
      if (v.task.name !== 'approval') continue;
      const modes = [mode(v, 'pass'), mode(v, 'warning')];
      const manual = modes.filter((m) => m.manual);
      if (manual.length === 0) {
        context.report({
          message: `${describeTask(v)} approves pass and warning automatically; automatic approval has no KLT equivalent and can be dropped`,
          at: taskRef(v),
          severity: 'info',
        });
        continue;
      }
      const first = manual.find((m) => m.raw !== undefined);
      const at = (first && propRef(v, first.result)) ?? taskRef(v);
      context.report({
        message:
          `${describeTask(v)} waits for a person on result ${manual.map(describe).join(' and ')}; KLT has no manual ` +
          'approval: gate the promotion in your CD tool or pipeline (required reviewers, manual sync)',
        at,
      });
    }
  },
});
