import type { TransformContext } from '../engine/transform.js';
import type { MigrationProject } from '../model/project.js';
import { taskPlan, type Owner } from './plan.js';

/** emits what the task plan assigns to one transform: its resources, losses, manual steps and wirings */
export function runTaskPlan(owner: Owner, model: MigrationProject, ctx: TransformContext): void {
  const plan = taskPlan(model, ctx);
  for (const r of plan.resources) if (r.owner === owner) ctx.emit({ app: r.app, origin: r.alsoFrom.length > 0 ? `${r.origin}; identical in ${r.alsoFrom.join(', ')}` : r.origin, resource: r.resource });
  for (const n of plan.notes) {
    if (n.owner !== owner) continue;
    if (n.kind === 'loss') ctx.loss(n.at, n.message);
    else ctx.manual(n.at, n.message, n.snippet);
  }
  for (const w of plan.wirings) if (w.owner === owner) ctx.wire(w.wiring);
}
