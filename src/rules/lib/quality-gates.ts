/** Shared helpers for the quality-gate rules (slo.yaml, sli.yaml). */
import { get } from '../../core/values.js';
import type { RelativeCriterion } from '../../formats/slo-criteria.js';
import { comparisonCount } from '../../formats/slo.js';
import type { MigrationProject } from '../../model/project.js';
import { inProject, projectOf } from '../../model/project.js';
import type { SourceRef } from '../../model/source-ref.js';
import type { CriteriaGroup, Criterion, DynatraceConf, Objective, Scope, SliFile, Slo } from '../../model/types.js';

/** SLIs prometheus-service and dynatrace-service answered without an sli.yaml entry */
export const DEFAULT_SLI_NAMES: readonly string[] = ['throughput', 'error_rate', 'response_time_p50', 'response_time_p90', 'response_time_p95'];
export const PROVIDERS_WITH_DEFAULTS = new Set(['prometheus', 'dynatrace']);
export const KLT_PROVIDER_LIST = 'prometheus, dynatrace (+dql), datadog, thanos, cortex, elastic';
/** SLI providers seen with Keptn v1 (`<provider>/sli.yaml` folders) */
export const KNOWN_V1_PROVIDERS = new Set([
  'prometheus', 'dynatrace', 'datadog', 'splunk', 'sumologic', 'neoload', 'newrelic', 'wavefront', 'dql', 'elastic', 'influxdb',
  'appdynamics', 'instana', 'graphite', 'thanos', 'cortex', 'jmeter-sli', 'litmus', 'k6', 'sysdig', 'stackdriver',
]);

/** `"x"` for messages */
export function q(value: unknown): string {
  return JSON.stringify(typeof value === 'string' ? value : String(value));
}

/** the value the YAML file holds at `ref` */
export function rawAt(ref: SourceRef): unknown {
  return get(ref.doc.value, ...ref.path);
}

/** SLOs in the Keptn v1 (0.6+) format; pitometer files have their own rule */
const standard = new WeakMap<readonly Slo[], Slo[]>();

/** the slo.yaml files in the 0.1.x format (not pitometer): one list per model, so inProject can index it */
export function standardSlos(model: MigrationProject): Slo[] {
  let list = standard.get(model.slos);
  if (!list) {
    list = model.slos.filter((s) => s.variant !== 'pitometer');
    standard.set(model.slos, list);
  }
  return list;
}

export function objectiveName(o: Objective): string {
  return o.sli !== '' ? o.sli : `#${o.index + 1}`;
}

export interface CriterionVisit {
  objective: Objective;
  kind: 'pass' | 'warning';
  group: CriteriaGroup;
  criterion: Criterion;
}

export function criteriaOf(slo: Slo): CriterionVisit[] {
  const out: CriterionVisit[] = [];
  for (const objective of slo.objectives) {
    for (const kind of ['pass', 'warning'] as const) {
      for (const group of objective[kind]) for (const criterion of group.criteria ?? []) out.push({ objective, kind, group, criterion });
    }
  }
  return out;
}

export function criterionText(c: Criterion): string {
  return typeof c.raw === 'string' ? c.raw : String(c.raw);
}

export function relativeCount(slo: Slo): number {
  return criteriaOf(slo).filter((v) => v.criterion.parsed.kind === 'relative').length;
}

const AGGREGATES = new Set(['avg', 'p50', 'p90', 'p95']);

export function knownAggregate(fn: string | undefined): boolean {
  return fn === undefined || fn === '' || AGGREGATES.has(fn);
}

/** what lighthouse compared relative criteria with, in words */
export function baselineText(slo: Slo): string {
  const c = slo.comparison;
  const n = comparisonCount(slo);
  const agg = c?.aggregateFunction || 'avg';
  if (!knownAggregate(c?.aggregateFunction)) return `0 (aggregate_function ${q(agg)} is unknown to Keptn v1)`;
  if (n === 1) return 'the previous evaluation';
  return `the ${agg} of the last ${n} evaluations`;
}

function num(v: number): string {
  return String(Number(v.toPrecision(12)));
}

/** `value <= baseline × 1.1` */
export function relativeFormula(p: RelativeCriterion): string {
  if (p.percent) return `value ${p.operator} baseline × ${num((100 + (p.increase ? p.value : -p.value)) / 100)}`;
  return `value ${p.operator} baseline ${p.increase ? '+' : '-'} ${num(p.value)}`;
}

/** Two scopes can meet: same project, stage and service equal or unknown on either side. */
export function scopesMeet(a: Scope, b: Scope): boolean {
  if (a.project !== b.project) return false;
  if (a.stage !== undefined && b.stage !== undefined && a.stage !== b.stage) return false;
  if (a.service !== undefined && b.service !== undefined && a.service !== b.service) return false;
  return true;
}

