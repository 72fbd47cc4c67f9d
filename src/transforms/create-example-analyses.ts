import { defineTransform } from '../engine/transform.js';
import { gatePlan } from '../gates/plan.js';
import { durationSeconds, type ArgSource } from '../gates/sli-templates.js';
import type { MigrationProject, KeptnProject } from '../model/project.js';
import { evaluationTimeframe } from '../gates/timeframe.js';
import type { Scope } from '../model/types.js';

export default defineTransform({
  id: 'create-example-analyses',
  meta: {
    description: 'An example Analysis per service quality gate, with its args filled in and the timeframe of the shipyard evaluation',
    pack: 'keptn',
    safety: 'safe',
    produces: ['Analysis'],
    phase: 'resources',
    docs: {
      converts: 'how `keptn trigger evaluation` ran a gate: the Analysis references the AnalysisDefinition, fills args (project, stage, service, duration, labels, filters) and takes `timeframe.recent` from the shipyard evaluation task',
      loses: 'the evaluation start/end of a Keptn event (use timeframe.from/to in a pipeline); label and event values (empty args, listed as manual steps)',
    },
  },
  run(project: MigrationProject, ctx) {
    const plan = gatePlan(project, ctx.appName);
    for (const gate of plan.gates) {
      gate.scopes.forEach((scope, k) => {
        const slo = gate.slos[k] ?? gate.slo;
        const keptnProject = project.projects.find((p) => p.dir === scope.project);
        const timeframe = evaluationTimeframe(keptnProject, scope) ?? '5m';
        const args: Record<string, string> = {};
        for (const name of gate.templates) {
          const t = plan.template(gate.app, name);
          for (const [arg, source] of t?.args ?? []) args[arg] = argValue(source, scope, keptnProject, timeframe);
        }
        const name = ctx.uniqueName(gate.app, 'Analysis', `${scope.service ?? gate.name}${scope.stage ? `-${scope.stage}` : ''}-example`);
        for (const [arg, value] of Object.entries(args)) {
          if (value === '') ctx.manual(slo.src, `Analysis "${name}": fill in arg "${arg}" (it was Keptn event data)`);
        }
        ctx.emit({
          app: gate.app,
          origin: `how to run the quality gate of ${slo.src.file.displayPath} for ${scope.service ?? 'the project'}${scope.stage ? ` in ${scope.stage}` : ''}: give each run a unique name`,
          resource: {
            apiVersion: ctx.profile.apiVersion('Analysis'),
            kind: 'Analysis',
            metadata: { name },
            spec: { analysisDefinition: { name: gate.name }, args, timeframe: { recent: timeframe } },
          },
        });
      });
    }
  },
});

function argValue(source: ArgSource, scope: Scope, p: KeptnProject | undefined, timeframe: string): string {
  switch (source.from) {
    case 'project':
      return p?.name ?? '';
    case 'stage':
      return scope.stage ?? p?.stages[0] ?? '';
    case 'service':
      return scope.service ?? '';
    case 'deployment':
      return 'primary';
    case 'duration': {
      const s = durationSeconds(timeframe) ?? 300;
      return source.unit === 'prometheus' ? `${s}s` : String(s);
    }
    case 'filter':
      return source.value;
    default:
      return '';
  }
}
