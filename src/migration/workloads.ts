import { imageTag, KLT_SUPPORTED_KINDS, workloadKey } from '../formats/k8s.js';
import { deepestContaining } from '../model/layout.js';
import type { KeptnProject, MigrationProject } from '../model/project.js';
import type { Container, Workload } from '../model/types.js';

export interface MigratedWorkload {
  workload: Workload;
  project: KeptnProject;
  service: string;
  app: string;
  /** the container whose image tag gives the version */
  container?: Container;
  /** the version from that image tag, when it is a real tag (not latest, not templated, not a digest) */
  version?: string;
}

const cache = new WeakMap<MigrationProject, MigratedWorkload[]>();

/**
 * The Deployments, StatefulSets, DaemonSets, ReplicaSets and Rollouts that belong to a Keptn v1 service: named like
 * the service (or its helm-service `-primary`/`-canary` copies), or labelled with it (`app`, `app.kubernetes.io/name`).
 * Kustomize patches are left out: the base is edited, not every overlay.
 */
export function migratedWorkloads(model: MigrationProject, appName: (dir: string) => string): MigratedWorkload[] {
  const hit = cache.get(model);
  if (hit) return hit;
  const patches = new Set(model.kustomizations.flatMap((k) => k.patches));
  const out: MigratedWorkload[] = [];
  const projects = projectIndex(model);
  for (const w of model.workloads) {
    if (!KLT_SUPPORTED_KINDS.has(w.kind) || patches.has(w.src.file.relPath) || w.src.file.origin.branch) continue;
    const project = projectFor(projects, w);
    if (!project) continue;
    const service = serviceOf(w, project.services);
    if (!service) continue;
    const container = versionContainer(w, service);
    const tag = container?.image ? imageTag(container.image) : undefined;
    const templated = container ? w.templateActions.some((a) => a.start < container.src.range().end && container.src.range().start < a.end) : false;
    const version = tag && tag !== 'latest' && tag !== 'digest' && !templated && !tag.includes('_') ? tag : undefined;
    out.push({ workload: w, project, service, app: appName(project.dir), container, version });
  }
  cache.set(model, out);
  return out;
}

interface ProjectIndex {
  /** the projects a shipyard defines, by directory */
  byDir: Map<string, KeptnProject>;
  /** service name → the projects that have it */
  byService: Map<string, KeptnProject[]>;
  real: KeptnProject[];
}

function projectIndex(model: MigrationProject): ProjectIndex {
  const real = model.projects.filter((p) => !p.implicit);
  const byDir = new Map(real.map((p) => [p.dir, p]));
  const byService = new Map<string, KeptnProject[]>();
  for (const p of model.projects) {
    for (const s of new Set(p.services)) {
      const list = byService.get(s);
      if (list) list.push(p);
      else byService.set(s, [p]);
    }
  }
  return { byDir, byService, real };
}

/** the deepest project directory holding the workload; else the one project that has its service; else the only project */
function projectFor(index: ProjectIndex, w: Workload): KeptnProject | undefined {
  const containing = deepestContaining(index.byDir, w.src.file.dirName);
  if (containing) return containing;
  const byService = new Set(serviceCandidates(w).flatMap((c) => (c === undefined ? [] : (index.byService.get(c) ?? []))));
  if (byService.size === 1) return [...byService][0];
  return index.real.length === 1 ? index.real[0] : undefined;
}

function serviceOf(w: Workload, services: readonly string[]): string | undefined {
  return serviceCandidates(w).find((c): c is string => c !== undefined && services.includes(c));
}

/** the names a workload may be known by as a Keptn v1 service, most specific first */
function serviceCandidates(w: Workload): (string | undefined)[] {
  return [w.name, w.name.replace(/-(primary|canary)$/, ''), w.podLabels.app, w.labels.app, workloadKey(w, 'keptn.sh/workload', 'app.kubernetes.io/name')?.value];
}

function versionContainer(w: Workload, service: string): Container | undefined {
  if (w.containers.length <= 1) return w.containers[0];
  const named = w.podAnnotations['keptn.sh/container'];
  return (
    w.containers.find((c) => c.name === named) ??
    w.containers.find((c) => c.name === service) ??
    w.containers.find((c) => (c.image ?? '').split('/').pop()?.split(':')[0] === service) ??
    w.containers[0]
  );
}
