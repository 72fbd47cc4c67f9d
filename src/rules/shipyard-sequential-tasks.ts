import { defineRule } from '../engine/rule.js';
import type { Task } from '../model/types.js';
import { describeSeq, q, releaseIsNoop, seqRef, sequencesOf } from './lib/shipyard.js';

export default defineRule({
  id: 'shipyard-sequential-tasks',
  meta: {
    description: 'A sequence runs two or more tasks one after another before or after its deployment; KLT runs them in parallel',
    pack: 'keptn',
    category: 'shipyard',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'A Keptn v1 sequence ran its tasks strictly in order, each one starting after the previous one finished (and stopping on ' +
        'a failure). In KLT the tasks around a deployment are lists of KeptnTaskDefinitions per phase, and all tasks of one ' +
        'phase (pre-deployment, post-deployment) start at the same time. Tasks that depend on each other (deploy test data, then ' +
        'run the load test, then notify) would race.',
      instead:
        'Merge the tasks of a phase that must run in order into one KeptnTaskDefinition that runs them one after another, for ' +
        'example a container with a script, or a deno/python task that calls each step; keep independent tasks separate so they ' +
        'still run in parallel. The evaluation is not counted: it becomes a post-deployment evaluation, which KLT runs after ' +
        'the post-deployment tasks. A `release` after a `direct`/`user_managed` deployment is not counted either (it did nothing).',
      sources: [
        'keptn/lifecycle-toolkit docs/docs/guides/tasks.md@keptn-v2.5.0 (Executing sequential tasks)',
        'keptn/lifecycle-toolkit docs/docs/migrate/keptn/strategy.md@keptn-v2.5.0 (sequence, task)',
        'keptn/keptn@318a3d5 shipyard-controller/internal/controller/shipyardcontroller_utils.go (next task of a sequence)',
      ],
    },
  },
  check(project, context) {
    for (const v of sequencesOf(project)) {
      const at = v.seq.tasks.findIndex((t) => t.name === 'deployment');
      if (at === -1) continue;
      const counts = (t: Task) => t.name !== '' && t.name !== 'deployment' && t.name !== 'evaluation' && !(t.name === 'release' && releaseIsNoop(v.seq));
      const phases: [string, Task[]][] = [
        ['before', v.seq.tasks.slice(0, at).filter(counts)],
        ['after', v.seq.tasks.slice(at + 1).filter(counts)],
      ];
      for (const [when, tasks] of phases) {
        if (tasks.length < 2) continue;
        const phase = when === 'before' ? 'pre-deployment' : 'post-deployment';
        context.report({
          message:
            `${describeSeq(v)} runs ${tasks.map((t) => q(t.name)).join(', ')} one after another ${when} the deployment; KLT runs ` +
            `all ${phase} tasks in parallel: merge them into one KeptnTaskDefinition that runs them in order`,
          at: seqRef(v),
        });
      }
    }
  },
});
