import { asArray, asString, asStringMap, get, hasKey } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';
import type { Comparison, CriteriaGroup, Objective, Scope, Slo, SloVariant } from '../model/types.js';
import { parseCriterion } from './slo-criteria.js';

/** Reads slo.yaml with lighthouse-service's defaults (keptn-v1-formats.md §3.2). */
export function readSlo(src: SourceRef, value: unknown, scope: Scope, pitometer: boolean): Slo {
  const objectives = pitometer ? [] : asArray(get(value, 'objectives')).flatMap((o, i) => (o === null ? [] : [readObjective(src.at('objectives', i), o, i)]));
  const total = get(value, 'total_score');
  return {
    src,
    scope,
    variant: pitometer ? 'pitometer' : detectVariant(value),
    specVersion: asString(get(value, 'spec_version')),
    filter: asStringMap(get(value, 'filter')),
    comparison: hasKey(value, 'comparison') && get(value, 'comparison') !== null ? readComparison(src.at('comparison'), get(value, 'comparison')) : undefined,
    objectives,
    totalScore: hasKey(value, 'total_score')
      ? { pass: asString(get(total, 'pass')), warning: asString(get(total, 'warning')), src: src.at('total_score') }
      : undefined,
  };
}

function readObjective(src: SourceRef, value: unknown, index: number): Objective {
  const weightRaw = get(value, 'weight');
  // yaml.v3 decodes a float into the int field by truncating it (1.5 → 1)
  const weightNum = typeof weightRaw === 'number' ? Math.trunc(weightRaw) : undefined;
  const key = get(value, 'key_sli');
  return {
    src,
    index,
    sli: asString(get(value, 'sli')) ?? '',
    displayName: asString(get(value, 'displayName')),
    pass: readGroups(src, value, 'pass'),
    warning: readGroups(src, value, 'warning'),
    weightRaw,
    weight: weightNum === undefined || weightNum === 0 ? 1 : weightNum,
    // yaml.v3 accepts YAML 1.1 booleans (yes/on/y) when decoding into a bool field
    keySli: key === true || (typeof key === 'string' && /^(y|yes|on|true)$/i.test(key) && !isQuoted(src, 'key_sli')),
  };
}

function readGroups(src: SourceRef, value: unknown, key: 'pass' | 'warning'): CriteriaGroup[] {
  return asArray(get(value, key)).map((group, g) => {
    const groupSrc = src.at(key, g);
    const criteria = get(group, 'criteria');
    if (criteria === null || criteria === undefined) return { src: groupSrc, criteria: null };
    return {
      src: groupSrc,
      criteria: asArray(criteria).map((raw, c) => ({ src: groupSrc.at('criteria', c), raw, parsed: parseCriterion(raw) })),
    };
  });
}

function readComparison(src: SourceRef, value: unknown): Comparison {
  const n = get(value, 'number_of_comparison_results');
  return {
    src,
    compareWith: asString(get(value, 'compare_with')),
    includeResultWithScore: asString(get(value, 'include_result_with_score')),
    numberOfComparisonResults: typeof n === 'number' ? n : undefined,
    aggregateFunction: asString(get(value, 'aggregate_function')),
  };
}

/** dynatrace-service's dashboard mode writes every field, `spec_version: ""` and `displayName: ""`. */
function detectVariant(value: unknown): SloVariant {
  if (get(value, 'spec_version') !== '') return 'standard';
  const objectives = asArray(get(value, 'objectives'));
  if (objectives.length > 0 && objectives.every((o) => hasKey(o, 'key_sli') && hasKey(o, 'weight') && hasKey(o, 'displayName'))) {
    return 'dashboard-generated';
  }
  return 'standard';
}

/** Number of previous evaluations lighthouse compared with (§3.5). */
export function comparisonCount(slo: Slo): number {
  const c = slo.comparison;
  if (!c) return 1;
  if (c.compareWith === 'single_result') return 1;
  if (c.compareWith === 'several_results') return c.numberOfComparisonResults && c.numberOfComparisonResults > 0 ? c.numberOfComparisonResults : 3;
  return 3;
}

export function isInformative(o: Objective): boolean {
  return o.pass.length === 0;
}

/** whether the scalar at `key` was written in quotes (a quoted "yes" is a string, a plain one a YAML 1.1 boolean) */
function isQuoted(src: SourceRef, key: string): boolean {
  const at = src.at(key);
  if (!at.exists()) return false;
  const ch = at.file.text[at.range().start];
  return ch === '"' || ch === "'";
}
