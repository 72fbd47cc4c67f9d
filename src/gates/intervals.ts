/**
 * Sets of real numbers as sorted, disjoint, non-adjacent unions of intervals with open or closed ends.
 * Quality-gate criteria are half-lines and points, so every set the gates produce is exactly one of these.
 */
export interface Interval {
  lo: number;
  loClosed: boolean;
  hi: number;
  hiClosed: boolean;
}

export type IntervalSet = readonly Interval[];

export const EMPTY: IntervalSet = [];
export const REALS: IntervalSet = [{ lo: -Infinity, loClosed: false, hi: Infinity, hiClosed: false }];

export function interval(lo: number, loClosed: boolean, hi: number, hiClosed: boolean): IntervalSet {
  return normalize([{ lo, loClosed: loClosed && lo !== -Infinity, hi, hiClosed: hiClosed && hi !== Infinity }]);
}

export const point = (v: number): IntervalSet => interval(v, true, v, true);
export const below = (v: number, closed: boolean): IntervalSet => interval(-Infinity, false, v, closed);
export const above = (v: number, closed: boolean): IntervalSet => interval(v, closed, Infinity, false);

function isEmpty(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && !(i.loClosed && i.hiClosed));
}

/** sorts, drops empties, merges overlapping and touching intervals */
export function normalize(items: readonly Interval[]): IntervalSet {
  if (items.length === 1) {
    const only = items[0] as Interval;
    return isEmpty(only) ? EMPTY : [{ ...only }];
  }
  const sorted = items.filter((i) => !isEmpty(i)).sort((a, b) => a.lo - b.lo || Number(b.loClosed) - Number(a.loClosed));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && (i.lo < last.hi || (i.lo === last.hi && (i.loClosed || last.hiClosed)))) {
      if (i.hi > last.hi) {
        last.hi = i.hi;
        last.hiClosed = i.hiClosed;
      } else if (i.hi === last.hi) {
        last.hiClosed = last.hiClosed || i.hiClosed;
      }
    } else {
      out.push({ ...i });
    }
  }
  return out;
}

export function union(...sets: IntervalSet[]): IntervalSet {
  // a loop, not sets.flat(): flat() is V8's generic path, the slowest part of the gate search
  const all: Interval[] = [];
  for (const set of sets) for (const i of set) all.push(i);
  return normalize(all);
}

export function complement(set: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let lo = -Infinity;
  let loClosed = false;
  for (const i of set) {
    out.push({ lo, loClosed, hi: i.lo, hiClosed: !i.loClosed && i.lo !== -Infinity });
    lo = i.hi;
    loClosed = !i.hiClosed && i.hi !== Infinity;
  }
  out.push({ lo, loClosed, hi: Infinity, hiClosed: false });
  return normalize(out.filter((i) => !(i.lo === -Infinity && i.hi === -Infinity) && !(i.lo === Infinity)));
}

/** two-pointer intersection of normalised sets */
export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const lo = Math.max(x.lo, y.lo);
    const loClosed = x.lo === y.lo ? x.loClosed && y.loClosed : x.lo > y.lo ? x.loClosed : y.loClosed;
    const hi = Math.min(x.hi, y.hi);
    const hiClosed = x.hi === y.hi ? x.hiClosed && y.hiClosed : x.hi < y.hi ? x.hiClosed : y.hiClosed;
    if (lo < hi || (lo === hi && loClosed && hiClosed)) out.push({ lo, loClosed, hi, hiClosed });
    if (x.hi < y.hi || (x.hi === y.hi && !x.hiClosed)) i++;
    else j++;
  }
  return out;
}

export function difference(a: IntervalSet, b: IntervalSet): IntervalSet {
  return intersect(a, complement(b));
}

export function equals(a: IntervalSet, b: IntervalSet): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, k) => {
    const y = b[k] as Interval;
    return x.lo === y.lo && x.hi === y.hi && x.loClosed === y.loClosed && x.hiClosed === y.hiClosed;
  });
}

export function isSubset(a: IntervalSet, b: IntervalSet): boolean {
  return difference(a, b).length === 0;
}

export function contains(set: IntervalSet, v: number): boolean {
  return set.some((i) => (v > i.lo || (v === i.lo && i.loClosed)) && (v < i.hi || (v === i.hi && i.hiClosed)));
}

/** every finite end point, sorted */
export function endpoints(...sets: IntervalSet[]): number[] {
  const out = new Set<number>();
  for (const s of sets) for (const i of s) for (const v of [i.lo, i.hi]) if (Number.isFinite(v)) out.add(v);
  return [...out].sort((x, y) => x - y);
}

/** `(-∞, 600) ∪ {800}` */
export function formatSet(set: IntervalSet): string {
  if (set.length === 0) return '∅';
  return set
    .map((i) => {
      if (i.lo === i.hi) return `{${fmt(i.lo)}}`;
      return `${i.loClosed ? '[' : '('}${fmt(i.lo)}, ${fmt(i.hi)}${i.hiClosed ? ']' : ')'}`;
    })
    .join(' ∪ ');
}

function fmt(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '-∞';
  return String(v);
}

/** values that tell two sets apart: each end point, and a value inside every gap and beyond both ends */
export function sampleValues(points: readonly number[]): number[] {
  const sorted = [...new Set(points.filter(Number.isFinite))].sort((a, b) => a - b);
  if (sorted.length === 0) return [0];
  const out: number[] = [(sorted[0] as number) - 1];
  for (let k = 0; k < sorted.length; k++) {
    const v = sorted[k] as number;
    out.push(v);
    const next = sorted[k + 1];
    out.push(next === undefined ? v + 1 : v + (next - v) / 2);
  }
  return out;
}
