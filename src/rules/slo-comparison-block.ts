import { defineRule } from '../engine/rule.js';
import type { Severity } from '../core/types.js';
import { comparisonCount } from '../formats/slo.js';
import { knownAggregate, q, relativeCount, standardSlos } from './lib/quality-gates.js';

const INCLUDE = new Map([
  ['all', 'evaluations of any result'],
  ['pass', 'only passed evaluations'],
  ['pass_or_warn', 'only passed or warning evaluations'],
]);

export default defineRule({
  id: 'slo-comparison-block',
  meta: {
    description: 'The SLO has a comparison block (compare_with, number_of_comparison_results, ...), which KLT cannot express',
    pack: 'keptn',
    category: 'quality-gates',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'The comparison block tells lighthouse which previous evaluations relative criteria are compared with. KLT keeps no ' +
        'evaluation history, so the block is dropped (the official converter ignores it too). Findings are warnings when the SLO ' +
        'has relative criteria (the block decided their baseline) and info when it has none (the block had no effect). Odd values ' +
        'are reported separately: an unknown aggregate_function made lighthouse compare with 0.',
      instead:
        'Nothing to convert. For the relative criteria themselves see slo-relative-criterion and slo-unsigned-percent-criterion ' +
        '(absolute thresholds, a KeptnMetric `range.aggregation`, or an external check).',
      codeVsSpec:
        'The spec makes comparison required; lighthouse treats it as optional. Without the block it compares with 1 result; with ' +
        'the block, a missing or 0 number_of_comparison_results becomes 3, compare_with other than single_result/several_results ' +
        'means 3, number_of_comparison_results is only read with several_results (keptn/spec#21), include_result_with_score other ' +
        'than pass/pass_or_warn does not filter, and an aggregate_function other than avg/p50/p90/p95 yields 0.',
      sources: [
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/common.go (parseSLO defaults)',
        'keptn/keptn@318a3d5 lighthouse-service/event_handler/evaluate_sli_handler.go (getPreviousEvaluations, aggregateValues)',
        'https://github.com/keptn/spec/issues/21',
      ],
    },
  },
  check(project, context) {
    for (const slo of standardSlos(project)) {
      const c = slo.comparison;
      if (!c) continue;
      const relative = relativeCount(slo);
      const severity: Severity = relative > 0 ? 'warning' : 'info';
      const n = comparisonCount(slo);
      const agg = c.aggregateFunction || 'avg';
      const include = INCLUDE.get((c.includeResultWithScore ?? 'all').toLowerCase()) ?? 'evaluations of any result';
      let window: string;
      if (!knownAggregate(c.aggregateFunction)) window = `0 (aggregate_function ${q(c.aggregateFunction)} is unknown) instead of previous values`;
      else if (n === 1) window = 'the previous evaluation';
      else if (c.compareWith === 'several_results') {
        const defaulted = !c.numberOfComparisonResults ? ' (number_of_comparison_results defaults to 3 when the block is present)' : '';
        window = `the ${agg} of the last ${n} evaluations${defaulted}`;
      } else window = `the ${agg} of the last 3 evaluations (compare_with is ${c.compareWith === undefined ? 'missing' : 'not single_result or several_results'})`;
      const message =
        relative > 0
          ? `comparison block: Keptn v1 compared the ${relative === 1 ? 'relative criterion' : `${relative} relative criteria`} of this SLO with ${window}, counting ${include}; ` +
            'KLT keeps no evaluation history, the block has no equivalent and is dropped'
          : 'comparison block has no effect (no criterion of this SLO is relative) and no KLT equivalent; it is dropped';
      context.report({ message, at: { ref: c.src, target: 'key' }, severity });

      if (!knownAggregate(c.aggregateFunction)) {
        context.report({
          message: `aggregate_function ${q(c.aggregateFunction)} is not avg, p50, p90 or p95: Keptn v1 aggregated the previous values to 0, so relative criteria compared against 0`,
          at: c.src.at('aggregate_function'),
          severity,
        });
      }
      if (c.compareWith !== undefined && c.compareWith !== 'single_result' && c.compareWith !== 'several_results') {
        context.report({
          message: `compare_with ${q(c.compareWith)} is neither single_result nor several_results: Keptn v1 compared with the last 3 evaluations`,
          at: c.src.at('compare_with'),
          severity,
        });
      }
      const written = c.numberOfComparisonResults;
      if (written !== undefined && written !== 0 && c.compareWith !== 'several_results' && written !== n) {
        context.report({
          message: `number_of_comparison_results ${written} is only read with compare_with: several_results; Keptn v1 compared with ${n} evaluation${n === 1 ? '' : 's'}`,
          at: c.src.at('number_of_comparison_results'),
          severity,
        });
      }
      const inc = c.includeResultWithScore;
      if (inc !== undefined && !INCLUDE.has(inc.toLowerCase())) {
        context.report({
          message: `include_result_with_score ${q(inc)} is not all, pass or pass_or_warn: Keptn v1 did not filter the previous evaluations by result`,
          at: c.src.at('include_result_with_score'),
          severity,
        });
      }
    }
  },
});
