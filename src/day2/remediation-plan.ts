/**
 * Plans what remediation.yaml becomes ("Day 2"): per service (and stage), the scaling actions become KeptnMetrics on the
 * SLIs that raised the problems and one autoscaler over them; every other action becomes a task-definition template.
 * Pure: reads the model, returns a plan; the transform turns it into ctx calls.
 */
import { asString, get, safeJson } from '../core/values.js';
import { KLT_PROVIDERS } from '../formats/sli.js';
import { convertQuery, type ArgSource } from '../gates/sli-templates.js';
import { kubeName } from '../klt/names.js';
import { deepestContaining } from '../model/layout.js';
import { effectiveIndicators, inProject, projectOf, providersFor, type KeptnProject, type MigrationProject } from '../model/project.js';
import type { SourceRef } from '../model/source-ref.js';
import type { Remediation, RemediationAction, Scope, Slo, Workload } from '../model/types.js';
import { matchSli, type SliCandidate, type SliMatch } from './sli-match.js';

/** the kinds an autoscaler can scale (they have a scale subresource) */
export const SCALABLE_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout']);

/** the window substituted for `$DURATION_SECONDS` / `$DURATION` in a KeptnMetric query */
export const METRIC_WINDOW = { prometheus: '60s', seconds: '60' };

/** action values as they appear in messages (bounded: a value can share nodes through YAML aliases) */
const MESSAGE_MAX_CHARS = 2000;
/** action values and queries as identities (templates are merged by value) and generated text */
const KEY_MAX_CHARS = 100_000;

export interface PlanNote {
  at: SourceRef;
  message: string;
}

export interface ScalingStep {
  problemType: string;
  problemSrc: SourceRef;
  action: RemediationAction;
  /** the replica change Keptn v1 applied (`"+1"` → 1), undefined when the value is not an integer */
  delta?: number;
}

export interface PlannedMetric {
  /** KeptnMetric name */
  name: string;
  sli: string;
  provider: string;
  query: string;
  /** the autoscaler target, from the slo.yaml pass (else warning) upper bound */
  threshold?: { value: number; from: string };
  match: SliMatch;
  problems: string[];
  /** scaling steps that rely on this metric while it has no threshold (left out of the autoscaler) */
  steps: ScalingStep[];
  /** the slo.yaml searched for the threshold */
  slo?: string;
}

export interface ServiceScaling {
  app: string;
  project: KeptnProject | undefined;
  scope: Scope & { service: string };
  remediation: Remediation;
  workload?: Workload;
  /** the workload to scale: found in the repository, or the Deployment Keptn v1 required (named after the service) */
  target: { apiVersion: string; kind: string; name: string; namespace?: string };
  baseReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  metrics: PlannedMetric[];
  steps: ScalingStep[];
  losses: PlanNote[];
  manual: PlanNote[];
  /** name for the autoscaler */
  name: string;
}

export interface ActionTemplate {
  app: string;
  remediation: Remediation;
  scope: Scope;
  service?: string;
  action: RemediationAction;
  problems: { problemType: string; src: SourceRef }[];
  /** why a scaling action ended up here (not an integer value) */
  note?: string;
}

export interface RemediationPlan {
  scaling: ServiceScaling[];
  templates: ActionTemplate[];
  /** problems whose scaling could not be planned at all */
  manual: PlanNote[];
  losses: PlanNote[];
}

export function isScaling(action: RemediationAction): boolean {
  return action.action.trim() === 'scaling';
}

/** `"+1"`, `"1"`, `1`, `"-2"` → the integer Keptn v1's helm-service added to the replica count */
export function scalingDelta(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value.trim(), 10);
  return undefined;
}

/**
 * Replica bounds from the scaling values: Keptn v1 ran a problem's actions one after another while it stayed open, so
 * one problem could add the sum of its positive values. maxReplicas = replicas + the largest such sum over the
 * problems; minReplicas = replicas + the most negative such sum (at least 1).
 */
export function replicaBounds(base: number, steps: readonly ScalingStep[]): { min: number; max: number } {
  const up = new Map<string, number>();
  const down = new Map<string, number>();
  for (const s of steps) {
    if (s.delta === undefined) continue;
    if (s.delta > 0) up.set(s.problemType, (up.get(s.problemType) ?? 0) + s.delta);
    if (s.delta < 0) down.set(s.problemType, (down.get(s.problemType) ?? 0) + s.delta);
  }
  const maxUp = Math.max(0, ...up.values());
  const maxDown = Math.min(0, ...down.values());
  return { min: Math.max(1, base + maxDown), max: Math.max(1, base + maxUp) };
}

