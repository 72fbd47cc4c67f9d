import type { KeptnProject } from '../model/project.js';
import type { Scope } from '../model/types.js';
import { durationSeconds } from './sli-templates.js';

/** the `timeframe` property of the evaluation task in the scope's stage (or the first stage that has one) */
export function evaluationTimeframe(p: KeptnProject | undefined, scope: Scope): string | undefined {
  const stages = p?.shipyard?.stages ?? [];
  const ordered = [...stages.filter((s) => s.name === scope.stage), ...stages.filter((s) => s.name !== scope.stage)];
  for (const stage of ordered) {
    for (const seq of stage.sequences) {
      for (const task of seq.tasks) {
        const tf = task.name === 'evaluation' ? task.properties.timeframe : undefined;
        if (typeof tf === 'string' && durationSeconds(tf) !== undefined) return tf;
      }
    }
  }
  return undefined;
}

