import { defineRule } from '../engine/rule.js';
import { objectiveName, q, rawAt, standardSlos } from './lib/quality-gates.js';

/** strings Go's yaml.v3 decodes into a bool field (YAML 1.1 compatibility) */
const GO_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const GO_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

export default defineRule({
  id: 'slo-key-sli',
  meta: {
    description: 'An SLO objective is a key SLI (key_sli: true); it becomes keyObjective: true in the AnalysisDefinition',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'info',
    fix: 'none',
    effort: 0,
    docs: {
      why:
        'A failed key SLI failed the whole Keptn v1 evaluation whatever the score; a key SLI in `warning` was not a failure. ' +
        'AnalysisDefinition has the same notion (`keyObjective: true`: a failed key objective fails the Analysis, a warning does ' +
        'not), so it converts directly. Two cases need care: a key SLI without pass criteria never failed in v1 (status info), and ' +
        'a `key_sli` written as a quoted string or a number could not be decoded into the Go bool field, so lighthouse rejected the ' +
        'whole SLO (blocker).',
      instead:
        'Nothing for plain `key_sli: true`: keptn-migrate writes `keyObjective: true` on the objective. Write `key_sli: true` ' +
        'unquoted where the finding says the value was not a boolean.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (evaluateObjectives: keySLIFailed)',
        'keptn/lifecycle-toolkit metrics-operator/config/crd/bases/metrics.keptn.sh_analysisdefinitions.yaml@keptn-v2.5.0 (keyObjective)',
        'https://github.com/go-yaml/yaml/blob/v3/decode.go (strings accepted for bool fields)',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      for (const o of slo.objectives) {
        const at = o.src.at('key_sli');
        const raw = rawAt(at);
        const name = q(objectiveName(o));
        if (raw === undefined || raw === null || raw === false) continue;
        if (typeof raw === 'string' && GO_FALSE.has(raw)) continue;
        if (raw !== true && !(typeof raw === 'string' && GO_TRUE.has(raw))) {
          context.report({
            message: `key_sli ${typeof raw === 'string' ? q(raw) : JSON.stringify(raw)} of objective ${name} is not a boolean: Go's YAML decoder cannot put it into the bool field, so Keptn v1 failed to parse the whole SLO; write key_sli: true or false`,
            at,
            severity: 'blocker',
          });
          continue;
        }
        const spelled = raw === true ? '' : ` (written as ${q(raw)}, which Go's YAML decoder read as true)`;
        if (o.pass.length === 0) {
          context.report({
            message: `objective ${name} is a key SLI${spelled} without pass criteria: Keptn v1 never failed it (status info), so key_sli had no effect; keptn-migrate leaves the objective out of the AnalysisDefinition`,
            at,
          });
          continue;
        }
        context.report({
          message: `objective ${name} is a key SLI${spelled}: it becomes keyObjective: true in the AnalysisDefinition (a failed key objective fails the Analysis whatever the score; a key objective in warning does not fail it, as in Keptn v1)`,
          at,
        });
      }
    }
  },
});
