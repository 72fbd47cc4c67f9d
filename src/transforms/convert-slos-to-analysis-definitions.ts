import { defineTransform } from '../engine/transform.js';
import { formatOperator } from '../gates/klt-operator.js';
import { operatorObject, operatorValues, quantityLosesPrecision } from '../gates/klt-resources.js';
import { gatePlan } from '../gates/plan.js';
import type { MigrationProject } from '../model/project.js';

export default defineTransform({
  id: 'convert-slos-to-analysis-definitions',
  meta: {
    description: 'One AnalysisDefinition per distinct slo.yaml, with Keptn v1 scoring translated exactly where KLT can express it',
    pack: 'keptn',
    safety: 'safe',
    produces: ['AnalysisDefinition'],
    phase: 'resources',
    docs: {
      converts:
        'slo.yaml objectives: pass groups OR-ed, criteria AND-ed, pass before warning, warning = half weight, weight 0 → 1, key_sli → keyObjective, informative objectives left out of the score, total_score → whole-number thresholds that classify every achievable score the same',
      loses:
        'relative criteria and the comparison block (no history in KLT); criteria without an exact operator pair (the differing values are listed); thresholds without an exact whole percentage (the differing scores are listed)',
    },
  },
  run(project: MigrationProject, ctx) {
    const plan = gatePlan(project, ctx.appName);
    for (const gate of plan.gates) {
      const t = gate.translation;
      for (const loss of t.losses) ctx.loss(loss.at, loss.reason, loss.values);
      for (const o of gate.missing) {
        ctx.manual(o.src.at('sli'), `SLI "${o.sli}" has no query in any sli.yaml that applies to ${gate.slo.src.file.displayPath}; create AnalysisValueTemplate "${o.sli}" by hand`);
      }
      const objectives = t.objectives.map((ot, k) => {
        const target: Record<string, unknown> = {};
        if (ot.failure) target.failure = operatorObject(ot.failure);
        if (ot.warning) target.warning = operatorObject(ot.warning);
        for (const v of [...operatorValues(ot.failure), ...operatorValues(ot.warning)]) {
          if (quantityLosesPrecision(v)) ctx.loss(ot.objective.src, `${formatOperator(ot.failure)}: ${v} has more than 9 decimals; Kubernetes quantities round it`);
        }
        const def = t.definition.objectives[k];
        const out: Record<string, unknown> = {
          analysisValueTemplateRef: { name: gate.templates[k] ?? ot.objective.sli.toLowerCase().replace(/[^a-z0-9]+/g, '-') },
          target,
        };
        if (def && def.weight !== 1) out.weight = def.weight;
        if (def?.keyObjective) out.keyObjective = true;
        return out;
      });
      ctx.uniqueName(gate.app, 'AnalysisDefinition', gate.name);
      ctx.emit({
        app: gate.app,
        origin: `${gate.slo.src.file.displayPath}${gate.scopes.length > 1 ? ` (also used by ${gate.scopes.length - 1} more service scope(s))` : ''}${t.informative.length ? `; informative objectives left out of the score: ${t.informative.map((o) => o.sli).join(', ')}` : ''}`,
        resource: {
          apiVersion: ctx.profile.apiVersion('AnalysisDefinition'),
          kind: 'AnalysisDefinition',
          metadata: { name: gate.name },
          spec: {
            objectives,
            totalScore: { passPercentage: t.definition.passPercentage, warningPercentage: t.definition.warningPercentage },
          },
        },
      });
    }
  },
});
