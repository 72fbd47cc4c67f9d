import { defineRule } from '../engine/rule.js';
import { criterionText, malformedGroups, objectiveName, q, rawAt, standardSlos } from './lib/quality-gates.js';

export default defineRule({
  id: 'slo-invalid-criterion',
  meta: {
    description: 'An SLO criterion Keptn v1 could not parse ("<=800ms", "<600,>400", "600", "=>5") or a criteria group without criteria',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'blocker',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'lighthouse strips spaces, requires one of `< <= = >= >` at the start and parses the rest with strconv.ParseFloat: units ' +
        '(`800ms`), comma-separated criteria, bare numbers and `=>` are errors. In a pass criterion the error failed the whole ' +
        'evaluation (blocker: the quality gate never worked as written); in a warning criterion it was swallowed and the ' +
        'criterion never matched (warning). The official converter aborts on such strings. A group whose `criteria` is null or ' +
        'empty is vacuously true: the objective always passes (or never fails, for warning), and its weight lowers the total. ' +
        '`pass`, `warning` or `criteria` written as something other than a list made the whole SLO unreadable.',
      instead:
        'Rewrite the criterion in the grammar: one list item per condition (`criteria: ["<600", ">400"]` means AND, separate ' +
        '`- criteria:` groups mean OR), no units (`<=800` in the SLI\'s unit), `>=` not `=>`. Then it converts to an ' +
        'AnalysisDefinition target. Give every group at least one criterion or remove it.',
      codeVsSpec:
        'lighthouse 1.x fails the evaluation on a pass-criterion parse error ("error with <sli>"); older releases ignored the error ' +
        'and counted the criterion as not met. Both differ from what the author wrote.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (parseCriteriaString, evaluateCriteriaSet)',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/converter/slo_converter.go (unparsable criteria abort the conversion)',
        'https://github.com/keptn/keptn/issues/6160 (AND/OR of criteria)',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      for (const o of slo.objectives) {
        const name = q(objectiveName(o));
        for (const kind of ['pass', 'warning'] as const) {
          if (malformedGroups(o, kind)) {
            context.report({
              message: `${kind} of objective ${name} is not a list of criteria groups: Keptn v1 failed to parse the whole SLO; write "${kind}: [{criteria: [...]}]"`,
              at: o.src.at(kind),
            });
            continue;
          }
          const severity = kind === 'pass' ? 'blocker' : 'warning';
          for (const group of o[kind]) {
            const critRef = group.src.at('criteria');
            const raw = rawAt(critRef);
            if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
              context.report({
                message: `criteria of a ${kind} group of objective ${name} is not a list: Keptn v1 failed to parse the whole SLO; write one criterion per list item`,
                at: critRef,
              });
              continue;
            }
            if (group.criteria === null || group.criteria.length === 0) {
              const effect = kind === 'pass' ? 'the objective always passes and its weight lowers the total score' : 'the objective never fails (at worst warning)';
              context.report({
                message: `${kind} group of objective ${name} has no criteria: Keptn v1 treated it as always met, so ${effect}; an AnalysisDefinition target: {} always passes too: add criteria or remove the group`,
                at: critRef.exists() ? { ref: critRef, target: 'key' } : group.src,
                severity: 'warning',
              });
              continue;
            }
            for (const c of group.criteria) {
              if (c.parsed.kind !== 'invalid') continue;
              const effect = kind === 'pass' ? 'lighthouse failed the whole evaluation' : 'lighthouse ignored the error and the criterion never matched';
              const text = criterionText(c);
              const hint = /=[<>]/.test(text.replace(/ /g, '')) ? ' (the operator is written >= or <=, not => or =<)' : '';
              context.report({
                message: `${kind} criterion ${q(text)} of objective ${name} is invalid: ${c.parsed.reason}${hint}; ${effect}`,
                at: c.src,
                severity,
              });
            }
          }
        }
      }
    }
  },
});