/** the slo.yaml that applies to `scope` (most specific first) */
export function sloFor(model: MigrationProject, scope: Scope): Slo | undefined {
  const fits = inProject(model.slos, scope.project).filter(
    (s) =>
      s.variant === 'standard' &&
      (s.scope.stage === undefined || s.scope.stage === scope.stage) &&
      (s.scope.service === undefined || s.scope.service === scope.service),
  );
  const rank = (s: Slo) => (s.scope.service ? 2 : 0) + (s.scope.stage ? 1 : 0);
  return fits.sort((a, b) => rank(b) - rank(a) || (a.src.file.displayPath < b.src.file.displayPath ? -1 : 1))[0];
}

/**
 * The value the autoscaler keeps the metric under: the pass criteria's upper bound (`<600`, `<=600`; the largest over
 * OR-ed groups, the smallest within one group), else the warning criteria's. Undefined when the objective only has
 * lower bounds or relative criteria (an autoscaler cannot scale on "too low").
 */
export function scalingThreshold(slo: Slo | undefined, sli: string): { value: number; from: string } | undefined {
  const objective = slo?.objectives.find((o) => o.sli === sli);
  if (!objective) return undefined;
  for (const which of ['pass', 'warning'] as const) {
    let best: { value: number; raw: string } | undefined;
    for (const group of objective[which]) {
      let groupMax: { value: number; raw: string } | undefined;
      for (const c of group.criteria ?? []) {
        const p = c.parsed;
        if (p.kind !== 'absolute' || (p.operator !== '<' && p.operator !== '<=')) continue;
        if (!groupMax || p.value < groupMax.value) groupMax = { value: p.value, raw: String(c.raw) };
      }
      if (groupMax && (!best || groupMax.value > best.value)) best = groupMax;
    }
    if (best) return { value: best.value, from: `the ${which} criterion "${best.raw}" of ${slo?.src.file.displayPath ?? 'slo.yaml'}` };
  }
  return undefined;
}

/** The SLI query as a static KeptnMetric query: Keptn placeholders filled with this service's values. */
export function metricQuery(
  raw: string,
  provider: string,
  filter: Record<string, string>,
  values: { project: string; stage?: string; service: string; projectGuessed?: boolean; stageGuessed?: boolean },
): { query: string; notes: string[] } {
  const converted = convertQuery(raw, provider, filter);
  const notes = converted.notes.filter((n) => !n.includes('example Analysis') && !n.includes('escaped for Go templates'));
  const fill = (name: string, source: ArgSource | undefined): string => {
    switch (source?.from) {
      case 'project':
        if (values.projectGuessed) notes.push(`$PROJECT is filled with "${values.project}", the folder name (the shipyard does not name the project): check it`);
        return values.project;
      case 'service':
        return values.service;
      case 'stage':
        if (values.stage !== undefined) {
          if (values.stageGuessed) notes.push(`$STAGE is filled with "${values.stage}", the project's only stage with remediation (the remediation.yaml is not in a stage folder): check it`);
          return values.stage;
        }
        notes.push('$STAGE has no value (the remediation.yaml is not in a stage): edit the query');
        return '$STAGE';
      case 'deployment':
        notes.push('$DEPLOYMENT named the Keptn v1 deployment (primary/canary); the query uses "primary"');
        return 'primary';
      case 'duration':
        notes.push(`the SLI's evaluation window ($DURATION${source.unit === 'prometheus' ? '_SECONDS' : ''}) is fixed to ${METRIC_WINDOW[source.unit]} for autoscaling`);
        return METRIC_WINDOW[source.unit];
      case 'filter':
        return source.value;
      case 'label':
        notes.push(`$LABEL.${source.key} was a label of the Keptn event; there is none for a KeptnMetric: edit the query`);
        return `$LABEL.${source.key}`;
      case 'none':
        return source.placeholder;
      default:
        return `{{.${name}}}`;
    }
  };
  const query = converted.query.replace(/\{\{"(\{\{|\}\})"\}\}|\{\{\.([A-Za-z0-9_]+)\}\}/g, (_m, esc: string | undefined, name: string | undefined) =>
    esc !== undefined ? esc : fill(name ?? '', converted.args.get(name ?? '')),
  );
  return { query, notes };
}

