import type { ParseProblem } from '../core/parse-yaml.js';
import type { SourceFile } from '../core/source-file.js';
import type { SkipNotice } from '../core/types.js';
import type { SourceRef } from './source-ref.js';
import type { Indicator, Scope } from './types.js';
import type * as M from './types.js';

/** One Keptn v1 project found in the repository: a shipyard and everything that sits under its directory. */
export interface KeptnProject {
  /** the directory of the shipyard, relative to the scan root ('' for the root) */
  dir: string;
  name: string;
  /** the shipyard that defines the project (the working tree's, or the first branch's) */
  shipyard?: M.Shipyard;
  /** further copies of the shipyard (one per stage branch in the upstream layout) */
  copies: M.Shipyard[];
  stages: string[];
  services: string[];
  /** files use the `.keptn-stages/<stage>/` directory layout */
  directoryMode: boolean;
  /** the project has no shipyard: files found outside any project directory */
  implicit: boolean;
}

export interface UnreadableFile {
  file: string;
  reason: string;
  line?: number;
  binary?: boolean;
}

export interface FileProblem {
  file: SourceFile;
  problem: ParseProblem;
  /** the file is a Helm template read without rendering */
  templated: boolean;
}

export interface ClassifiedFile {
  file: SourceFile;
  fileKind: string;
  /** the document kinds found in the file, in order */
  kinds: string[];
  /** for a file that did not parse: what its text says it is (`webhook-config`, ...) */
  sniffed?: string;
}

/** The whole Keptn v1 picture of a repository: what every rule and transform reads. */
export interface MigrationProject {
  root: string;
  projects: KeptnProject[];
  files: ClassifiedFile[];
  shipyards: M.Shipyard[];
  slos: M.Slo[];
  slis: M.SliFile[];
  remediations: M.Remediation[];
  jobConfigs: M.JobConfig[];
  webhookConfigs: M.WebhookConfig[];
  dynatraceConfs: M.DynatraceConf[];
  lighthouseConfigs: M.LighthouseConfig[];
  workloads: M.Workload[];
  namespaces: M.NamespaceResource[];
  resources: M.ManifestResource[];
  helmCharts: M.HelmChart[];
  helmArtifacts: M.HelmArtifact[];
  ciUsages: M.CiUsage[];
  kltResources: M.KltResource[];
  metadata: M.KeptnMetadata[];
  gitopsResources: M.ManifestResource[];
  /** jmeter.conf.yaml / locust.conf.yaml documents */
  testToolConfigs: { tool: 'jmeter' | 'locust'; src: SourceRef }[];
  /** Helm values.yaml documents */
  helmValues: { src: SourceRef }[];
  /** kustomization.yaml files: the resources they include and the patches they apply */
  kustomizations: { src: SourceRef; dir: string; resources: string[]; patches: string[] }[];
  /** helm-service `helm/endpoints.yaml` (user_managed deployment URIs) */
  helmEndpoints: { src: SourceRef }[];
  parseProblems: FileProblem[];
  unreadable: UnreadableFile[];
  skipped: SkipNotice[];
}

const projectsByDir = new WeakMap<readonly KeptnProject[], Map<string, KeptnProject>>();

export function projectOf(model: MigrationProject, scope: Scope): KeptnProject | undefined {
  let byDir = projectsByDir.get(model.projects);
  if (!byDir) {
    byDir = new Map();
    for (const p of model.projects) if (!byDir.has(p.dir)) byDir.set(p.dir, p);
    projectsByDir.set(model.projects, byDir);
  }
  return byDir.get(scope.project);
}

/**
 * The indicators a service sees for one provider after Keptn v1's project → stage → service merge
 * (later levels override earlier ones key by key).
 */
const projectIndexes = new WeakMap<readonly { scope: Scope }[], Map<string, { scope: Scope }[]>>();

/**
 * The members of a scoped list (the model's slos, slis, ...) that belong to one project, in list order. A repository
 * can hold hundreds of projects, and lookups that scanned the whole list for each SLO or service grew with its square.
 * Indexed once per list object.
 */
export function inProject<T extends { scope: Scope }>(list: readonly T[], project: string): readonly T[] {
  let index = projectIndexes.get(list);
  if (!index) {
    index = new Map();
    for (const item of list) {
      const members = index.get(item.scope.project);
      if (members) members.push(item);
      else index.set(item.scope.project, [item]);
    }
    projectIndexes.set(list, index);
  }
  return (index.get(project) ?? []) as T[];
}

export function effectiveIndicators(model: MigrationProject, scope: Scope, provider: string): Map<string, Indicator> {
  const levels = inProject(model.slis, scope.project).filter(
    (s) =>
      s.provider === provider &&
      s.scope.project === scope.project &&
      (s.scope.stage === undefined || s.scope.stage === scope.stage) &&
      (s.scope.service === undefined || s.scope.service === scope.service),
  );
  const rank = (s: M.SliFile) => (s.scope.service ? 2 : 0) + (s.scope.stage ? 1 : 0);
  levels.sort((a, b) => rank(a) - rank(b));
  const merged = new Map<string, Indicator>();
  for (const level of levels) for (const ind of level.indicators) merged.set(ind.name, ind);
  return merged;
}

/** Every provider whose sli.yaml applies to `scope`. */
export function providersFor(model: MigrationProject, scope: Scope): string[] {
  const out = new Set<string>();
  for (const s of inProject(model.slis, scope.project)) {
    if (s.scope.stage !== undefined && scope.stage !== undefined && s.scope.stage !== scope.stage) continue;
    if (s.scope.service !== undefined && s.scope.service !== scope.service) continue;
    out.add(s.provider);
  }
  return [...out].sort();
}

export function describeScope(scope: Scope): string {
  const parts = [];
  if (scope.stage) parts.push(`stage ${scope.stage}`);
  if (scope.service) parts.push(`service ${scope.service}`);
  return parts.length ? parts.join(', ') : 'project level';
}
