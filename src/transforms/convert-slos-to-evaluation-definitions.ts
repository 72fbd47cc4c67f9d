import { defineTransform } from '../engine/transform.js';
import { durationSeconds } from '../gates/sli-templates.js';
import { evaluationTimeframe } from '../gates/timeframe.js';
import { gatePlan } from '../gates/plan.js';
import { kubeName } from '../klt/names.js';
import type { MigrationProject } from '../model/project.js';

export default defineTransform({
  id: 'convert-slos-to-evaluation-definitions',
  meta: {
    description: 'With --evaluations: a KeptnMetric per SLI and a KeptnEvaluationDefinition per service quality gate, wired as a post-deployment evaluation',
    pack: 'keptn',
    safety: 'safe',
    produces: ['KeptnMetric', 'KeptnEvaluationDefinition', 'keptn.sh/post-deployment-evaluations'],
    phase: 'resources',
    docs: {
      converts:
        'simple gates: each absolute `<`/`>` pass criterion of a single pass group → an objective `evaluationTarget` on a KeptnMetric whose query is the SLI with the service\'s project, stage, service and timeframe filled in',
      loses:
        'everything a KeptnEvaluationDefinition cannot carry (it only ANDs strict `<`/`>`): `<=`/`>=`/`=` boundaries, OR groups, warning criteria, weights, key SLIs and the total score, relative criteria; each is a recorded loss',
    },
  },
  run(project: MigrationProject, ctx) {
    if (!ctx.options.evaluations) return;
    const plan = gatePlan(project, ctx.appName);
    for (const gate of plan.gates) {
      gate.scopes.forEach((scope, k) => {
        const slo = gate.slos[k] ?? gate.slo;
        const keptnProject = project.projects.find((p) => p.dir === scope.project);
        const timeframe = evaluationTimeframe(keptnProject, scope) ?? '5m';
        const objectives: { keptnMetricRef: { name: string }; evaluationTarget: string }[] = [];
        const where = `${scope.service ?? 'project'}${scope.stage ? ` in ${scope.stage}` : ''}`;
        if (slo.totalScore?.pass !== undefined && !/^100(\.0*)?%?$/.test(slo.totalScore.pass.trim())) {
          ctx.loss(slo.totalScore.src, `KeptnEvaluationDefinition for ${where}: every objective must pass; total_score ${slo.totalScore.pass} (which let some objectives fail) is not carried over`);
        }
        gate.translation.objectives.forEach((ot, i) => {
          const o = ot.objective;
          const template = plan.template(gate.app, gate.templates[i]);
          if (!template) return;
          if (o.warning.length) ctx.loss(o.src.at('warning'), `KeptnEvaluationDefinition: warning criteria of "${o.sli}" have no equivalent (pass or fail only)`);
          if (o.keySli) ctx.loss(o.src.at('key_sli'), `KeptnEvaluationDefinition: "${o.sli}" is a key SLI; every objective is one in a KeptnEvaluationDefinition`);
          if (o.pass.length !== 1) {
            ctx.loss(o.src.at('pass'), `KeptnEvaluationDefinition: "${o.sli}" ORs ${o.pass.length} pass groups; only one AND group can be expressed, the objective is left out`);
            return;
          }
          // KeptnEvaluation keys its status by metric: two objectives on one KeptnMetric would collide, so each gets its own
          const metrics: string[] = [];
          const metricFor = () => {
            const name = ctx.uniqueName(gate.app, 'KeptnMetric', `${scope.service ?? gate.name}-${scope.stage ? `${scope.stage}-` : ''}${o.sli}`);
            metrics.push(name);
            return name;
          };
          for (const c of o.pass[0]?.criteria ?? []) {
            if (c.parsed.kind !== 'absolute') {
              ctx.loss(c.src, `KeptnEvaluationDefinition: criterion "${String(c.raw)}" of "${o.sli}" is ${c.parsed.kind}; left out`);
              continue;
            }
            const { operator, value } = c.parsed;
            if (operator !== '<' && operator !== '>') {
              const strict = operator === '<=' ? '<' : operator === '>=' ? '>' : undefined;
              if (!strict) {
                ctx.loss(c.src, `KeptnEvaluationDefinition: "${String(c.raw)}" (equality) cannot be expressed with < or >; left out`);
                continue;
              }
              ctx.loss(c.src, `KeptnEvaluationDefinition only knows strict operators: "${String(c.raw)}" becomes "${strict}${value}", so the value ${value} itself now fails`, `{${value}}`);
              objectives.push({ keptnMetricRef: { name: metricFor() }, evaluationTarget: `${strict}${value}` });
            } else objectives.push({ keptnMetricRef: { name: metricFor() }, evaluationTarget: `${operator}${value}` });
          }
          const query = render(template.query, template.args, scope, keptnProject?.name ?? '', keptnProject?.stages[0] ?? '', timeframe);
          for (const metricName of metrics) ctx.emit({
            app: gate.app,
            origin: `SLI "${o.sli}" of ${slo.src.file.displayPath} for ${where}, placeholders filled in (a KeptnMetric query is static)`,
            resource: {
              apiVersion: ctx.profile.apiVersion('KeptnMetric'),
              kind: 'KeptnMetric',
              metadata: { name: metricName },
              spec: { provider: { name: template.provider }, query, fetchIntervalSeconds: 60 },
            },
          });
        });
        if (objectives.length === 0) return;
        const name = ctx.uniqueName(gate.app, 'KeptnEvaluationDefinition', kubeName(`${scope.service ?? gate.name}${scope.stage ? `-${scope.stage}` : ''}-gate`));
        ctx.emit({
          app: gate.app,
          origin: `the quality gate of ${slo.src.file.displayPath} for ${where}, as a post-deployment evaluation`,
          resource: { apiVersion: ctx.profile.apiVersion('KeptnEvaluationDefinition'), kind: 'KeptnEvaluationDefinition', metadata: { name }, spec: { objectives } },
        });
        ctx.wire({ project: scope.project, service: scope.service, phase: 'postDeploymentEvaluations', name });
      });
    }
  },
});

function render(query: string, args: Map<string, { from: string; unit?: string; value?: string }>, scope: { stage?: string; service?: string }, project: string, firstStage: string, timeframe: string): string {
  const seconds = durationSeconds(timeframe) ?? 300;
  let out = query;
  for (const [name, source] of args) {
    const value =
      source.from === 'project' ? project
      : source.from === 'stage' ? (scope.stage ?? firstStage)
      : source.from === 'service' ? (scope.service ?? '')
      : source.from === 'deployment' ? 'primary'
      : source.from === 'duration' ? (source.unit === 'prometheus' ? `${seconds}s` : String(seconds))
      : source.from === 'filter' ? (source.value ?? '')
      : '';
    out = out.split(`{{.${name}}}`).join(value);
  }
  return out.replace(/\{\{"(\{\{|\}\})"\}\}/g, '$1');
}