/** the workload of `service`: named after it (Keptn v1 required that), else labelled with it; scalable kinds first */
interface WorkloadIndex {
  byName: Map<string, Workload[]>;
  /** `app.kubernetes.io/name` or `app` label (of the workload or its pods) → workloads, in model order */
  byLabel: Map<string, Workload[]>;
  /** the projects other than the root one, by directory */
  projectDirs: Map<string, KeptnProject>;
}
const workloadIndexes = new WeakMap<MigrationProject, WorkloadIndex>();

function workloadIndex(model: MigrationProject): WorkloadIndex {
  let index = workloadIndexes.get(model);
  if (index) return index;
  const add = (map: Map<string, Workload[]>, key: string, w: Workload) => {
    const list = map.get(key);
    if (list) list.push(w);
    else map.set(key, [w]);
  };
  index = { byName: new Map(), byLabel: new Map(), projectDirs: new Map(model.projects.filter((p) => p.dir !== '').map((p) => [p.dir, p])) };
  for (const w of model.workloads) {
    add(index.byName, w.name, w);
    const values = new Set<string>();
    for (const l of [w.labels, w.podLabels]) for (const key of ['app.kubernetes.io/name', 'app']) if (typeof l[key] === 'string') values.add(l[key]);
    for (const v of values) add(index.byLabel, v, w);
  }
  workloadIndexes.set(model, index);
  return index;
}

export function findWorkload(model: MigrationProject, projectDir: string, service: string): { workload?: Workload; others: Workload[] } {
  const index = workloadIndex(model);
  const inSomeProject = (w: Workload) => deepestContaining(index.projectDirs, w.src.file.dirName) !== undefined;
  const inProject = (w: Workload) => projectDir === '' || w.src.file.relPath.startsWith(projectDir + '/') || !inSomeProject(w);
  const byName = index.byName.get(service) ?? [];
  const byLabel = (index.byLabel.get(service) ?? []).filter((w) => w.name !== service);
  const order = (list: Workload[]) =>
    [...list].sort(
      (a, b) =>
        Number(inProject(b)) - Number(inProject(a)) ||
        Number(SCALABLE_KINDS.has(b.kind)) - Number(SCALABLE_KINDS.has(a.kind)) ||
        (a.src.file.displayPath < b.src.file.displayPath ? -1 : a.src.file.displayPath > b.src.file.displayPath ? 1 : a.src.doc.index - b.src.doc.index),
    );
  const all = [...order(byName), ...order(byLabel)];
  const [workload, ...rest] = all;
  const others = rest.filter((w) => w.name !== workload?.name || w.kind !== workload.kind);
  return { workload, others };
}

function replicasOf(w: Workload | undefined): { replicas: number; known: boolean } {
  if (!w) return { replicas: 1, known: false };
  const v = get(w.src.doc.value, 'spec', 'replicas');
  if (v === undefined) return { replicas: 1, known: true };
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) return { replicas: v, known: true };
  return { replicas: 1, known: false };
}

function candidatesFor(model: MigrationProject, scope: Scope, slo: Slo | undefined): SliCandidate[] {
  const out: SliCandidate[] = [];
  const used = new Set(slo?.objectives.map((o) => o.sli) ?? []);
  for (const provider of providersFor(model, scope).filter((p) => KLT_PROVIDERS.has(p))) {
    for (const name of effectiveIndicators(model, scope, provider).keys()) out.push({ name, provider, inSlo: used.has(name) });
  }
  return out;
}

