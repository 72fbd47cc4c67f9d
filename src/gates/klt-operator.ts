import { above, below, complement, EMPTY, interval, point, type IntervalSet } from './intervals.js';

/** One AnalysisDefinition target operator (metrics.keptn.sh/v1 `target.failure` / `target.warning`). */
export type KltOperator =
  | { op: 'lessThan' | 'lessThanOrEqual' | 'greaterThan' | 'greaterThanOrEqual' | 'equalTo'; value: number }
  | { op: 'inRange' | 'notInRange'; low: number; high: number };

/** The values an operator matches (metrics-operator analysis: inRange is closed, notInRange is its open complement). */
export function operatorSet(o: KltOperator | undefined): IntervalSet {
  if (!o) return EMPTY;
  switch (o.op) {
    case 'lessThan':
      return below(o.value, false);
    case 'lessThanOrEqual':
      return below(o.value, true);
    case 'greaterThan':
      return above(o.value, false);
    case 'greaterThanOrEqual':
      return above(o.value, true);
    case 'equalTo':
      return point(o.value);
    case 'inRange':
      return interval(o.low, true, o.high, true);
    case 'notInRange':
      return complement(interval(o.low, true, o.high, true));
  }
}

/** Every operator built from the given boundary values that the AnalysisDefinition webhook accepts (lowBound < highBound). */
export function candidateOperators(points: readonly number[]): KltOperator[] {
  const out: KltOperator[] = [];
  for (const v of points) {
    for (const op of ['lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'equalTo'] as const) out.push({ op, value: v });
  }
  for (let a = 0; a < points.length; a++) {
    for (let b = a + 1; b < points.length; b++) {
      const low = points[a] as number;
      const high = points[b] as number;
      if (low < high) out.push({ op: 'inRange', low, high }, { op: 'notInRange', low, high });
    }
  }
  return out;
}

export function formatOperator(o: KltOperator | undefined): string {
  if (!o) return 'none';
  switch (o.op) {
    case 'inRange':
    case 'notInRange':
      return `${o.op} [${o.low}, ${o.high}]`;
    default:
      return `${o.op} ${o.value}`;
  }
}
