import type { Objective } from '../model/types.js';
import type { SourceRef } from '../model/source-ref.js';
import {
  complement,
  difference,
  intersect,
  endpoints,
  equals,
  formatSet,
  union,
  type IntervalSet,
} from './intervals.js';
import { candidateOperators, operatorSet, type KltOperator } from './klt-operator.js';
import { objectiveSets, type ObjectiveSets } from './objective-sets.js';

export interface Loss {
  at: SourceRef;
  /** what cannot be carried over and what keptn-migrate did instead */
  reason: string;
  /** where the verdicts differ, as a set of values (`(-∞, 0)`), when the loss is about values */
  values?: string;
}

export interface ObjectiveTranslation {
  objective: Objective;
  failure?: KltOperator;
  warning?: KltOperator;
  /** every value gets Keptn v1's verdict (on a first evaluation, for relative criteria see losses) */
  exact: boolean;
  /** values whose verdict differs between Keptn v1 and the KLT target */
  differing: IntervalSet;
  losses: Loss[];
  sets: ObjectiveSets;
}

interface Scored {
  failure?: KltOperator;
  warning?: KltOperator;
  differing: IntervalSet;
  cost: number;
  preference: number;
}

/**
 * Picks the failure and warning operators under which every value gets the verdict Keptn v1 gave it:
 * KLT fails on `failure`, else warns on `warning`, else passes; Keptn v1 passes on `pass`, else warns on
 * `warning`, else fails. Where no pair of single operators is exact, the pair whose differing values are
 * smallest is chosen and the difference is recorded as a loss.
 */
export function translateObjective(o: Objective): ObjectiveTranslation {
  const sets = objectiveSets(o);
  const losses: Loss[] = [];
  for (const c of sets.relative) {
    losses.push({
      at: c.src,
      reason: `relative criterion "${String(c.raw)}" compares with previous evaluations, which KLT analyses cannot; it is left out, so the KLT verdict is Keptn v1's verdict on a first evaluation (no previous results)`,
    });
  }
  for (const c of sets.invalidPass) {
    losses.push({
      at: c.src,
      reason: `invalid pass criterion "${String(c.raw)}": Keptn v1 failed every evaluation of this SLO because of it; it is left out of the KLT objective`,
      values: '(-∞, ∞)',
    });
  }
  for (const g of sets.vacuousPass) {
    losses.push({
      at: g.src,
      reason: 'a pass group with no criteria always passes, but Keptn v1 left this objective\'s score out of the total while counting its weight; KLT counts both, so total scores differ',
    });
  }

  const pass = sets.pass;
  const warnOnly = difference(sets.warning, pass);
  const fail = complement(union(pass, sets.warning));
  const notPass = complement(pass);
  const points = endpoints(pass, sets.warning);
  const candidates: (KltOperator | undefined)[] = [undefined, ...candidateOperators(points)];

  let best: Scored | undefined;
  for (const f of candidates) {
    const fSet = operatorSet(f);
    for (const w of candidates) {
      const wSet = operatorSet(w);
      const kltFail = fSet;
      const kltWarn = difference(wSet, fSet);
      const kltPass = complement(union(fSet, wSet));
      const differing = union(symmetric(kltPass, pass), symmetric(kltWarn, warnOnly), symmetric(kltFail, fail));
      // a KLT verdict better than Keptn v1's (a bad release passing) is worse than a stricter one
      const lenient = union(intersect(kltPass, complement(pass)), intersect(kltWarn, fail));
      const cost = measure(differing) + 9 * measure(lenient);
      const preference = w === undefined ? 0 : equals(wSet, notPass) ? 1 : equals(wSet, warnOnly) ? 2 : 3;
      if (!best || cost < best.cost || (cost === best.cost && preference < best.preference)) {
        best = { failure: f, warning: w, differing, cost, preference };
      }
    }
  }
  const chosen = best as Scored;
  if (sets.invalidPass.length > 0) chosen.differing = complement([]);
  const exact = chosen.differing.length === 0;
  if (!exact && sets.invalidPass.length === 0) {
    losses.push({
      at: o.src,
      reason: `no single KLT failure/warning operator pair expresses Keptn v1's criteria exactly (pass ${formatSet(pass)}, warning ${formatSet(warnOnly)}); the closest one is used`,
      values: formatSet(chosen.differing),
    });
  }
  return {
    objective: o,
    failure: chosen.failure,
    warning: chosen.warning,
    exact: exact && sets.relative.length === 0 && sets.invalidPass.length === 0 && sets.vacuousPass.length === 0,
    differing: chosen.differing,
    losses,
    sets,
  };
}

function symmetric(a: IntervalSet, b: IntervalSet): IntervalSet {
  return union(difference(a, b), difference(b, a));
}

/**
 * How bad a set of differing values is: unbounded ranges cost most, and negative ones less than positive ones
 * (SLIs are mostly rates, latencies and counts, which are never negative); then total length, then single points.
 */
function measure(set: IntervalSet): number {
  let cost = 0;
  for (const i of set) {
    if (i.hi === Infinity) cost += 1e15;
    else if (i.lo === -Infinity) cost += i.hi <= 0 ? 1e12 : 1e14;
    else cost += i.hi - i.lo + 1e-6;
  }
  return cost;
}

