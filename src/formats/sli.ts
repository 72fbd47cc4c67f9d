import { asArray, asDict, asString, get, lookupTable } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';
import type { Scope, SliFile } from '../model/types.js';

export const KLT_PROVIDERS = new Set(['prometheus', 'dynatrace', 'dql', 'datadog', 'cortex', 'thanos', 'elastic']);

export function readSli(src: SourceRef, value: unknown, scope: Scope, provider: string, providerFrom: SliFile['providerFrom']): SliFile {
  if (Array.isArray(get(value, 'indicators'))) {
    return {
      src,
      scope,
      provider: provider === 'pitometer' ? 'unknown' : provider,
      providerFrom,
      pitometer: true,
      indicators: asArray(get(value, 'indicators')).map((ind, i) => ({
        src: src.at('indicators', i),
        name: asString(get(ind, 'metric')) ?? '',
        query: get(ind, 'query'),
      })),
    };
  }
  const indicators = Object.entries(asDict(get(value, 'indicators')) ?? {}).map(([name, query]) => ({
    src: src.at('indicators', name),
    name,
    query,
  }));
  return { src, scope, provider, providerFrom, pitometer: false, indicators };
}

export interface Placeholder {
  name: string;
  /** offset of the `$` in the query */
  index: number;
  length: number;
}

/** `$NAME`, `$name`, `$LABEL.key`, `$ENV.var` placeholders, as the providers' plain string replacement sees them. */
export function findPlaceholders(query: string): Placeholder[] {
  const out: Placeholder[] = [];
  const re = /\$((?:LABEL|ENV)\.[A-Za-z0-9_.-]+|[A-Za-z_][A-Za-z0-9_]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(query))) out.push({ name: m[1] as string, index: m.index, length: m[0].length });
  return out;
}

/** Placeholders each provider replaced (keptn-v1-formats.md §4.2-4.4); anything else stays literal. No prototype: indexed by input. */
export const PROVIDER_PLACEHOLDERS = lookupTable<Set<string>>({
  prometheus: new Set(['PROJECT', 'STAGE', 'SERVICE', 'DEPLOYMENT', 'DURATION_SECONDS']),
  dynatrace: new Set(['CONTEXT', 'EVENT', 'SOURCE', 'PROJECT', 'STAGE', 'SERVICE', 'DEPLOYMENT', 'TESTSTRATEGY']),
  datadog: new Set(['PROJECT', 'STAGE', 'SERVICE', 'DURATION', 'project', 'stage', 'service']),
});

export const DYNATRACE_QUERY_PREFIX = /^(MV2;[A-Za-z]+;|SLO;|PV2;|SECPV2;|USQL;)/;
