import { DYNATRACE_QUERY_PREFIX } from '../formats/sli.js';

/** How the example Analysis fills an argument. */
export type ArgSource =
  | { from: 'project' | 'stage' | 'service' | 'deployment' }
  | { from: 'duration'; unit: 'prometheus' | 'seconds' }
  | { from: 'label'; key: string }
  | { from: 'filter'; key: string; value: string }
  | { from: 'none'; placeholder: string };

export interface ConvertedQuery {
  query: string;
  /** Analysis args the query needs, by Go template variable name */
  args: Map<string, ArgSource>;
  /** what changed meaning, for the loss report */
  notes: string[];
}

const CORE: Record<string, ArgSource> = {
  PROJECT: { from: 'project' },
  STAGE: { from: 'stage' },
  SERVICE: { from: 'service' },
  DEPLOYMENT: { from: 'deployment' },
};

/**
 * Turns a Keptn v1 SLI query into an AnalysisValueTemplate query: each placeholder the provider replaced becomes a
 * Go template variable (`$SERVICE` → `{{.service}}`), replaced in the provider's own order and with its plain string
 * replacement (so `$SERVICE_NAME` becomes `{{.service}}_NAME`, as it did in Keptn v1). Placeholders the provider left
 * alone stay literal.
 */
export function convertQuery(raw: string, provider: string, filter: Record<string, string>): ConvertedQuery {
  const args = new Map<string, ArgSource>();
  const notes: string[] = [];
  let q = raw;
  const put = (placeholder: string, variable: string, source: ArgSource) => {
    if (!q.includes(placeholder)) return;
    q = q.split(placeholder).join(`{{.${variable}}}`);
    args.set(variable, source);
  };
  if (q.includes('{{') || q.includes('}}')) {
    q = q.replace(/\{\{|\}\}/g, (m) => `{{"${m}"}}`);
    notes.push('the query contains "{{" or "}}", escaped for Go templates');
  }
  const filterKeys = Object.keys(filter).sort((a, b) => b.length - a.length);
  const replaceFilters = () => {
    for (const key of filterKeys) {
      const value = (filter[key] ?? '').replace(/^["']|["']$/g, '');
      const variable = `filter_${goIdent(key)}`;
      put(`$${key}`, variable, { from: 'filter', key, value });
      put(`$${key.toUpperCase()}`, variable, { from: 'filter', key, value });
    }
  };
  const replaceLabels = () => {
    for (const m of [...q.matchAll(/\$LABEL\.([A-Za-z0-9_.-]+)/g)].sort((a, b) => (b[1] as string).length - (a[1] as string).length)) {
      const key = m[1] as string;
      put(`$LABEL.${key}`, `label_${goIdent(key)}`, { from: 'label', key });
    }
  };

  if (provider === 'prometheus' || provider === 'thanos' || provider === 'cortex') {
    replaceFilters();
    for (const [name, source] of Object.entries(CORE)) put(`$${name}`, name.toLowerCase(), source);
    replaceLabels();
    put('$DURATION_SECONDS', 'duration', { from: 'duration', unit: 'prometheus' });
  } else if (provider === 'dynatrace' || provider === 'dql') {
    const prefix = DYNATRACE_QUERY_PREFIX.exec(q);
    if (prefix && prefix[1]?.startsWith('MV2;')) {
      q = q.slice(prefix[1].length);
      notes.push(`the "${prefix[1]}" prefix (unit conversion by dynatrace-service) is dropped: KLT returns the metric in its own unit`);
    }
    for (const name of ['CONTEXT', 'EVENT', 'SOURCE', 'TESTSTRATEGY']) {
      if (q.includes(`$${name}`)) notes.push(`$${name} was Keptn event data; KLT has no event, pass a value as the Analysis arg "${name.toLowerCase()}"`);
      put(`$${name}`, name.toLowerCase(), { from: 'none', placeholder: `$${name}` });
    }
    for (const [name, source] of Object.entries(CORE)) put(`$${name}`, name.toLowerCase(), source);
    replaceLabels();
    for (const m of [...q.matchAll(/\$ENV\.([A-Za-z0-9_]+)/g)]) {
      notes.push(`$ENV.${m[1]} read dynatrace-service's environment; pass the value as an Analysis arg`);
      put(`$ENV.${m[1]}`, `env_${goIdent(m[1] as string)}`, { from: 'none', placeholder: `$ENV.${m[1]}` });
    }
    replaceFilters();
  } else if (provider === 'datadog') {
    for (const [name, source] of Object.entries(CORE)) {
      if (name === 'DEPLOYMENT') continue;
      put(`$${name}`, name.toLowerCase(), source);
      put(`$${name.toLowerCase()}`, name.toLowerCase(), source);
    }
    put('$DURATION', 'duration_seconds', { from: 'duration', unit: 'seconds' });
  }
  if (args.has('deployment')) notes.push('$DEPLOYMENT named the Keptn v1 deployment (primary/canary/direct); KLT has no such thing, the example Analysis passes "primary"');
  return { query: q, args, notes };
}

function goIdent(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}

/** `5m` → seconds, for `$DURATION_SECONDS`-style arguments */
export function durationSeconds(d: string): number | undefined {
  const re = /(?<!\d)(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let matched = '';
  for (const m of d.matchAll(re)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : n / 1000;
    matched += m[0];
  }
  return matched === d && matched !== '' ? Math.round(total) : undefined;
}
