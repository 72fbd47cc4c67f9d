import { imageTag, KLT_SUPPORTED_KINDS, workloadKey } from '../formats/k8s.js';
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
  for (const w of model.workloads) {
    if (!KLT_SUPPORTED_KINDS.has(w.kind) || patches.has(w.src.file.relPath) || w.src.file.origin.branch) continue;
    const project = projectFor(model, w);
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

function projectFor(model: MigrationProject, w: Workload): KeptnProject | undefined {
  const dir = w.src.file.dirName;
  const containing = model.projects.filter((p) => !p.implicit && (p.dir === '' || dir === p.dir || dir.startsWith(p.dir + '/')));
  if (containing.length > 0) return containing.sort((a, b) => b.dir.length - a.dir.length)[0];
  const byService = model.projects.filter((p) => serviceOf(w, p.services));
  if (byService.length === 1) return byService[0];
  const real = model.projects.filter((p) => !p.implicit);
  return real.length === 1 ? real[0] : undefined;
}

function serviceOf(w: Workload, services: readonly string[]): string | undefined {
  const candidates = [
    w.name,
    w.name.replace(/-(primary|canary)$/, ''),
    w.podLabels.app,
    w.labels.app,
    workloadKey(w, 'keptn.sh/workload', 'app.kubernetes.io/name')?.value,
  ];
  return candidates.find((c): c is string => c !== undefined && services.includes(c));
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
