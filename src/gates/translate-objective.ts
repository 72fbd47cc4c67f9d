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
import { candidateOperators, exactOperator, operatorSet, type KltOperator } from './klt-operator.js';
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

  const chosen: Scored = { ...chooseOperators(sets.pass, sets.warning) };
  if (sets.invalidPass.length > 0) chosen.differing = complement([]);
  const exact = chosen.differing.length === 0;
  if (!exact && sets.invalidPass.length === 0) {
    losses.push({
      at: o.src,
      reason: `no single KLT failure/warning operator pair expresses Keptn v1's criteria exactly (pass ${formatSet(sets.pass)}, warning ${formatSet(difference(sets.warning, sets.pass))}); the closest one is used`,
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

const cache = new Map<string, Scored>();
const CACHE_LIMIT = 10_000;

/**
 * The failure/warning pair for a pass set and a warning set. SLOs repeat the same criteria across services and
 * stages, so the choice is cached by the two sets. An exact pair is derived from the sets first; the candidates are
 * built and searched only when that finds none.
 */
function chooseOperators(pass: IntervalSet, warning: IntervalSet): Scored {
  const key = `${formatSet(pass)}|${formatSet(warning)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = search(pass, warning);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, result);
  return result;
}

function search(pass: IntervalSet, warning: IntervalSet): Scored {
  const warnOnly = difference(warning, pass);
  const fail = complement(union(pass, warning));
  const notPass = complement(pass);
  // KLT gives Keptn v1's verdict for every value: it warns exactly where Keptn v1 warned and passes where it passed
  const exactPair = (fSet: IntervalSet, wSet: IntervalSet) => equals(difference(wSet, fSet), warnOnly) && equals(complement(union(fSet, wSet)), pass);
  // An exact pair fails exactly where Keptn v1 failed, and one operator has each set: the failure is that one, if any.
  // The warning is, by preference, none, the operator of "not pass", the one of "warning only" (at most one candidate
  // each, so they need no candidates built), else the first candidate that completes the pair.
  const failure = exactOperator(fail);
  const fSet = failure === null ? undefined : operatorSet(failure);
  const exactWith = (w: KltOperator | undefined) => fSet !== undefined && exactPair(fSet, operatorSet(w));
  if (failure !== null) {
    if (exactWith(undefined)) return { failure, warning: undefined, differing: [], cost: 0, preference: 0 };
    const onNotPass = exactOperator(notPass);
    if (onNotPass && exactWith(onNotPass)) return { failure, warning: onNotPass, differing: [], cost: 0, preference: 1 };
    const onWarnOnly = exactOperator(warnOnly);
    if (onWarnOnly && !equals(warnOnly, notPass) && exactWith(onWarnOnly)) return { failure, warning: onWarnOnly, differing: [], cost: 0, preference: 2 };
  }

  const operators: (KltOperator | undefined)[] = [undefined, ...candidateOperators(endpoints(pass, warning))];
  const candidates = operators.map((op) => {
    const set = operatorSet(op);
    return { op, set, preference: op === undefined ? 0 : equals(set, notPass) ? 1 : equals(set, warnOnly) ? 2 : 3 };
  });
  const other = fSet === undefined ? undefined : candidates.find((c) => c.preference === 3 && exactPair(fSet, c.set));
  if (failure !== null && other) return { failure, warning: other.op, differing: [], cost: 0, preference: 3 };

  let best: Scored | undefined;
  for (const f of candidates) {
    for (const w of candidates) {
      const kltWarn = difference(w.set, f.set);
      const kltPass = complement(union(f.set, w.set));
      const differing = union(symmetric(kltPass, pass), symmetric(kltWarn, warnOnly), symmetric(f.set, fail));
      // a KLT verdict better than Keptn v1's (a bad release passing) is worse than a stricter one
      const lenient = union(intersect(kltPass, complement(pass)), intersect(kltWarn, fail));
      const cost = measure(differing) + 9 * measure(lenient);
      if (!best || cost < best.cost || (cost === best.cost && w.preference < best.preference)) {
        best = { failure: f.op, warning: w.op, differing, cost, preference: w.preference };
      }
    }
  }
  return best as Scored;
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

