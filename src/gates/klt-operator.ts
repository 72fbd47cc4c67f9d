import { above, below, complement, EMPTY, equals, interval, point, type Interval, type IntervalSet } from './intervals.js';

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

/**
 * The one operator the webhook accepts whose values are exactly `set` (undefined: the empty set, no operator), or null
 * when none has exactly that set. Each operator has a set of its own, so at most one does.
 */
export function exactOperator(set: IntervalSet): KltOperator | undefined | null {
  if (set.length === 0) return undefined;
  const [a, b] = set as [Interval, Interval | undefined];
  let op: KltOperator | null = null;
  if (b === undefined) {
    if (a.lo === -Infinity && a.hi !== Infinity) op = { op: a.hiClosed ? 'lessThanOrEqual' : 'lessThan', value: a.hi };
    else if (a.hi === Infinity && a.lo !== -Infinity) op = { op: a.loClosed ? 'greaterThanOrEqual' : 'greaterThan', value: a.lo };
    else if (a.lo === a.hi) op = { op: 'equalTo', value: a.lo };
    else if (a.lo !== -Infinity && a.hi !== Infinity) op = { op: 'inRange', low: a.lo, high: a.hi };
  } else if (set.length === 2 && a.lo === -Infinity && b.hi === Infinity && a.hi < b.lo) {
    op = { op: 'notInRange', low: a.hi, high: b.lo };
  }
  return op && equals(operatorSet(op), set) ? op : null;
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