export function planRemediations(model: MigrationProject, appName: (dir: string) => string): RemediationPlan {
  const plan: RemediationPlan = { scaling: [], templates: [], manual: [], losses: [] };
  const remediations = [...model.remediations].sort((a, b) => (a.src.file.displayPath < b.src.file.displayPath ? -1 : a.src.file.displayPath > b.src.file.displayPath ? 1 : a.src.doc.index - b.src.doc.index));
  const byService = new Map<string, ServiceScaling>();
  const templateKey = new Map<string, ActionTemplate>();

  for (const rem of remediations) {
    const project = projectOf(model, rem.scope);
    const app = appName(rem.scope.project);
    let services = rem.scope.service ? [rem.scope.service] : (project?.services ?? []);
    if (services.length === 0 && rem.problems.some((p) => p.actions.some((a) => isScaling(a)))) {
      // no service folder and no service files: a project with a single Helm chart deploys that one service
      const charts = model.helmCharts.filter((c) => !c.branch && (rem.scope.project === '' || c.dir === rem.scope.project || c.dir.startsWith(rem.scope.project + '/')));
      const names = [...new Set(charts.map((c) => c.name ?? c.dir.slice(c.dir.lastIndexOf('/') + 1)).filter((n) => n !== ''))];
      if (names.length === 1) {
        services = names;
        plan.losses.push({ at: rem.src, message: `${rem.src.file.displayPath} names no service; the project's only Helm chart is "${names[0] ?? ''}", so its scaling is taken to be for service "${names[0] ?? ''}"` });
      }
    }
    for (const problem of rem.problems) {
      for (const action of problem.actions) {
        const delta = isScaling(action) ? scalingDelta(action.value) : undefined;
        if (!isScaling(action) || delta === undefined) {
          const key = `${app}\u0000${rem.scope.stage ?? ''}\u0000${rem.scope.service ?? ''}\u0000${action.action}\u0000${safeJson(action.value ?? null, KEY_MAX_CHARS)}`;
          const existing = templateKey.get(key);
          if (existing) existing.problems.push({ problemType: problem.problemType, src: problem.src });
          else {
            const t: ActionTemplate = {
              app,
              remediation: rem,
              scope: rem.scope,
              service: rem.scope.service,
              action,
              problems: [{ problemType: problem.problemType, src: problem.src }],
              ...(isScaling(action) ? { note: `its value ${safeJson(action.value ?? null, MESSAGE_MAX_CHARS)} is not a whole number of replicas (Keptn v1's helm-service rejected it too)` } : {}),
            };
            templateKey.set(key, t);
            plan.templates.push(t);
          }
          continue;
        }
        if (services.length === 0) {
          plan.manual.push({ at: action.src, message: `problem type "${problem.problemType}" is answered by scaling ${String(action.value)}, but ${rem.src.file.displayPath} names no service and the project has none: create a KeptnMetric and a HorizontalPodAutoscaler for the workload by hand` });
          continue;
        }
        for (const service of services) {
          const key = `${app}\u0000${rem.scope.project}\u0000${rem.scope.stage ?? ''}\u0000${service}`;
          let s = byService.get(key);
          if (!s) {
            const found = findWorkload(model, rem.scope.project, service);
            const w = found.workload;
            const { replicas, known } = replicasOf(w);
            const scalable = w && SCALABLE_KINDS.has(w.kind) && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(w.name);
            s = {
              app,
              project,
              scope: { ...rem.scope, service },
              remediation: rem,
              ...(w && scalable ? { workload: w } : {}),
              target: w && scalable ? { apiVersion: w.apiVersion || 'apps/v1', kind: w.kind, name: w.name, ...(w.namespace && !w.templated ? { namespace: w.namespace } : {}) } : { apiVersion: 'apps/v1', kind: 'Deployment', name: kubeName(service) },
              baseReplicas: replicas,
              minReplicas: replicas,
              maxReplicas: replicas,
              metrics: [],
              steps: [],
              losses: [],
              manual: [],
              name: kubeName(w && scalable ? w.name : service),
            };
            if (!w) s.losses.push({ at: rem.src, message: `no workload named "${service}" was found in the repository: the autoscaler targets Deployment "${kubeName(service)}" (Keptn v1 required the Deployment to be named after the service)` });
            else if (!scalable) s.losses.push({ at: w.src, message: `${w.kind} "${w.name}" cannot be scaled by an autoscaler (or has a templated name): the autoscaler targets Deployment "${kubeName(service)}"` });
            else if (!known) s.losses.push({ at: w.src.at('spec', 'replicas'), message: `the replica count of ${w.kind} "${w.name}" is not a literal number: the autoscaler assumes 1` });
            if (found.others.length > 0 && w) s.losses.push({ at: w.src, message: `several workloads match service "${service}" (${found.others.map((o) => `${o.kind} ${o.name} in ${o.src.file.displayPath}`).join(', ')}): the autoscaler targets ${w.kind} "${w.name}" in ${w.src.file.displayPath}` });
            byService.set(key, s);
            plan.scaling.push(s);
          }
          s.steps.push({ problemType: problem.problemType, problemSrc: problem.src, action, delta });
        }
      }
    }
  }

  for (const s of plan.scaling) {
    const slo = sloFor(model, s.scope);
    const candidates = candidatesFor(model, s.scope, slo);
    const matched: ScalingStep[] = [];
    const guessed = new Set<string>();
    for (const step of s.steps) {
      const match = matchSli(step.problemType, candidates);
      const sli = match.sli;
      if (!sli) {
        s.manual.push({ at: step.action.src, message: `scaling ${String(step.action.value)} for problem type "${step.problemType}" of service ${s.scope.service}: ${match.reason ?? 'no SLI found'}; create a KeptnMetric for the metric behind this problem and add it to the autoscaler` });
        continue;
      }
      let metric = s.metrics.find((m) => m.sli === sli.name && m.provider === sli.provider);
      if (!metric) {
        const indicator = effectiveIndicators(model, s.scope, sli.provider).get(sli.name);
        const raw = typeof indicator?.query === 'string' ? indicator.query : safeJson(indicator?.query ?? '', KEY_MAX_CHARS);
        const stage = s.scope.stage ?? remediationStage(s.project);
        const { query, notes } = metricQuery(raw, sli.provider, slo?.filter ?? {}, {
          project: s.project?.name ?? s.app,
          projectGuessed: !s.project?.shipyard?.name,
          stage,
          stageGuessed: s.scope.stage === undefined,
          service: s.scope.service,
        });
        metric = { name: '', sli: sli.name, provider: sli.provider, query, match, problems: [], steps: [], ...(slo ? { slo: slo.src.file.displayPath } : {}), ...(scalingThreshold(slo, sli.name) ? { threshold: scalingThreshold(slo, sli.name) } : {}) };
        for (const n of notes) s.losses.push({ at: indicator?.src ?? step.action.src, message: `KeptnMetric for SLI "${sli.name}": ${n}` });
        s.metrics.push(metric);
      }
      if (!metric.problems.includes(step.problemType)) metric.problems.push(step.problemType);
      if (metric.threshold) matched.push(step);
      else metric.steps.push(step);
      if (match.how !== 'exact' && !guessed.has(`${step.problemType}\u0000${sli.name}`)) {
        guessed.add(`${step.problemType}\u0000${sli.name}`);
        const alt = match.alternatives.length ? ` (also possible: ${match.alternatives.join(', ')})` : '';
        s.losses.push({ at: step.problemSrc, message: `problem type "${step.problemType}" names no SLI; keptn-migrate guessed SLI "${sli.name}" by ${match.how === 'category' ? `its symptom (${match.category})` : 'shared words'}${alt}: check the KeptnMetric` });
      }
      if (step.delta !== undefined && step.delta < 0) {
        s.losses.push({ at: step.action.src, message: `scaling ${String(step.action.value)} removed replicas when problem "${step.problemType}" opened; an autoscaler removes replicas only when the metric falls below its target, so this becomes a lower minReplicas` });
      }
    }
    // bounds from the steps the autoscaler carries; without any, from every matched step (for the draft in the manual step)
    const bounds = replicaBounds(s.baseReplicas, matched.length > 0 ? matched : s.metrics.flatMap((m) => m.steps));
    s.minReplicas = bounds.min;
    s.maxReplicas = bounds.max;
  }
  return plan;
}

/** the stage a stage-less remediation.yaml belongs to: the only stage with a remediation sequence (or 0.1 remediation_strategy), else the only stage */
export function remediationStage(project: KeptnProject | undefined): string | undefined {
  const stages = project?.shipyard?.stages ?? [];
  const withRemediation = stages.filter((st) => st.legacy?.remediationStrategy || st.sequences.some((q) => q.name === 'remediation'));
  if (withRemediation.length === 1) return withRemediation[0]?.name;
  return stages.length === 1 ? stages[0]?.name : undefined;
}

/** `"{EnablePromotion: off}"`-style value text for messages */
export function showValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  return typeof v === 'string' ? v : (asString(v) ?? safeJson(v, MESSAGE_MAX_CHARS));
}
