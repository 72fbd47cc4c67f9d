import { defineRule } from '../engine/rule.js';
import { goParseFloat } from '../formats/slo-criteria.js';
import { isInformative } from '../formats/slo.js';
import { q, rawAt, standardSlos } from './lib/quality-gates.js';

/** lighthouse: strings.TrimSuffix(v, "%") then strconv.ParseFloat */
function percent(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  return goParseFloat(v.endsWith('%') ? v.slice(0, -1) : v);
}

function shown(raw: unknown): string {
  return typeof raw === 'string' ? q(raw) : String(raw);
}

/** a target written as a ratio (0.9 for 90 %); whole-number and range issues are slo-score-threshold-not-exact's */
function ratioProblem(key: 'pass' | 'warning', raw: unknown, value: number): string | undefined {
  if (!(value > 0 && value < 1)) return undefined;
  const field = key === 'pass' ? 'passPercentage' : 'warningPercentage';
  return `total_score.${key} ${shown(raw)} means ${value} %, not ${Number((value * 100).toPrecision(12))} %: Keptn v1 compared the score with ${value} %; check the intended value before writing ${field}`;
}

export default defineRule({
  id: 'slo-total-score',
  meta: {
    description: 'The SLO\'s total_score is missing, unparsable or inconsistent, or the SLO has no objectives',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'blocker',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'lighthouse needs `total_score.pass` as soon as one objective has pass criteria: a missing value errored ("no target score ' +
        'defined") and an unparsable one ("could not parse pass target percentage") failed every evaluation; an unparsable ' +
        '`warning` errored whenever the score fell below pass; `objectives: []` always failed. The AnalysisDefinition requires ' +
        'passPercentage and warningPercentage with warningPercentage < passPercentage (webhook): a v1 file with warning ≥ pass ' +
        '(the warning band could never be reached) is rejected as written. Targets written as ratios (`pass: 0.9`) meant ' +
        '0.9 %. Whole-number and missing-warning differences are reported by slo-score-threshold-not-exact.',
      instead:
        'Write `total_score: {pass: "90%", warning: "75%"}`; keptn-migrate converts it to ' +
        '`totalScore: {passPercentage: 90, warningPercentage: 75}`. Pick a warning below pass.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (calculateScore)',
        'https://github.com/keptn/keptn/issues/9198 (empty objectives)',
        'keptn/lifecycle-toolkit@40e195d metrics-operator/api/v1/analysisdefinition_webhook.go (warningPercentage < passPercentage)',
        'keptn/lifecycle-toolkit metrics-operator/config/crd/bases/metrics.keptn.sh_analysisdefinitions.yaml@keptn-v2.5.0 (totalScore)',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      if (slo.objectives.length === 0) {
        context.report({
          message: 'the SLO has no objectives: Keptn v1 failed every evaluation of this service; an AnalysisDefinition needs at least one objective',
          at: { ref: slo.src.at('objectives'), target: 'key' },
        });
        continue;
      }
      const scored = slo.objectives.some((o) => !isInformative(o));
      const ts = slo.totalScore;
      const passRaw = ts ? rawAt(ts.src.at('pass')) : undefined;
      const pass = percent(ts?.pass);
      if (ts?.pass === undefined || ts.pass === '' || pass === undefined) {
        const what = !ts ? 'total_score is missing' : ts.pass === undefined || ts.pass === '' ? 'total_score.pass is missing' : `total_score.pass ${shown(passRaw)} is not a number`;
        const at = !ts ? { ref: slo.src.at('objectives'), target: 'key' as const } : ts.pass === undefined ? { ref: ts.src, target: 'key' as const } : ts.src.at('pass');
        if (scored) {
          const err = ts?.pass && pass === undefined ? 'could not parse pass target percentage' : 'no target score defined';
          context.report({ message: `${what}: Keptn v1 failed every evaluation ("${err}"); the AnalysisDefinition needs totalScore.passPercentage`, at });
        } else {
          context.report({
            message: `${what}: Keptn v1 did not read it because every objective is informative (score 100, pass); the AnalysisDefinition still needs totalScore`,
            at,
            severity: 'info',
          });
        }
        continue;
      }
      const passAt = ts.src.at('pass');
      const passProblem = ratioProblem('pass', passRaw, pass);
      if (passProblem) context.report({ message: passProblem, at: passAt, severity: 'warning' });
      const warningRaw = rawAt(ts.src.at('warning'));
      if (ts.warning === undefined || ts.warning === '') continue;
      const warning = percent(ts.warning);
      if (warning === undefined) {
        context.report({
          message: `total_score.warning ${shown(warningRaw)} is not a number: Keptn v1 failed the evaluation ("could not parse warning target percentage") whenever the score was below pass`,
          at: ts.src.at('warning'),
          ...(scored ? {} : { severity: 'info' as const }),
        });
      } else if (warning >= pass) {
        context.report({
          message: `total_score.warning ${shown(warningRaw)} is not below pass ${shown(passRaw)}: Keptn v1 never returned warning for this SLO; the AnalysisDefinition webhook rejects warningPercentage >= passPercentage`,
          at: ts.src.at('warning'),
          severity: 'warning',
        });
      } else {
        const problem = ratioProblem('warning', warningRaw, warning);
        if (problem) context.report({ message: problem, at: ts.src.at('warning'), severity: 'warning' });
      }
    }
  },
});
