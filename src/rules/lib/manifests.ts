/**
 * Shared helpers for the manifests / helm / ci / klt-upgrade rules: how KLT's pod webhook sees a workload
 * (keys with its precedence and owner fallback, the version it derives from images), what Helm templates and
 * Kustomize add to a workload's metadata without rendering, and how CI usages of Keptn v1 are classified.
 */
import { overlapsAny } from '../../core/helm-template.js';
import { replaceActions, templateActions, type TemplateAction } from '../../core/template-actions.js';
import type { SourceFile } from '../../core/source-file.js';
import type { Range } from '../../core/types.js';
import { asArray, asStringMap, get } from '../../core/values.js';
import { imageTag, KLT_SUPPORTED_KINDS } from '../../formats/k8s.js';
import { dirAndAncestors } from '../../model/layout.js';
import type { MigrationProject } from '../../model/project.js';
import type { SourceRef } from '../../model/source-ref.js';
import type { CiUsage, Container, HelmChart, Workload } from '../../model/types.js';

export const KEYS = {
  workload: ['keptn.sh/workload', 'app.kubernetes.io/name'],
  version: ['keptn.sh/version', 'app.kubernetes.io/version'],
  app: ['keptn.sh/app', 'app.kubernetes.io/part-of'],
  container: ['keptn.sh/container'],
} as const;
export type KeyName = keyof typeof KEYS;

/** namespaces KLT's webhook never handles, and Keptn v1's own control plane */
export const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'keptn', 'keptn-system', 'keptn-lifecycle-toolkit-system']);

// ---------------------------------------------------------------- text of values

