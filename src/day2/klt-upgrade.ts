/**
 * Older KLT resources (lifecycle.keptn.sh / metrics.keptn.sh v1alpha1 … v1beta1, KeptnEvaluationProvider, inline
 * evaluation queries, `spec.function`, task lists on KeptnApp, code reading CONTEXT) upgraded to the target version, in
 * place, with minimal edits (klt-targets.md §1, §2, §4, §7.3). A second run finds nothing to change: every step checks
 * the current state first.
 */
import { maskTemplate } from '../core/helm-template.js';
import type { SourceFile } from '../core/source-file.js';
import { asArray, asDict, asString, get, lookup } from '../core/values.js';
import { printYaml } from '../edit/print-yaml.js';
import type { GeneratedResource, TransformContext } from '../engine/transform.js';
import { kubeName } from '../klt/names.js';
import type { EmittedKind } from '../klt/targets.js';
import type { MigrationProject } from '../model/project.js';
import type { KltResource, ManifestResource } from '../model/types.js';
import { rewriteContextReads, type CodeLanguage } from './context-env.js';
import { readRepoFile } from './repo-files.js';
import { ResourceEdit } from './resource-edit.js';
import { indentStep, isFlow } from './yaml-edit.js';

/** the origin line of a file an earlier run generated from a resource it upgraded */
const GENERATED_SOURCE = /^# Source: (.+): (the query of objective .* of KeptnEvaluationDefinition .*|the [A-Za-z, ]+ of KeptnApp .*)$/;
/** longer than any origin line keptn-migrate writes; GENERATED_SOURCE takes time growing with the square of a line */
const MAX_SOURCE_LINE = 8192;

/** a generated file's second line up to its end (`\r` of a CRLF file excluded), or '' when too long to be one keptn-migrate wrote */
function sourceLine(text: string): string {
  const line = (text.split('\n')[1] ?? '').split(/[\r\u2028\u2029]/)[0] ?? '';
  return line.length > MAX_SOURCE_LINE ? '' : line;
}

export const VERSION_ORDER = ['v1alpha1', 'v1alpha2', 'v1alpha3', 'v1alpha4', 'v1beta1', 'v1'];
const MANAGED = 'app.kubernetes.io/managed-by';
const LISTS = ['preDeploymentTasks', 'postDeploymentTasks', 'preDeploymentEvaluations', 'postDeploymentEvaluations'] as const;
const DNS = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** kinds the user writes, with the group their target version lives in */
const USER_KINDS: Record<string, { group: string; kind: EmittedKind }> = {
  KeptnApp: { group: 'lifecycle.keptn.sh', kind: 'KeptnApp' },
  KeptnAppContext: { group: 'lifecycle.keptn.sh', kind: 'KeptnAppContext' },
  KeptnTaskDefinition: { group: 'lifecycle.keptn.sh', kind: 'KeptnTaskDefinition' },
  KeptnEvaluationDefinition: { group: 'lifecycle.keptn.sh', kind: 'KeptnEvaluationDefinition' },
  KeptnMetric: { group: 'metrics.keptn.sh', kind: 'KeptnMetric' },
  KeptnMetricsProvider: { group: 'metrics.keptn.sh', kind: 'KeptnMetricsProvider' },
  AnalysisValueTemplate: { group: 'metrics.keptn.sh', kind: 'AnalysisValueTemplate' },
  AnalysisDefinition: { group: 'metrics.keptn.sh', kind: 'AnalysisDefinition' },
  Analysis: { group: 'metrics.keptn.sh', kind: 'Analysis' },
};
/** kinds the operator creates */
const OPERATOR_KINDS = new Set(['KeptnWorkload', 'KeptnWorkloadInstance', 'KeptnWorkloadVersion', 'KeptnAppVersion', 'KeptnEvaluation', 'KeptnTask', 'KeptnAppCreationRequest']);

/** Secret keys KLT's providers read (klt-targets.md §2.2); prometheus-like providers read user/password, the key is only required by the schema */
const PROVIDER_KEY: Record<string, string> = { dynatrace: 'DT_API_TOKEN', dql: 'DT_API_TOKEN', datadog: 'DD_CLIENT_API_KEY', prometheus: 'password', thanos: 'password', cortex: 'password', elastic: 'apiKey' };

