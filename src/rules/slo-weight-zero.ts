import { defineRule } from '../engine/rule.js';
import { objectiveName, q, standardSlos } from './lib/quality-gates.js';

export default defineRule({
  id: 'slo-weight-zero',
  meta: {
    description: 'An SLO objective has weight 0 (counted as 1 by Keptn v1), a negative weight, or a weight that is not an integer',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'lighthouse replaces `weight: 0` with 1, so an objective "disabled" with weight 0 still counted fully; an AnalysisDefinition ' +
        'objective with weight 0 really does not count, so copying the number changes the result. The Keptn v1 weight is a Go ' +
        '`int`: a quoted or non-numeric weight made the whole SLO unreadable (every evaluation of the service failed), and a ' +
        'fraction such as 1.5 was rejected or truncated depending on the release (blocker). AnalysisDefinition weights are ' +
        'integers as well. A negative weight subtracts from both the achieved and the maximum score, which distorts the total.',
      instead:
        'Write the weight Keptn v1 actually used (`weight: 1` for 0) or remove the objective/its pass criteria if it was meant to ' +
        'be ignored. For fractions, scale all weights of the SLO to integers (1.5 and 1 → 3 and 2). Use positive weights.',
      codeVsSpec:
        'The spec says "weight: int, default 1"; lighthouse\'s parseSLO also maps 0 to 1. A fraction is not decoded the same way ' +
        'everywhere: lighthouse releases that decoded through JSON (github.com/ghodss/yaml) rejected the SLO, those on ' +
        'gopkg.in/yaml.v3 truncate a float into an int field (1.5 → 1) without an error. Quoted numbers fail in both.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/common.go (parseSLO: Weight == 0 → 1)',
        'keptn/go-utils@922a317 pkg/lib/service_level_objectives.go (Weight int)',
        'https://github.com/go-yaml/yaml/blob/v3/decode.go (float64 into int fields)',
        'keptn/lifecycle-toolkit metrics-operator/config/crd/bases/metrics.keptn.sh_analysisdefinitions.yaml@keptn-v2.5.0 (weight: integer, default 1)',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      for (const o of slo.objectives) {
        const w = o.weightRaw;
        if (w === undefined || w === null) continue;
        const name = q(objectiveName(o));
        const at = o.src.at('weight');
        if (typeof w !== 'number') {
          context.report({
            message: `weight ${typeof w === 'string' ? q(w) : JSON.stringify(w)} of objective ${name} is not a number: Go's YAML decoder cannot put it into the int field, so Keptn v1 failed to parse the whole SLO; write an unquoted integer`,
            at,
            severity: 'blocker',
          });
        } else if (!Number.isInteger(w)) {
          context.report({
            message: `weight ${w} of objective ${name} is not an integer: the Keptn v1 field is an int (older lighthouse releases rejected the SLO, yaml.v3 ones truncated it to ${Math.trunc(w)}); AnalysisDefinition weights are integers too and keptn-migrate rounds it to ${Math.max(1, Math.round(w))}: scale the SLO's weights to integers`,
            at,
            severity: 'blocker',
          });
        } else if (w === 0) {
          context.report({
            message: `weight: 0 does not disable objective ${name}: Keptn v1 counted it as 1; keptn-migrate writes weight 1 to keep the result, remove the objective or its pass criteria if it should not count`,
            at,
          });
        } else if (w < 0) {
          context.report({
            message: `weight ${w} of objective ${name} is negative: it lowers the maximum score and subtracts when the objective passes, which distorted the Keptn v1 total; keptn-migrate writes weight 1: use a positive weight`,
            at,
          });
        }
      }
    }
  },
});