/** the text of a value as written (template actions included), without surrounding quotes */
export function rawText(ref: SourceRef): string {
  const r = ref.range();
  const t = ref.file.text.slice(r.start, r.end);
  return /^(["']).*\1$/s.test(t) ? t.slice(1, -1) : t;
}

/** whether the value at `ref` (or its key) came from a Helm template action */
export function isTemplated(ref: SourceRef, actions: readonly Range[], target: 'value' | 'key' = 'value'): boolean {
  return actions.length > 0 && ref.exists() && overlapsAny(ref.range(target), actions);
}

/** `Deployment "carts"`, with the template text for a templated name */
export function describeWorkload(w: Workload): string {
  const ref = w.src.at('metadata', 'name');
  const name = isTemplated(ref, w.templateActions) ? rawText(ref) : w.name;
  return `${w.kind} "${name}"`;
}

// ---------------------------------------------------------------- metadata maps

export interface MetaEntry {
  value: string;
  /** where the key is written; absent when a template helper or Kustomize adds it */
  ref?: SourceRef;
  templated: boolean;
}

export interface MetaMap {
  entries: Map<string, MetaEntry>;
  /** a template action may add keys we cannot see */
  unknown: boolean;
}

export interface WorkloadMeta {
  pod: { annotations: MetaMap; labels: MetaMap };
  owner: { annotations: MetaMap; labels: MetaMap };
}

const metaCache = new WeakMap<Workload, WorkloadMeta>();

export function workloadMeta(project: MigrationProject, w: Workload): WorkloadMeta {
  let m = metaCache.get(w);
  if (m) return m;
  const podMeta = w.kind === 'Pod' ? ['metadata'] : [...w.podTemplatePath, 'metadata'];
  const kustomize = kustomizeAdditions(project, w.src.file);
  const read = (path: (string | number)[], which: 'labels' | 'annotations', values: Record<string, string>, extra: Record<string, string>): MetaMap => {
    const entries = new Map<string, MetaEntry>();
    let unknown = false;
    for (const [key, value] of Object.entries(values)) {
      const ref = w.src.at(...path, which, key);
      if (isTemplated(ref, w.templateActions, 'key')) {
        unknown = true;
        continue;
      }
      if (value === '') continue; // KLT's GetLabelOrAnnotation treats an empty value as absent
      entries.set(key, { value, ref, templated: isTemplated(ref, w.templateActions) });
    }
    for (const [key, value] of Object.entries(extra)) if (!entries.has(key) && value !== '') entries.set(key, { value, templated: false });
    return { entries, unknown };
  };
  m = {
    pod: {
      annotations: read(podMeta, 'annotations', w.podAnnotations, kustomize.annotations),
      labels: read(podMeta, 'labels', w.podLabels, kustomize.templateLabels),
    },
    owner: {
      annotations: read(['metadata'], 'annotations', w.annotations, kustomize.annotations),
      labels: read(['metadata'], 'labels', w.labels, kustomize.labels),
    },
  };
  if (w.templated) {
    addTemplateKeys(project, w, podMeta, m.pod);
    if (w.kind !== 'Pod') addTemplateKeys(project, w, ['metadata'], m.owner);
  }
  metaCache.set(w, m);
  return m;
}

export interface KeyLookup {
  state: 'present' | 'absent' | 'unknown';
  key?: string;
  entry?: MetaEntry;
  /** the pod template, or the owning object's metadata (KLT's fallback) */
  where?: 'pod' | 'owner';
}

/** KLT's GetLabelOrAnnotation over one object: keptn.sh annotation > label > app.kubernetes.io annotation > label */
function lookupIn(meta: { annotations: MetaMap; labels: MetaMap }, keys: readonly string[], where: 'pod' | 'owner'): KeyLookup {
  let unknown = false;
  for (const key of keys) {
    for (const map of [meta.annotations, meta.labels]) {
      const entry = map.entries.get(key);
      if (entry) return { state: 'present', key, entry, where };
      if (map.unknown) unknown = true;
    }
  }
  return { state: unknown ? 'unknown' : 'absent' };
}

/**
 * A key as KLT's pod webhook resolves it: from the pod template; only when the pod has no workload key, every
 * key comes from the Deployment/StatefulSet/DaemonSet/Rollout metadata instead (`copyResourceLabelsIfPresent`).
 */
export function workloadKeyOf(project: MigrationProject, w: Workload, name: KeyName): KeyLookup {
  const meta = workloadMeta(project, w);
  const podWorkload = lookupIn(meta.pod, KEYS.workload, 'pod');
  if (podWorkload.state === 'present') return name === 'workload' ? podWorkload : lookupIn(meta.pod, KEYS[name], 'pod');
  if (podWorkload.state === 'unknown') return { state: 'unknown' };
  if (w.kind === 'Pod') return name === 'workload' ? podWorkload : { state: 'absent' };
  const ownerWorkload = lookupIn(meta.owner, KEYS.workload, 'owner');
  if (name === 'workload') return ownerWorkload;
  if (ownerWorkload.state !== 'present') return { state: ownerWorkload.state };
  return lookupIn(meta.owner, KEYS[name], 'owner');
}

// ---------------------------------------------------------------- versions from images

export type ImageVerdict =
  | { kind: 'tag'; tag: string }
  | { kind: 'untagged' | 'latest' | 'digest' | 'templated' | 'registry-port' | 'missing' };

export function imageVerdict(w: Workload, c: Container): ImageVerdict {
  const ref = c.src.at('image');
  if (c.image === undefined || c.image === '') return { kind: 'missing' };
  let image = c.image;
  if (isTemplated(ref, w.templateActions)) {
    const marked = replaceActions(rawText(ref), () => '\u0001');
    const tag = imageTag(marked);
    if (tag === undefined || tag.includes('\u0001')) return { kind: 'templated' };
    image = marked;
  }
  if (image.includes('@')) return { kind: 'digest' };
  const tag = imageTag(image);
  if (tag === undefined) return image.includes(':') ? { kind: 'registry-port' } : { kind: 'untagged' };
  if (tag === 'latest' || tag === '') return { kind: 'latest' };
  return { kind: 'tag', tag };
}

export type VersionSource =
  | { kind: 'key'; lookup: KeyLookup }
  | { kind: 'unknown' }
  | { kind: 'no-containers' }
  | { kind: 'image'; container: Container; verdict: ImageVerdict }
  | { kind: 'multiple'; containers: Container[] }
  | { kind: 'container-not-found'; name: string; lookup: KeyLookup };

/** Where KLT takes the workload version from (`calculateVersion`): the version key, else one container's image tag, else a hash */
export function versionSource(project: MigrationProject, w: Workload): VersionSource {
  const version = workloadKeyOf(project, w, 'version');
  if (version.state === 'present') return { kind: 'key', lookup: version };
  if (version.state === 'unknown') return { kind: 'unknown' };
  if (w.containers.length === 0) return { kind: 'no-containers' };
  const meta = workloadMeta(project, w);
  const named = [lookupIn(meta.pod, KEYS.container, 'pod'), lookupIn(meta.owner, KEYS.container, 'owner')].find((l) => l.state !== 'absent');
  if (named?.state === 'unknown') return { kind: 'unknown' };
  if (named?.entry) {
    if (named.entry.templated) return { kind: 'unknown' };
    const c = w.containers.find((x) => x.name === named.entry?.value);
    if (!c) return { kind: 'container-not-found', name: named.entry.value, lookup: named };
    return { kind: 'image', container: c, verdict: imageVerdict(w, c) };
  }
  const [only] = w.containers;
  if (w.containers.length === 1 && only) return { kind: 'image', container: only, verdict: imageVerdict(w, only) };
  return { kind: 'multiple', containers: w.containers };
}

// ---------------------------------------------------------------- which workloads

/** workloads of the kinds KLT handles, outside system namespaces, that are complete manifests (not patches) */
export function kltWorkloads(project: MigrationProject): Workload[] {
  const patches = kustomizePatches(project);
  return project.workloads.filter(
    (w) =>
      KLT_SUPPORTED_KINDS.has(w.kind) &&
      !(w.namespace && IGNORED_NAMESPACES.has(w.namespace)) &&
      !patches.has(w.src.file.relPath) &&
      hasPodSpec(w),
  );
}

/** a Kustomize patch carries no containers; a template that writes them with toYaml is still a workload */
function hasPodSpec(w: Workload): boolean {
  if (w.containers.length > 0) return true;
  const path = w.kind === 'Pod' ? ['spec'] : [...w.podTemplatePath, 'spec'];
  return w.templated && w.src.at(...path).exists();
}

export function projectServices(project: MigrationProject): Set<string> {
  return new Set(project.projects.flatMap((p) => p.services));
}

// ---------------------------------------------------------------- Helm: what template actions add

const chartsByDir = new WeakMap<MigrationProject, Map<string, HelmChart>>();

/** the chart whose `templates/` holds `file` (the innermost, for charts inside charts) */
function chartOf(project: MigrationProject, file: SourceFile): HelmChart | undefined {
  let charts = chartsByDir.get(project);
  if (!charts) {
    charts = new Map();
    for (const c of project.helmCharts) {
      const key = `${c.branch ?? ''}\u0000${c.dir}`;
      if (!charts.has(key)) charts.set(key, c);
    }
    chartsByDir.set(project, charts);
  }
  const rel = file.relPath;
  const branch = file.origin.branch ?? '';
  for (let i = rel.lastIndexOf('templates/'); i !== -1; i = i === 0 ? -1 : rel.lastIndexOf('templates/', i - 1)) {
    if (i > 0 && rel[i - 1] !== '/') continue;
    const chart = charts.get(`${branch}\u0000${i === 0 ? '' : rel.slice(0, i - 1)}`);
    if (chart) return chart;
  }
  return undefined;
}

const chartCache = new WeakMap<HelmChart, { values: unknown; defines: Map<string, string> }>();

/** what templates of `chart` can read: its values.yaml and the helpers its `_*.tpl` files define (once per chart) */
function chartContext(project: MigrationProject, chart: HelmChart): { values: unknown; defines: Map<string, string> } {
  let c = chartCache.get(chart);
  if (!c) {
    c = { values: chartValues(project, chart), defines: defines(project, chart) };
    chartCache.set(chart, c);
  }
  return c;
}

function chartValues(project: MigrationProject, chart: HelmChart): unknown {
  const v = project.helmValues.find((h) => h.src.file.dirName === chart.dir && h.src.file.origin.branch === chart.branch && /^values\.ya?ml$/.test(h.src.file.baseName));
  return v ? v.src.doc.value : undefined;
}

const helperFiles = new WeakMap<MigrationProject, Map<string, MigrationProject['files']>>();

/** `branch NUL directory` → the Helm helper files at any depth below it, in model order */
function helpersBelow(project: MigrationProject): Map<string, MigrationProject['files']> {
  let index = helperFiles.get(project);
  if (index) return index;
  index = new Map();
  for (const f of project.files) {
    if (f.fileKind !== 'helm-helper') continue;
    for (const d of dirAndAncestors(f.file.dirName)) {
      const key = `${f.file.origin.branch ?? ''}\u0000${d}`;
      const list = index.get(key);
      if (list) list.push(f);
      else index.set(key, [f]);
    }
  }
  helperFiles.set(project, index);
  return index;
}

function defines(project: MigrationProject, chart: HelmChart): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of helpersBelow(project).get(`${chart.branch ?? ''}\u0000${chart.dir}`) ?? []) {
    const text = f.file.text;
    const actions = templateActions(text);
    for (let i = 0; i < actions.length; i++) {
      const m = /^\{\{-?\s*define\s+"([^"]+)"/.exec(actions[i]?.text ?? '');
      if (!m?.[1]) continue;
      let depth = 1;
      let j = i + 1;
      for (; j < actions.length && depth > 0; j++) {
        const a = actions[j]?.text ?? '';
        if (/^\{\{-?\s*(if|range|with|define|block)\b/.test(a)) depth++;
        else if (/^\{\{-?\s*end\b/.test(a)) depth--;
      }
      const open = actions[i] as TemplateAction;
      const close = actions[j - 1] as TemplateAction;
      out.set(m[1], text.slice(open.end, close.start));
    }
  }
  return out;
}

interface TemplateContext {
  defs: Map<string, string>;
  values: unknown;
  depth: number;
  /** the `.Values` path of the enclosing `with` */
  withValues?: string;
}

/**
 * The keys that the template actions in `text` write (`include`/`template` of a helper, `toYaml .Values.x`);
 * undefined when one of them cannot be resolved. Keys written literally count only inside helpers (`record`).
 */
function keysOfTemplate(text: string, ctx: TemplateContext, record: boolean): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let withValues = ctx.withValues;
  for (const line of text.split('\n')) {
    const lineActions = templateActions(line);
    const rest = replaceActions(line, () => '', lineActions);
    const key = /^\s*([A-Za-z0-9][\w./-]*)\s*:(\s|$)/.exec(rest)?.[1];
    if (key && record) out.set(key, '');
    const keyPosition = rest.trim() === '' || key === 'labels' || key === 'annotations';
    for (const { text: a } of lineActions) {
      const w = /^\{\{-?\s*with\s+\.Values\.([\w.]+)/.exec(a);
      if (w) withValues = w[1];
      if (!keyPosition) continue;
      const inc = /\b(?:include|template)\s+"([^"]+)"/.exec(a);
      if (inc?.[1]) {
        const body = ctx.defs.get(inc[1]);
        if (body === undefined || ctx.depth > 5) return undefined;
        const nested = keysOfTemplate(body, { ...ctx, depth: ctx.depth + 1, withValues: undefined }, true);
        if (!nested) return undefined;
        for (const k of nested.keys()) out.set(k, '');
      } else if (/\btoYaml\b|\btpl\b/.test(a)) {
        const path = /\btoYaml\s+\.Values\.([\w.]+)/.exec(a)?.[1] ?? (/\btoYaml\s+\.\s*(\||-?\}\})/.test(a) ? withValues : undefined);
        if (path === undefined || ctx.values === undefined) return undefined;
        for (const [k, val] of Object.entries(asStringMap(get(ctx.values, ...path.split('.'))))) out.set(k, val);
      } else if (!/^\{\{-?\s*(if|else|end|with|range|\/\*)\b/.test(a) && !/^\{\{-?\s*-?\}\}$/.test(a)) {
        return undefined;
      }
    }
  }
  return out;
}

/** the lines of the block under the key at `keyStart` (deeper indentation, blank, comment or template lines) */
function blockAfter(text: string, keyStart: number): Range {
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = keyStart - lineStart;
  let pos = text.indexOf('\n', keyStart);
  if (pos === -1) return { start: keyStart, end: text.length };
  while (pos < text.length) {
    const next = text.indexOf('\n', pos + 1);
    const line = text.slice(pos + 1, next === -1 ? text.length : next);
    const t = line.trim();
    if (t !== '' && !t.startsWith('#') && !t.startsWith('{{') && line.length - line.trimStart().length <= indent) break;
    if (next === -1) return { start: keyStart, end: text.length };
    pos = next;
  }
  return { start: keyStart, end: pos };
}

function addTemplateKeys(project: MigrationProject, w: Workload, metaPath: (string | number)[], meta: { annotations: MetaMap; labels: MetaMap }): void {
  const text = w.src.file.text;
  const metaRef = w.src.at(...metaPath);
  const anchor = metaRef.exists() ? metaRef.range('key') : w.src.at(...metaPath.slice(0, -1)).exists() ? w.src.at(...metaPath.slice(0, -1)).range('key') : undefined;
  if (!anchor) return;
  const block = blockAfter(text, anchor.start);
  const chart = chartOf(project, w.src.file);
  const known = chart ? chartContext(project, chart) : undefined;
  const ctx = { defs: known?.defines ?? new Map<string, string>(), values: known?.values, depth: 0 };
  // split the block at the labels:/annotations: keys and resolve the actions under each
  const parts: { which: 'labels' | 'annotations' | 'both'; start: number }[] = [{ which: 'both', start: block.start }];
  for (const which of ['labels', 'annotations'] as const) {
    const ref = w.src.at(...metaPath, which);
    if (ref.exists()) parts.push({ which, start: ref.range('key').start });
  }
  parts.sort((a, b) => a.start - b.start);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as (typeof parts)[number];
    const end = parts[i + 1]?.start ?? block.end;
    const segment = text.slice(part.start, end);
    if (!segment.includes('{{')) continue;
    const withValues = [...text.slice(block.start, part.start).matchAll(/\{\{-?\s*with\s+\.Values\.([\w.]+)/g)].pop()?.[1];
    const keys = keysOfTemplate(segment, { ...ctx, withValues }, false);
    for (const which of part.which === 'both' ? (['labels', 'annotations'] as const) : [part.which]) {
      if (!keys) meta[which].unknown = true;
      else for (const [k, v] of keys) if (!meta[which].entries.has(k) && k !== 'labels' && k !== 'annotations') meta[which].entries.set(k, { value: v, templated: true });
    }
  }
}

// ---------------------------------------------------------------- Kustomize: commonLabels / commonAnnotations

interface KustomizeAdds {
  labels: Record<string, string>;
  /** commonLabels and `labels[]` with includeTemplates also reach pod templates */
  templateLabels: Record<string, string>;
  annotations: Record<string, string>;
}

const kustomizeCache = new WeakMap<MigrationProject, { dir: string; branch?: string; resources: string[]; adds: KustomizeAdds }[]>();

function kustomizations(project: MigrationProject) {
  let list = kustomizeCache.get(project);
  if (list) return list;
  list = project.kustomizations.map((k) => {
    const v = k.src.doc.value;
    const labels: Record<string, string> = { ...asStringMap(get(v, 'commonLabels')) };
    const templateLabels: Record<string, string> = { ...labels };
    for (const l of asArray(get(v, 'labels'))) {
      const pairs = asStringMap(get(l, 'pairs'));
      Object.assign(labels, pairs);
      if (get(l, 'includeTemplates') === true) Object.assign(templateLabels, pairs);
    }
    return {
      dir: k.dir,
      branch: k.src.file.origin.branch,
      resources: k.resources,
      adds: { labels, templateLabels, annotations: asStringMap(get(v, 'commonAnnotations')) },
    };
  });
  kustomizeCache.set(project, list);
  return list;
}

/** files that Kustomizations apply as patches: partial manifests, not workloads of their own */
export function kustomizePatches(project: MigrationProject): Set<string> {
  return new Set(project.kustomizations.flatMap((k) => k.patches));
}

type KustomizeEntry = ReturnType<typeof kustomizations>[number];
const includersCache = new WeakMap<MigrationProject, Map<string, KustomizeEntry[]>>();

/** `branch NUL path` → the Kustomizations that list it among their resources, in model order */
function includers(project: MigrationProject): Map<string, KustomizeEntry[]> {
  let index = includersCache.get(project);
  if (index) return index;
  index = new Map();
  for (const k of kustomizations(project)) {
    for (const r of new Set(k.resources)) {
      const key = `${k.branch ?? ''}\u0000${r}`;
      const list = index.get(key);
      if (list) list.push(k);
      else index.set(key, [k]);
    }
  }
  includersCache.set(project, index);
  return index;
}

/** labels and annotations every Kustomization that (transitively) includes `file` adds */
export function kustomizeAdditions(project: MigrationProject, file: SourceFile): KustomizeAdds {
  const out: KustomizeAdds = { labels: {}, templateLabels: {}, annotations: {} };
  const index = includers(project);
  const branch = file.origin.branch ?? '';
  const order = kustomizations(project);
  let targets = new Set([file.relPath]);
  const seen = new Set<KustomizeEntry>();
  for (let round = 0; round < 10 && targets.size > 0; round++) {
    const found = new Set<KustomizeEntry>();
    for (const t of targets) for (const k of index.get(`${branch}\u0000${t}`) ?? []) if (!seen.has(k)) found.add(k);
    const next = new Set<string>();
    // in model order, as a walk over every Kustomization would meet them (later ones win on a shared key)
    for (const k of found.size > 1 ? order.filter((k) => found.has(k)) : found) {
      seen.add(k);
      Object.assign(out.labels, k.adds.labels);
      Object.assign(out.templateLabels, k.adds.templateLabels);
      Object.assign(out.annotations, k.adds.annotations);
      next.add(k.dir);
    }
    targets = next;
  }
  return out;
}

// ---------------------------------------------------------------- CI usages

export type CiConcern = 'delivery' | 'evaluation' | 'setup' | 'api';

const SEQUENCE_TRIGGERED = /sh\.keptn\.event\.[\w-]+\.([\w-]+)\.triggered/;

/** files holding Keptn v1 integration configuration: their Keptn API calls belong to those rules */
function isIntegrationFile(project: MigrationProject, file: SourceFile): boolean {
  let files = integrationFiles.get(project);
  if (!files) {
    files = new Set(project.files.filter((f) => f.kinds.some((k) => k === 'webhook-config' || k === 'job-config')).map((f) => f.file));
    integrationFiles.set(project, files);
  }
  return files.has(file);
}
const integrationFiles = new WeakMap<MigrationProject, Set<SourceFile>>();

/** the logical command line a usage sits on (backslash continuations joined) */
export function commandLine(u: CiUsage): string {
  const text = u.file.text;
  const continued = (lineEnd: number) => text[lineEnd - 1] === '\\' || (text[lineEnd - 1] === '\r' && text[lineEnd - 2] === '\\');
  let start = text.lastIndexOf('\n', u.range.start - 1) + 1;
  while (start > 0 && continued(start - 1)) start = text.lastIndexOf('\n', start - 2) + 1;
  let end = text.indexOf('\n', u.range.end);
  while (end !== -1 && continued(end)) end = text.indexOf('\n', end + 1);
  return text.slice(start, end === -1 ? text.length : end).replace(/\\\r?\n\s*/g, ' ');
}

/** `--service=carts`, `--service carts`, `-s carts` */
export function flagValue(line: string, ...names: string[]): string | undefined {
  for (const n of names) {
    const re = new RegExp(`(?:^|\\s)${n.length === 1 ? '-' : '--'}${n}(?:=|\\s+)("[^"]*"|'[^']*'|(?:\\$\\{\\{[^}]*\\}\\}|[^\\s;&|])+)`);
    const m = re.exec(line);
    if (m?.[1]) return m[1].replace(/^["']|["']$/g, '');
  }
  return undefined;
}

const EVENT_TYPE = /sh\.keptn\.events?\.[\w.-]*[\w-]/g;

/** the event type a POST /api/v1/event or `keptn send event` sends: the nearest one after the call, else before it */
export function nearbyEventType(u: CiUsage): string | undefined {
  const text = u.file.text;
  const after = [...text.slice(u.range.end, u.range.end + 1500).matchAll(EVENT_TYPE)][0]?.[0];
  return after ?? [...text.slice(Math.max(0, u.range.start - 1500), u.range.start).matchAll(EVENT_TYPE)].pop()?.[0];
}

const EVALUATION_LIBRARY = new Set(['sendStartEvaluationEvent', 'waitForEvaluationDoneEvent', 'markEvaluationStartTime', 'triggerEvaluation', 'sendDeploymentFinishedEvent']);
const DELIVERY_LIBRARY = new Set(['sendDeliveryTriggeredEvent', 'sendConfigurationChangedEvent', 'sendDeploymentTriggeredEvent']);

/** which rule a CI usage belongs to; undefined for usages no CI rule reports */
export function ciConcern(project: MigrationProject, u: CiUsage): CiConcern | undefined {
  if (isIntegrationFile(project, u.file)) return undefined;
  const cmd = u.command;
  if (u.via === 'library') {
    if (DELIVERY_LIBRARY.has(cmd)) return 'delivery';
    if (EVALUATION_LIBRARY.has(cmd)) return 'evaluation';
    return 'setup';
  }
  if (u.via === 'cli') {
    if (cmd === 'trigger delivery' || cmd === 'send event new-artifact' || cmd === 'trigger sequence') return 'delivery';
    if (cmd === 'trigger evaluation' || cmd === 'send event start-evaluation' || cmd === 'get evaluation' || cmd === 'get evaluations') return 'evaluation';
    if (cmd === 'send event') return eventConcern(nearbyEventType(u)) ?? 'setup';
    return 'setup';
  }
  if (u.via === 'install') return keptnV1Install(project, u) ? 'setup' : undefined;
  if (cmd === 'Keptn API credentials' && nextToOtherUsage(project, u)) return undefined;
  if (cmd === 'GET /api/mongodb-datastore/event') return 'evaluation';
  if (cmd === 'POST /api/v1/event') return eventConcern(nearbyEventType(u)) ?? 'api';
  if (cmd === 'x-token authentication' && coveredToken(project, u)) return undefined;
  return 'api';
}

export function eventConcern(type: string | undefined): 'delivery' | 'evaluation' | undefined {
  if (!type) return undefined;
  if (/start-evaluation|deployment-finished|\.evaluation\.triggered$/.test(type)) return 'evaluation';
  if (/configuration\.change|new-artifact/.test(type) || SEQUENCE_TRIGGERED.test(type)) return 'delivery';
  return undefined;
}

/** an install of Keptn v1 (not of KLT, whose chart is also keptn/keptn but comes from charts.lifecycle.keptn.sh); one per install */
function keptnV1Install(project: MigrationProject, u: CiUsage): boolean {
  if (/charts\.lifecycle\.keptn\.sh|lifecycle-toolkit/.test(u.file.text)) return false;
  const line = u.file.lineIndex.position(u.range.start).line;
  return !allCiUsages(project).some(
    (o) => o.file === u.file && o.via === 'install' && o.range.start < u.range.start && line - u.file.lineIndex.position(o.range.start).line <= 10,
  );
}

/** `$KEPTN_API_TOKEN` on the line of a keptn command or API call is reported with that command */
function nextToOtherUsage(project: MigrationProject, u: CiUsage): boolean {
  const line = u.file.lineIndex.position(u.range.start).line;
  return allCiUsages(project).some(
    (o) => o !== u && o.file === u.file && o.via !== 'install' && Math.abs(u.file.lineIndex.position(o.range.start).line - line) <= 5,
  );
}

/** an x-token header next to another Keptn API call (the same curl) is reported with that call */
function coveredToken(project: MigrationProject, u: CiUsage): boolean {
  const line = u.file.lineIndex.position(u.range.start).line;
  return allCiUsages(project).some(
    (o) =>
      o.file === u.file &&
      o.via === 'api' &&
      o.command !== 'x-token authentication' &&
      Math.abs(u.file.lineIndex.position(o.range.start).line - line) <= 5,
  );
}

/** text that mentions a command without running it: a comment, an echo'd string, a YAML step name */
function isInert(text: string, offset: number): boolean {
  const prefix = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  return (
    /(^|\s)(#|\/\/)/.test(prefix) ||
    echoedToTheEnd(prefix) ||
    /^\s*(-\s+)?(name|description|displayName):(?=(\s*))\3["']?[^"']*$/.test(prefix)
  );
}

/**
 * Whether an `echo` prints the rest of the line (no quote, pipe, `;` or `&` after its flags and an opening quote):
 * `/\becho\s+(-\w+\s+)*["']?[^"'|;&]*$/`, asked only of the last `echo` (if an earlier one prints to the end, the
 * later ones sit in what it prints, so they do too), with its flags taken whole (`(?=(…))\1`; giving flags back only
 * leaves a `-` where the quote could be). Applied at every `echo` with flags that can be split many ways, the
 * expression took time growing with the cube of the line.
 */
export function echoedToTheEnd(prefix: string): boolean {
  let last = -1;
  for (const m of prefix.matchAll(/\becho\s/g)) last = m.index;
  if (last === -1) return false;
  const echo = /echo\s+(?=((?:-\w+\s+)*))\1["']?[^"'|;&]*$/y;
  echo.lastIndex = last;
  return echo.test(prefix);
}

const PARENLESS = /\bkeptn\.(keptnInit|keptnAddResources|keptnAddProjectResources|keptnAddStageResources|keptnAddServiceResources|sendDeliveryTriggeredEvent|sendStartEvaluationEvent|sendConfigurationChangedEvent|sendDeploymentFinishedEvent|sendDeploymentTriggeredEvent|waitForEvaluationDoneEvent|markEvaluationStartTime|keptnDeleteProject)\b(?!\s*\()/g;
const usageCache = new WeakMap<MigrationProject, CiUsage[]>();

/**
 * project.ciUsages plus Keptn Jenkins library calls written the Groovy way, without parentheses
 * (`keptn.sendDeliveryTriggeredEvent image: "..."`), which the CI reader does not match.
 */
export function allCiUsages(project: MigrationProject): CiUsage[] {
  const cached = usageCache.get(project);
  if (cached) return cached;
  const out = project.ciUsages.filter((u) => !isInert(u.file.text, u.range.start));
  for (const f of project.files) {
    if (f.fileKind !== 'script' && f.fileKind !== 'yaml') continue;
    for (const m of f.file.text.matchAll(PARENLESS)) {
      const range = { start: m.index, end: m.index + m[0].length };
      if (isInert(f.file.text, range.start) || out.some((u) => u.file === f.file && u.range.start <= range.start && range.end <= u.range.end)) continue;
      out.push({ file: f.file, range, via: 'library', command: m[1] ?? '', text: m[1] ?? '' });
    }
  }
  usageCache.set(project, out);
  return out;
}

export function ciTarget(u: CiUsage): { file: SourceFile; range: Range; anchor: string } {
  return { file: u.file, range: u.range, anchor: `${u.via}:${u.command}` };
}
