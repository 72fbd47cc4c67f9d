import type { AbsoluteCriterion } from '../formats/slo-criteria.js';
import type { Criterion, CriteriaGroup, Objective } from '../model/types.js';
import { above, below, EMPTY, intersect, point, REALS, union, type IntervalSet } from './intervals.js';

/** What an objective's criteria mean as sets of values, and what of them has no set form. */
export interface ObjectiveSets {
  pass: IntervalSet;
  warning: IntervalSet;
  relative: Criterion[];
  invalidPass: Criterion[];
  invalidWarning: Criterion[];
  /** `criteria: null` groups: vacuously true, but lighthouse left the objective's score out of the total */
  vacuousPass: CriteriaGroup[];
}

export function criterionSet(c: AbsoluteCriterion): IntervalSet {
  switch (c.operator) {
    case '<':
      return below(c.value, false);
    case '<=':
      return below(c.value, true);
    case '=':
      return point(c.value);
    case '>=':
      return above(c.value, true);
    case '>':
      return above(c.value, false);
  }
}

/** Pass and warning as sets: groups OR-ed, criteria in a group AND-ed; relative criteria hold (first evaluation). */
export function objectiveSets(o: Objective): ObjectiveSets {
  const out: ObjectiveSets = { pass: EMPTY, warning: EMPTY, relative: [], invalidPass: [], invalidWarning: [], vacuousPass: [] };
  const groupsSet = (groups: CriteriaGroup[], kind: 'pass' | 'warning'): IntervalSet => {
    let set: IntervalSet = EMPTY;
    for (const g of groups) {
      if (g.criteria === null || g.criteria.length === 0) {
        if (kind === 'pass') out.vacuousPass.push(g);
        set = union(set, REALS);
        continue;
      }
      let groupSet: IntervalSet = REALS;
      for (const c of g.criteria) {
        if (c.parsed.kind === 'relative') out.relative.push(c);
        else if (c.parsed.kind === 'invalid') {
          (kind === 'pass' ? out.invalidPass : out.invalidWarning).push(c);
          if (kind === 'warning') groupSet = EMPTY;
        } else groupSet = intersect(groupSet, criterionSet(c.parsed));
      }
      set = union(set, groupSet);
    }
    return set;
  };
  out.pass = groupsSet(o.pass, 'pass');
  out.warning = groupsSet(o.warning, 'warning');
  return out;
}