/** sli.yaml files (0.6+ format) whose indicators an SLO at `scope` can see after the project → stage → service merge */
export function sliFilesFor(model: MigrationProject, scope: Scope): SliFile[] {
  return inProject(model.slis, scope.project).filter((s) => !s.pitometer && scopesMeet(s.scope, scope));
}

/** providers configured for the project: sli.yaml folders, the lighthouse-config ConfigMap, a dynatrace.conf.yaml, `keptn configure monitoring` */
export function configuredProviders(model: MigrationProject, scope: Scope): Set<string> {
  const out = new Set<string>();
  for (const s of sliFilesFor(model, scope)) out.add(s.provider);
  const lh = lighthouseProvider(model, scope);
  if (lh) out.add(lh);
  if (inProject(model.dynatraceConfs, scope.project).length > 0) out.add('dynatrace');
  for (const p of monitoringFromCi(model)) out.add(p);
  return out;
}

const monitoring = new WeakMap<readonly unknown[], string[]>();

/** providers named by `keptn configure monitoring <provider>` in scripts and CI files */
export function monitoringFromCi(model: MigrationProject): string[] {
  let out = monitoring.get(model.ciUsages);
  if (out) return out;
  out = [];
  monitoring.set(model.ciUsages, out);
  for (const u of model.ciUsages) {
    if (u.command !== 'configure monitoring') continue;
    const m = /^\s+([a-z][a-z0-9-]*)/.exec(u.file.text.slice(u.range.end, u.range.end + 60));
    if (m?.[1]) out.push(m[1]);
  }
  return out;
}

/** `sli-provider` of lighthouse-config-<project>, else of the global lighthouse-config */
export function lighthouseProvider(model: MigrationProject, scope: Scope): string | undefined {
  const name = projectOf(model, scope)?.name;
  // the shipyard's metadata.name is conventionally `shipyard-<project>`
  const names = name === undefined ? [] : [name, name.replace(/^shipyard-/, '')];
  const own = model.lighthouseConfigs.find((l) => l.project !== undefined && names.includes(l.project) && l.provider);
  const global = model.lighthouseConfigs.find((l) => l.project === undefined && l.provider);
  return (own ?? global)?.provider?.trim() || undefined;
}

/** The dynatrace.conf.yaml dynatrace-service used for `scope`: service → stage → project, first found (stage files only for a known stage). */
export function dynatraceConfFor(model: MigrationProject, scope: Scope): DynatraceConf | undefined {
  const rank = (d: DynatraceConf) => (d.scope.service ? 2 : 0) + (d.scope.stage ? 1 : 0);
  const candidates = inProject(model.dynatraceConfs, scope.project)
    .filter((d) => d.scope.service === undefined || d.scope.service === scope.service)
    .filter((d) => d.scope.stage === undefined || d.scope.stage === scope.stage)
    .sort((a, b) => rank(b) - rank(a));
  return candidates[0];
}

/** `pass` or `warning` written as something other than a list (Go's decoder rejected the SLO) */
export function malformedGroups(o: Objective, kind: 'pass' | 'warning'): boolean {
  const raw = rawAt(o.src.at(kind));
  return raw !== undefined && raw !== null && !Array.isArray(raw);
}

/** `the project`, `stage hardening`, `service carts in stage hardening` */
export function scopeWords(scope: Scope): string {
  if (scope.service) return scope.stage ? `service ${scope.service} in stage ${scope.stage}` : `service ${scope.service}`;
  if (scope.stage) return `stage ${scope.stage}`;
  return 'the project';
}

export interface SliProvider {
  provider: string;
  /** how it was determined, for messages */
  how: string;
}

/**
 * The provider of an sli.yaml: the reader's guess, except that a folder naming the file's own service or stage is no
 * provider; when unknown, the lighthouse-config ConfigMap's sli-provider.
 */
export function sliProviderOf(model: MigrationProject, sli: SliFile): SliProvider {
  let provider = sli.provider;
  let from: SliFile['providerFrom'] = sli.providerFrom;
  if (from === 'path' && (provider === sli.scope.service || provider === sli.scope.stage)) {
    provider = 'unknown';
    from = 'unknown';
  }
  if (provider === 'unknown') {
    const lh = lighthouseProvider(model, sli.scope);
    if (lh) return { provider: lh, how: 'named by the lighthouse-config ConfigMap' };
  }
  if (from === 'path') return { provider, how: `from its folder ${sli.src.file.dirName.split('/').pop() ?? ''}/` };
  if (from === 'content') return { provider, how: 'from the syntax of its queries' };
  return { provider: 'unknown', how: 'neither its folder nor its queries name one, and no lighthouse-config ConfigMap sets sli-provider' };
}
