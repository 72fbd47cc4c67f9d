import type { CriteriaGroup, Objective } from '../model/types.js';
import { formatOperator, type KltOperator } from './klt-operator.js';

/** `<600 AND >100 OR =0`, as Keptn v1 read the groups */
export function describeGroups(groups: CriteriaGroup[]): string {
  if (groups.length === 0) return '—';
  return groups.map((g) => (g.criteria === null || g.criteria.length === 0 ? '(always)' : g.criteria.map((c) => String(c.raw)).join(' AND '))).join(' OR ');
}

export function describeV1(o: Objective): string {
  const w = o.warning.length ? `; warning ${describeGroups(o.warning)}` : '';
  return `pass ${describeGroups(o.pass)}${w}`;
}

export function describeKlt(failure: KltOperator | undefined, warning: KltOperator | undefined): string {
  const parts = [];
  if (failure) parts.push(`failure ${formatOperator(failure)}`);
  if (warning) parts.push(`warning ${formatOperator(warning)}`);
  return parts.length ? parts.join('; ') : 'target {} (always pass)';
}