export function versionRank(v: string): number {
  return VERSION_ORDER.indexOf(v);
}

function providerTypes(target: string): string[] {
  return target === 'keptn-v2' ? ['cortex', 'datadog', 'dql', 'dynatrace', 'prometheus', 'elastic', 'thanos'] : ['prometheus', 'dynatrace', 'datadog', 'dql'];
}

/** `Kind "name"`, the name as written (a Helm template's name keeps its `{{ }}`) */
function describe(r: KltResource): string {
  const ref = r.src.at('metadata', 'name');
  const raw = ref.exists() ? ref.file.text.slice(ref.range().start, ref.range().end).replace(/^(["'])(.*)\1$/, '$2') : r.name;
  return `${r.kind}${raw ? ` "${raw}"` : ''}`;
}

interface Unit {
  edit: ResourceEdit;
  what: string;
}

/** Runs the upgrade over every older KLT resource of the model. */
export function upgradeKltResources(model: MigrationProject, ctx: TransformContext): void {
  const kinds = new Map(model.files.map((f) => [f.file, f.fileKind]));
  const resources = [...model.kltResources].sort(
    (a, b) => (a.src.file.displayPath < b.src.file.displayPath ? -1 : a.src.file.displayPath > b.src.file.displayPath ? 1 : a.src.doc.index - b.src.doc.index),
  );
  /** KeptnMetrics in the repository (generated ones too, on a second run), by name */
  const existingMetrics = new Map(resources.filter((r) => r.kind === 'KeptnMetric' && r.name).map((r) => [r.name as string, { query: asString(r.spec.query), provider: asString(get(r.spec, 'provider', 'name')) }]));
  const existing = (kind: string, name: string | undefined, namespace: string | undefined) =>
    resources.find((r) => r.kind === kind && r.name === name && (asString(get(r.src.doc.value, 'metadata', 'namespace')) ?? '') === (namespace ?? ''));
  const doneCode = new Set<string>();
  const units: Unit[] = [];
  const target = ctx.options.target;

  /**
   * the folder under --out for what a resource generates: its Keptn project's app when the file is inside a project with a
   * shipyard, else the resource's namespace (KLT-only repositories), else "klt"
   */
  const appOf = (r: KltResource) => {
    const file = r.src.file;
    let best: (typeof model.projects)[number] | undefined;
    for (const p of model.projects) {
      if (p.implicit || !(p.dir === '' || file.dirName === p.dir || file.dirName.startsWith(p.dir + '/'))) continue;
      if (!best || p.dir.length > best.dir.length) best = p;
    }
    if (best) return ctx.appName(best.dir);
    return kubeName(namespaceOf(r) ?? '') || 'klt';
  };
  const emitted: GeneratedResource[] = [];
  const emit = (r: KltResource, resource: Record<string, unknown>, origin: string) => {
    const g: GeneratedResource = { app: appOf(r), resource, origin: `${r.src.file.displayPath}: ${origin}` };
    emitted.push(g);
    ctx.emit(g);
  };

  const checkLeftover = (at: Parameters<TransformContext['manual']>[0], what: string, rw: { leftover?: boolean }) => {
    if (rw.leftover) ctx.manual(at, `${what} still mentions "CONTEXT" outside a Deno.env.get("CONTEXT") read (a variable name, another API): if it reads the task context, read KEPTN_CONTEXT`);
  };
  /** code of a runtime: inline (edited in this resource), ConfigMap (its own unit), httpRef (a repository file) */
  const upgradeCode = (r: KltResource, u: ResourceEdit, runtime: string, language: CodeLanguage) => {
    if (ctx.profile.contextVariable !== 'KEPTN_CONTEXT') return;
    const code = asString(get(r.spec, runtime, 'inline', 'code'));
    if (code !== undefined) {
      const rw = rewriteContextReads(code, language);
      if (rw.error && code.includes('CONTEXT')) ctx.manual(r.src.at('spec', runtime, 'inline', 'code'), `${describe(r)}: ${rw.error}; if it reads the CONTEXT variable, read KEPTN_CONTEXT instead`);
      checkLeftover(r.src.at('spec', runtime, 'inline', 'code'), `the code of ${describe(r)}`, rw);
      u.code(['spec', runtime, 'inline', 'code'], code, rw.spans, rw.code);
    }
    const cm = asString(get(r.spec, runtime, 'configMapRef', 'name'));
    if (cm) {
      const ns = asString(get(r.src.doc.value, 'metadata', 'namespace'));
      const maps = model.resources.filter((m) => m.kind === 'ConfigMap' && m.name === cm && (!ns || !m.namespace || m.namespace === ns));
      if (maps.length === 0 && versionRank(r.version) < versionRank('v1beta1')) {
        ctx.manual(r.src.at('spec', runtime, 'configMapRef', 'name'), `${describe(r)} runs the code of ConfigMap "${cm}", which is not in the repository: if that code reads the CONTEXT variable (KLT before 0.10), make it read KEPTN_CONTEXT`);
      }
      for (const m of maps) upgradeConfigMap(m, language, describe(r));
    }
    const url = asString(get(r.spec, runtime, 'httpRef', 'url'));
    if (url) {
      const file = readRepoFile(model.root, url);
      if (!file) {
        if (versionRank(r.version) < versionRank('v1beta1')) {
          ctx.manual(r.src.at('spec', runtime, 'httpRef', 'url'), `${describe(r)} loads its code from ${url}, which is not a file of this repository: if that code reads the CONTEXT variable (KLT before 0.10), make it read KEPTN_CONTEXT`);
        }
      } else if (!doneCode.has(`file:${file.relPath}`)) {
        doneCode.add(`file:${file.relPath}`);
        const rw = rewriteContextReads(file.text, language);
        if (rw.error && file.text.includes('CONTEXT')) ctx.manual({ file: file.displayPath, line: 1, column: 1 }, `code of ${describe(r)}: ${rw.error}; if it reads the CONTEXT variable, read KEPTN_CONTEXT instead`);
        checkLeftover({ file: file.displayPath, line: 1, column: 1 }, `${file.displayPath} (code of ${describe(r)})`, rw);
        if (rw.spans.length > 0) ctx.edit(file, rw.spans.map((s) => ({ range: { start: s.start, end: s.end }, text: s.text })));
      }
    }
  };

  const upgradeConfigMap = (m: ManifestResource, language: CodeLanguage, user: string) => {
    const key = `cm:${m.src.file.displayPath}:${m.src.doc.index}`;
    if (doneCode.has(key)) return;
    doneCode.add(key);
    const code = asString(get(m.src.doc.value, 'data', 'code'));
    if (code === undefined) return;
    const rw = rewriteContextReads(code, language);
    if (rw.error && code.includes('CONTEXT')) ctx.manual(m.src.at('data', 'code'), `ConfigMap "${m.name ?? ''}" (code of ${user}): ${rw.error}; if it reads the CONTEXT variable, read KEPTN_CONTEXT instead`);
    checkLeftover(m.src.at('data', 'code'), `ConfigMap "${m.name ?? ''}" (code of ${user})`, rw);
    if (rw.spans.length === 0) return;
    const u = new ResourceEdit(m.src, parsedText(m.src.file));
    u.code(['data', 'code'], code, rw.spans, rw.code);
    units.push({ edit: u, what: `ConfigMap "${m.name ?? ''}" (code of ${user})` });
  };

  const masked = new Map<SourceFile, string>();
  const parsedText = (file: SourceFile) => {
    if (kinds.get(file) !== 'helm-template') return undefined;
    if (!masked.has(file)) masked.set(file, maskTemplate(file.text).text);
    return masked.get(file);
  };
  for (const r of resources) {
    if (r.src.file.origin.branch) continue;
    const u = new ResourceEdit(r.src, parsedText(r.src.file));
    const name = describe(r);
    const rank = versionRank(r.version);
    const bumpTo = (kind: EmittedKind, group: string) => {
      const wanted = ctx.profile.apiVersion(kind);
      if (!wanted) {
        if (rank !== -1) ctx.loss(r.src.at('apiVersion'), `${name} (${r.apiVersion}) has no equivalent on ${ctx.profile.release}; left as it is`);
        return;
      }
      const [wantedGroup = '', wantedVersion = ''] = wanted.split('/');
      if (rank === -1) return; // not a version keptn-migrate knows: leave it
      if (r.group === wantedGroup && rank >= versionRank(wantedVersion)) {
        if (rank > versionRank(wantedVersion)) ctx.loss(r.src.at('apiVersion'), `${name} uses ${r.apiVersion}, newer than ${ctx.profile.release} (${wanted}); left as it is`);
        return;
      }
      if (r.group !== group && r.group !== wantedGroup) return;
      u.setScalar(['apiVersion'], wanted);
    };

    if (r.kind === 'KeptnEvaluationProvider') {
      upgradeEvaluationProvider(r, u, ctx, existing);
    } else if (Object.hasOwn(USER_KINDS, r.kind)) {
      const spec = lookup(USER_KINDS, r.kind);
      if (!spec || r.group !== spec.group) {
        if (r.kind === 'KeptnMetric' || r.kind === 'KeptnMetricsProvider') ctx.manual(r.src.at('apiVersion'), `${name} uses ${r.apiVersion}, which never existed for this kind: use ${ctx.profile.apiVersion(spec?.kind ?? 'KeptnMetric') ?? ''}`);
        continue;
      }
      if (r.kind === 'KeptnApp') upgradeApp(r, u, ctx, existing, emit, (x, kind, n) => ctx.uniqueName(appOf(x), kind, n));
      if (r.kind === 'KeptnTaskDefinition') {
        if ('function' in r.spec) {
          if ('deno' in r.spec || 'python' in r.spec || 'container' in r.spec) {
            ctx.manual(r.src.at('spec', 'function'), `${name} has spec.function and another runtime; KLT allows exactly one: remove spec.function or the other runtime`);
          } else u.renameKey(['spec', 'function'], 'deno');
          upgradeCode(r, u, 'function', 'deno');
        }
        upgradeCode(r, u, 'deno', 'deno');
        upgradeCode(r, u, 'python', 'python');
      }
      if (r.kind === 'KeptnEvaluationDefinition' && 'source' in r.spec) upgradeInlineQueries(r, u, ctx, existing, existingMetrics, emit, appOf);
      if (r.kind === 'KeptnMetricsProvider' && !asString(r.spec.type) && r.name && !providerTypes(target).includes(r.name)) {
        ctx.manual(r.src.at('spec'), `${name} has no spec.type and its name is not a provider type (${providerTypes(target).join(', ')}), so KLT cannot tell which provider it is: add spec.type`);
      }
      bumpTo(spec.kind, spec.group);
    } else if (r.kind === 'KeptnConfig' && r.group === 'options.keptn.sh') {
      if ('keptnAppCreationRequestTimeout' in r.spec && !('keptnAppCreationRequestTimeoutSeconds' in r.spec)) u.renameKey(['spec', 'keptnAppCreationRequestTimeout'], 'keptnAppCreationRequestTimeoutSeconds');
    } else if (OPERATOR_KINDS.has(r.kind) && (r.kind === 'KeptnWorkloadInstance' || (rank !== -1 && rank < versionRank('v1beta1')))) {
      ctx.manual(
        r.src.at('kind'),
        r.kind === 'KeptnTask'
          ? `${name} (${r.apiVersion}) is normally created by the operator; if you create it by hand, use ${ctx.profile.apiVersion('KeptnTaskDefinition') ?? ''} and move app/appVersion/workload/workloadVersion into spec.context`
          : `${name} (${r.apiVersion}) is created by the KLT operator${r.kind === 'KeptnWorkloadInstance' ? ' (renamed KeptnWorkloadVersion in KLT 0.9)' : ''}: delete it from the repository`,
      );
    }
    if (u.changed) units.push({ edit: u, what: name });
  }

  // What an earlier run generated from resources it has since upgraded in place (a KeptnAppContext from a KeptnApp's
  // lists, KeptnMetrics from inline queries) can no longer be derived from them: generate it again, unchanged, so a
  // second run changes nothing (the folder's kustomization.yaml included).
  const emittedNow = new Set(emitted.map((e) => `${e.app}/${String(e.resource.kind)}/${String(get(e.resource, 'metadata', 'name'))}`));
  for (const r of resources) {
    const file = r.src.file;
    if (!file.relPath.startsWith(`${ctx.options.outDir.replace(/(?<!\/)\/+$/, '')}/`) || !file.text.startsWith('# Generated by keptn-migrate')) continue;
    const m = GENERATED_SOURCE.exec(sourceLine(file.text));
    if (!m || file.dirName.split('/').length < 2) continue;
    const app = file.dirName.slice(file.dirName.lastIndexOf('/') + 1);
    if (emittedNow.has(`${app}/${r.kind}/${r.name ?? ''}`)) continue;
    if (!model.files.some((f) => f.file.displayPath === m[1])) continue;
    ctx.emit({ app, resource: r.src.doc.value as Record<string, unknown>, origin: `${m[1] ?? ''}: ${m[2] ?? ''}` });
  }

  for (const { edit: u, what } of units) {
    const helm = kinds.get(u.file) === 'helm-template';
    if (helm || u.problems.length > 0) {
      const why = helm ? `${u.file.displayPath} is a Helm template, which keptn-migrate does not edit` : `it cannot be edited cleanly in place (${[...new Set(u.problems)].join('; ')})`;
      ctx.manual(u.src, `upgrade ${what} by hand: ${why}; the upgraded resource is below`, u.snippet());
      continue;
    }
    if (u.edits.length > 0) ctx.edit(u.file, u.edits);
  }
}

type Existing = (kind: string, name: string | undefined, namespace: string | undefined) => KltResource | undefined;
type Emit = (r: KltResource, resource: Record<string, unknown>, origin: string) => void;
type AppOf = (r: KltResource) => string;
type EmitName = (r: KltResource, kind: string, name: string) => string;

function namespaceOf(r: KltResource): string | undefined {
  return asString(get(r.src.doc.value, 'metadata', 'namespace'));
}

function metadataFor(r: KltResource, name: string): Record<string, unknown> {
  const ns = namespaceOf(r);
  return { name, ...(ns && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) ? { namespace: ns } : {}) };
}

/** KeptnApp: task lists → a KeptnAppContext of the same name, label managed-by: keptn (KeptnApp ≤ v1alpha3, targets with KeptnAppContext) */
function upgradeApp(r: KltResource, u: ResourceEdit, ctx: TransformContext, existing: Existing, emit: Emit, emitName: EmitName): void {
  if (!ctx.profile.appContext) return;
  const name = describe(r);
  const present = LISTS.filter((k) => k in r.spec);
  const old = versionRank(r.version) !== -1 && versionRank(r.version) < versionRank('v1beta1');
  if (present.length > 0) {
    const lists: Record<string, string[]> = {};
    let clean = true;
    for (const k of present) {
      const items = asArray(r.spec[k]);
      if (r.spec[k] !== null && (!Array.isArray(r.spec[k]) || items.some((i) => typeof i !== 'string'))) clean = false;
      if (items.length > 0) lists[k] = items.map((i) => String(i));
    }
    const ns = namespaceOf(r);
    const context = existing('KeptnAppContext', r.name, ns);
    const appName = r.name ?? '';
    if (!clean || !DNS.test(appName)) {
      ctx.manual(r.src.at('spec', present[0] as string), `${name}: move ${present.join(', ')} to a KeptnAppContext of the same name and namespace by hand (the lists or the name are not plain values)`, printYaml({ apiVersion: ctx.profile.apiVersion('KeptnAppContext'), kind: 'KeptnAppContext', metadata: metadataFor(r, appName || 'REPLACE-ME'), spec: lists }));
    } else if (context && sameLists(get(context.src.doc.value, 'spec'), lists)) {
      // generated by an earlier run (the KeptnApp could not be edited then): generate it again, unchanged
      emit(r, { apiVersion: ctx.profile.apiVersion('KeptnAppContext'), kind: 'KeptnAppContext', metadata: metadataFor(r, appName), spec: lists }, `the ${present.join(', ')} of ${name}`);
    } else if (context) {
      ctx.manual(context.src, `${name} lists ${present.join(', ')}, and KeptnAppContext "${appName}" already exists in ${context.src.file.displayPath}: merge the lists into it`, printYaml({ spec: lists }));
    } else if (Object.keys(lists).length > 0) {
      // the name belongs to this KeptnApp: reserve it, so a KeptnApp/KeptnAppContext another transform generates into
      // the same folder cannot overwrite this one
      emitName(r, 'KeptnApp', appName);
      emitName(r, 'KeptnAppContext', appName);
      emit(r, { apiVersion: ctx.profile.apiVersion('KeptnAppContext'), kind: 'KeptnAppContext', metadata: metadataFor(r, appName), spec: lists }, `the ${present.join(', ')} of ${name}`);
    }
    for (const k of present) u.deleteEntry(['spec', k]);
  }
  if (!old && present.length === 0) return;
  // the operator updates a KeptnApp from discovered workloads only with this *label* (not an annotation)
  const labels = get(r.src.doc.value, 'metadata', 'labels');
  const current = get(labels, MANAGED);
  if (current === 'keptn') return;
  if (current !== undefined) {
    ctx.loss(r.src.at('metadata', 'labels', MANAGED), `${name} was labelled ${MANAGED}: ${String(current)}; KLT updates a KeptnApp only when the label is "keptn"`);
    u.setScalar(['metadata', 'labels', MANAGED], 'keptn');
  } else if (labels !== undefined && labels !== null) {
    const ref = r.src.at('metadata', 'labels');
    if (asDict(labels) && Object.keys(labels as object).length === 0 && isFlow(ref)) {
      u.replaceValue(['metadata', 'labels'], `{${MANAGED}: keptn}`, { [MANAGED]: 'keptn' });
    } else u.appendScalar(['metadata', 'labels'], MANAGED, 'keptn');
  } else if (labels === null) {
    if (!u.replaceWithMap(['metadata', 'labels'], 'labels', { [MANAGED]: 'keptn' })) u.refuse('metadata.labels is empty and shares its line');
  } else u.appendMap(['metadata'], 'labels', { [MANAGED]: 'keptn' });
}

function sameLists(spec: unknown, lists: Record<string, string[]>): boolean {
  return LISTS.every((k) => JSON.stringify(asArray(get(spec, k)).map(String)) === JSON.stringify(lists[k] ?? []));
}

/** KeptnEvaluationProvider (lifecycle.keptn.sh, removed) → KeptnMetricsProvider (metrics.keptn.sh) */
function upgradeEvaluationProvider(r: KltResource, u: ResourceEdit, ctx: TransformContext, existing: Existing): void {
  const name = describe(r);
  const clash = existing('KeptnMetricsProvider', r.name, namespaceOf(r));
  if (clash) {
    ctx.manual(r.src.at('kind'), `${name} is replaced by KeptnMetricsProvider "${r.name ?? ''}" in ${clash.src.file.displayPath}: delete it`);
    return;
  }
  u.setScalar(['kind'], 'KeptnMetricsProvider');
  u.setScalar(['apiVersion'], ctx.profile.apiVersion('KeptnMetricsProvider') ?? 'metrics.keptn.sh/v1');
  const types = providerTypes(ctx.options.target);
  const type = asString(r.spec.type) ?? (r.name && types.includes(r.name) ? r.name : undefined);
  if (!asString(r.spec.type)) {
    if (type) u.appendScalar(['spec'], 'type', type);
    else ctx.manual(r.src.at('metadata', 'name'), `${name}: early KLT chose the provider by the resource name, which is not one of ${types.join(', ')}: set spec.type of the KeptnMetricsProvider`);
  }
  const secret = asString(r.spec.secretName);
  if (secret !== undefined && !('secretKeyRef' in r.spec)) {
    const key = lookup(PROVIDER_KEY, type ?? '') ?? 'REPLACE-ME';
    const ref = r.src.at('spec', 'secretName');
    const step = indentStep(r.src.at('spec'));
    if (!u.replaceWithMap(['spec', 'secretName'], 'secretKeyRef', { name: secret, key }, step)) u.refuse('spec.secretName shares its line');
    const reads = !type ? `replace ${key} with the key of that Secret your provider reads` : type === 'prometheus' || type === 'thanos' || type === 'cortex' ? `KLT's ${type} provider reads the keys user and password of that Secret` : `KLT's ${type} provider reads key ${key} of that Secret`;
    ctx.loss(ref, `${name}: secretName "${secret}" becomes secretKeyRef {name: ${secret}, key: ${key}}; ${reads}${type ? ': check it' : ''}`);
  }
}

/** KeptnEvaluationDefinition v1alpha1/v1alpha2: source + objectives[].query → one KeptnMetric per query + keptnMetricRef */
function upgradeInlineQueries(r: KltResource, u: ResourceEdit, ctx: TransformContext, existing: Existing, existingMetrics: Map<string, { query?: string; provider?: string }>, emit: Emit, appOf: AppOf): void {
  const name = describe(r);
  const source = asString(r.spec.source) ?? '';
  const provider = DNS.test(source) ? source : kubeName(source) || 'REPLACE-ME';
  const ns = namespaceOf(r);
  if (!existing('KeptnEvaluationProvider', source, ns) && !existing('KeptnMetricsProvider', source, ns)) {
    ctx.manual(r.src.at('spec', 'source'), `${name} reads source "${source}", but no KeptnEvaluationProvider or KeptnMetricsProvider of that name is in the repository: create KeptnMetricsProvider "${provider}" (its KeptnMetrics read it)`);
  }
  const app = appOf(r);
  if (!Array.isArray(r.spec.objectives)) {
    u.refuse('spec.objectives is not a list');
    return;
  }
  asArray(r.spec.objectives).forEach((o, i) => {
    const query = asString(get(o, 'query'));
    if (query === undefined) return;
    const objName = asString(get(o, 'name')) ?? '';
    // a KeptnMetric of that name with the same query and provider (one a previous run generated) is reused
    const same = (n: string) => existingMetrics.get(n)?.query === query && existingMetrics.get(n)?.provider === provider;
    let base = kubeName(objName) || kubeName(`${r.name ?? 'evaluation'}-${i + 1}`);
    if (existingMetrics.has(base) && !same(base)) base = kubeName(`${r.name ?? 'evaluation'}-${base}`);
    const metric = ctx.uniqueName(app, 'KeptnMetric', base);
    if (!existingMetrics.has(metric)) existingMetrics.set(metric, { query, provider });
    emit(r, { apiVersion: ctx.profile.apiVersion('KeptnMetric'), kind: 'KeptnMetric', metadata: metadataFor(r, metric), spec: { provider: { name: provider }, query, fetchIntervalSeconds: 10 } }, `the query of objective "${objName}" of ${name}`);
    const base2 = ['spec', 'objectives', i];
    const hasName = r.src.at(...base2, 'name').exists();
    const step = indentStep(r.src.at('spec'));
    const ref = { name: metric };
    const tryPair = (replace: string, remove: string | undefined): boolean => {
      const probe = new ResourceEdit(r.src);
      if (!probe.replaceWithMap([...base2, replace], 'keptnMetricRef', ref, step)) return false;
      if (remove) {
        probe.deleteEntry([...base2, remove]);
        if (probe.problems.length > 0) return false;
      }
      return true;
    };
    if (hasName && tryPair('name', 'query')) {
      u.replaceWithMap([...base2, 'name'], 'keptnMetricRef', ref, step);
      u.deleteEntry([...base2, 'query']);
    } else if (tryPair('query', hasName ? 'name' : undefined)) {
      u.replaceWithMap([...base2, 'query'], 'keptnMetricRef', ref, step);
      if (hasName) u.deleteEntry([...base2, 'name']);
    } else u.refuse(`objective ${i + 1} is not a block mapping with name and query on lines of their own`);
  });
  ctx.loss(r.src.at('spec', 'source'), `${name}: each inline query becomes a KeptnMetric fetched every 10 s, so an evaluation reads the latest fetched value instead of running the query when it starts`);
  u.deleteEntry(['spec', 'source']);
}
