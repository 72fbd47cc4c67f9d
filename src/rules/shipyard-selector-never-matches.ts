import { defineRule } from '../engine/rule.js';
import { RESULTS, isLegacy, q, selectorOf, sequencesOf, triggeringSequence } from './lib/shipyard.js';

const RESULT_SET = new Set<string>(RESULTS);

export default defineRule({
  id: 'shipyard-selector-never-matches',
  meta: {
    description: 'A triggeredOn selector that the shipyard-controller never matched (result "failed", ignored keys)',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'The shipyard-controller compared only two selector keys, `result` and `<task>.result` of the task that finished last, ' +
        'with the result of the finished sequence, which is always `pass`, `warning` or `fail`. Any other value (`failed`, ' +
        '`passed`, `Fail`) never matched, and any other key was ignored; a selector with no usable key never matched at all. ' +
        'Such a sequence never ran in Keptn v1. Migrating it literally would make it run for the first time (a rollback or ' +
        'a notification that nobody has ever seen fire).',
      instead:
        'Decide whether the sequence is wanted at all. If it is, carry the intended condition over (usually `fail`); if not, drop ' +
        'it from the migration.',
      codeVsSpec:
        'The spec\'s own example uses `result: failed`, and the Keptn 0.8 upgrader wrote it for the rollback sequence; the code ' +
        'compares with the result values `pass`, `warning`, `fail`, so that selector never matched. keptn-migrate follows the code.',
      sources: [
        'keptn/keptn@318a3d5 shipyard-controller/internal/controller/shipyardcontroller_utils.go (GetTaskSequencesByTrigger)',
        'keptn/go-utils pkg/lib/v0_2_0/result.go',
        'keptn/spec shipyard.md (selector example "result: failed")',
        'keptn/keptn@0.8.3 cli/cmd/upgrade_project.go (transformShipyard)',
      ],
    },
  },
  check(project, context) {
    for (const v of sequencesOf(project)) {
      if (isLegacy(v.shipyard)) continue;
      for (const trigger of v.seq.triggeredOn) {
        const selector = selectorOf(trigger);
        if (selector === undefined) continue;
        const matchRef = trigger.src.at('selector', 'match');
        const where = `sequence ${q(v.seq.name)} in stage ${q(v.stage.name)}`;
        const entries = Object.entries(selector);
        if (entries.length === 0) {
          context.report({
            message: `the selector of ${where} (trigger ${q(trigger.event)}) has no keys and never matched: the sequence never ran on this trigger in Keptn v1; migrating it would make it run`,
            at: { ref: matchRef, target: 'key' },
          });
          continue;
        }
        const tasks = triggeringSequence(v.shipyard, trigger.event)?.tasks;
        const honoured = (key: string) =>
          key === 'result' || (key.endsWith('.result') && (tasks === undefined || tasks.includes(key.slice(0, -'.result'.length))));
        const usable = entries.filter(([k, val]) => honoured(k) && RESULT_SET.has(val));
        const never = usable.length === 0;
        const effect = never
          ? `the sequence never ran on this trigger in Keptn v1; migrating it would make it run`
          : 'the trigger still fired through another key';
        for (const [key, value] of entries) {
          if (honoured(key)) {
            if (RESULT_SET.has(value)) continue;
            context.report({
              message: `selector value ${q(value)} (${key}) of ${where} never matches (results are pass, warning or fail): ${effect}`,
              at: matchRef.at(key),
            });
          } else {
            const why = key.endsWith('.result')
              ? `${q(key.slice(0, -'.result'.length))} is not a task of ${q(trigger.event.replace(/\.finished$/, ''))}`
              : 'only result and <task>.result are compared';
            context.report({
              message: `selector key ${q(key)} of ${where} was ignored by the shipyard-controller (${why}): ${effect}`,
              at: { ref: matchRef.at(key), target: 'key' },
            });
          }
        }
      }
    }
  },
});
