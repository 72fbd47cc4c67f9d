import { defineRule } from '../engine/rule.js';
import { describeSeq, describeTask, isLegacy, q, releaseIsNoop, seqRef, sequenceStrategy, sequencesOf, taskRef } from './lib/shipyard.js';

const NAMES = new Set(['rollback', 'release']);
const INSTEAD =
  'KLT neither promotes nor rolls back: let the deployment tool do it (Argo Rollouts promotion/abort, helm rollback, a Git revert) ' +
  'and use KLT pre/post-deployment checks to block a bad version';

export default defineRule({
  id: 'shipyard-rollback-release',
  meta: {
    description: 'A release or rollback task, or a sequence named release/rollback, that helm-service executed',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'helm-service handled `release` (promote the blue-green candidate to primary on pass/warning, or scale it to 0 on fail) and ' +
        '`rollback` (route all traffic back to the primary and scale the candidate to 0). Sequences named `rollback` were typically ' +
        'triggered by a failed delivery. KLT has no such tasks: it does not own the deployment, so it cannot switch traffic or ' +
        'restore a previous version.',
      instead:
        'Let the deployment tool decide: Argo Rollouts promotes or aborts a Rollout (with an AnalysisTemplate or manual promotion), ' +
        'Flagger rolls back a canary, Helm has `helm rollback`, GitOps reverts the commit. KLT post-deployment tasks and evaluations ' +
        'mark the KeptnWorkloadVersion/KeptnAppVersion as failed, which the tool can react to. With deploymentstrategy `direct` ' +
        'or `user_managed` helm-service\'s release did nothing, so such release tasks can simply be dropped.',
      codeVsSpec:
        'The spec describes `release` as promoting the new version; helm-service did so only for the blue-green strategy and logged ' +
        '"No release action required" for `direct` (keptn-migrate reports those as info).',
      sources: [
        'keptn/keptn@04ba0b4 helm-service/controller/release_handler.go',
        'keptn/keptn@25725fe helm-service/controller/rollback_handler.go',
        'keptn/spec shipyard.md (Reserved Keptn Tasks: release, rollback)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (task)',
      ],
    },
  },
  check(project, context) {
    for (const v of sequencesOf(project)) {
      // shipyard 0.1 has no release task in the file: the model adds one per stage like the 0.8 upgrader did
      if (isLegacy(v.shipyard)) continue;
      const tasks = v.seq.tasks.filter((t) => NAMES.has(t.name));
      if (tasks.length === 0 && NAMES.has(v.seq.name)) {
        context.report({
          message: `${describeSeq(v)} is a ${v.seq.name} workflow of its own (tasks ${v.seq.tasks.map((t) => q(t.name)).join(', ') || 'none'}); ${INSTEAD}`,
          at: seqRef(v),
        });
      }
      for (const task of tasks) {
        const tv = { ...v, task };
        if (task.name === 'release' && releaseIsNoop(v.seq)) {
          context.report({
            message:
              `${describeTask(tv)} did nothing in Keptn v1 (helm-service releases only blue-green deployments, this sequence ` +
              `deploys with ${q(sequenceStrategy(v.seq) ?? '')}); drop it`,
            at: taskRef(tv),
            severity: 'info',
          });
          continue;
        }
        const what =
          task.name === 'release'
            ? 'helm-service promoted the blue-green candidate (or scaled it down on fail)'
            : 'helm-service routed the traffic back to the primary and scaled the new version down';
        context.report({ message: `${describeTask(tv)}: ${what}; ${INSTEAD}`, at: taskRef(tv) });
      }
    }
  },
});
