import { defineRule } from '../engine/rule.js';
import { describeTask, parseGoDuration, q, tasksOf } from './lib/shipyard.js';

export default defineRule({
  id: 'shipyard-triggered-after',
  meta: {
    description: 'A task waits (triggeredAfter) before it starts; KLT has no delay between tasks',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        '`triggeredAfter` made the shipyard-controller wait (a Go duration such as `10m`) before sending the task, typically to let ' +
        'a remediation action take effect or traffic build up before an evaluation. KLT starts the tasks and evaluations of a ' +
        'phase right away and has no delay setting. A value that Go\'s time.ParseDuration rejects (`10 minutes`, `10`) was logged ' +
        'and the task was sent immediately, so there was no delay in Keptn v1 either.',
      instead:
        'Put the wait into the task itself (a `sleep` before the work in the container or script), or give an evaluation enough ' +
        'data by using an Analysis with a `timeframe` that starts later. For an evaluation, KeptnEvaluationDefinition ' +
        '`retries`/`retryInterval` re-check a failing objective, which often replaces the wait:\n\n' +
        '```yaml\napiVersion: lifecycle.keptn.sh/v1\nkind: KeptnEvaluationDefinition\nspec:\n  retries: 10\n  retryInterval: 60s\n```',
      codeVsSpec:
        'The spec documents `triggeredAfter` as a duration; the controller parses it with time.ParseDuration and, when that fails, ' +
        'only logs the error and sends the task without waiting.',
      sources: [
        'keptn/keptn@318a3d5 shipyard-controller/internal/controller/shipyardcontroller.go (triggerTask)',
        'keptn/spec shipyard.md (triggeredAfter)',
        'https://pkg.go.dev/time#ParseDuration',
        'keptn/lifecycle-toolkit docs/docs/reference/crd-reference/evaluationdefinition.md@keptn-v2.5.0 (retries, retryInterval)',
      ],
    },
  },
  check(project, context) {
    for (const v of tasksOf(project)) {
      const raw = v.task.triggeredAfter;
      if (raw === undefined) continue;
      const at = v.task.src.at('triggeredAfter');
      const ms = parseGoDuration(raw);
      if (ms === undefined) {
        context.report({
          message:
            `${describeTask(v)} has triggeredAfter ${q(raw)}, which is not a Go duration: Keptn v1 sent the task immediately; ` +
            'KLT has no delay either: remove it, or add a sleep to the task if the wait is wanted',
          at,
        });
        continue;
      }
      if (ms <= 0) continue;
      const seconds = Math.ceil(ms / 1000);
      context.report({
        message:
          `${describeTask(v)} waits ${raw} (triggeredAfter) before it starts; KLT has no delay between tasks: add a sleep ` +
          `(sleep ${seconds}) to the task or use a separate mechanism`,
        at,
      });
    }
  },
});
