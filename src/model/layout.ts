import type { SourceFile } from '../core/source-file.js';
import type { Scope } from './types.js';

/** Directories that hold a Keptn v1 resource kind rather than name a service (`<service>/prometheus/sli.yaml`). */
export const RESOURCE_DIRS = new Set([
  'prometheus', 'dynatrace', 'datadog', 'splunk', 'sumologic', 'neoload', 'newrelic', 'job', 'webhook', 'helm', 'jmeter',
  'locust', 'k6', 'litmus', 'keptn', 'quality-gates', 'qualitygates', 'slo', 'sli', 'monaco', 'remediation', 'templates',
  'charts', 'base', 'overlays',
]);

export const STAGE_DIRECTORY = '.keptn-stages';

export interface ProjectLocation {
  dir: string;
  stages: readonly string[];
}

/**
 * Finds the project, stage and service a file belongs to, for both upstream layouts: a branch per stage
 * with a folder per service, and the `.keptn-stages/<stage>/<service>/` directory mode. Outside the upstream
 * repo (a team's own repository) a folder named like a stage is the stage and the folder below the project
 * directory is the service.
 */
export function resolveScope(file: SourceFile, projects: ReadonlyMap<string, ProjectLocation>): Scope {
  const dir = file.dirName;
  const project = deepestContaining(projects, dir);
  const projectDir = project?.dir ?? '';
  const rest = (projectDir === '' ? dir : dir.slice(projectDir.length + 1)).split('/').filter((s) => s !== '');
  const stages = project?.stages ?? [];
  let stage: string | undefined;
  let afterStage = rest;

  if (rest[0] === STAGE_DIRECTORY && rest[1]) {
    stage = rest[1];
    afterStage = rest.slice(2);
  } else if (file.origin.branch && branchStage(file.origin.branch, stages)) {
    stage = branchStage(file.origin.branch, stages);
  } else {
    const at = rest.findIndex((seg) => stages.includes(seg));
    if (at !== -1) {
      stage = rest[at];
      afterStage = rest.slice(at + 1);
    }
  }
  const serviceDir = afterStage[0];
  const service = serviceDir !== undefined && !RESOURCE_DIRS.has(serviceDir.toLowerCase()) ? serviceDir : undefined;
  return { project: projectDir, stage, service };
}

/** `a/b/c`, `a/b`, `a`, then `` (the root): a POSIX directory relative to the scan root and every one above it */
export function* dirAndAncestors(dir: string): Generator<string> {
  for (let d = dir; ; d = d.slice(0, Math.max(0, d.lastIndexOf('/')))) {
    yield d;
    if (d === '') return;
  }
}

/** `projects` by directory: the nearest one at or above `dir` */
export function deepestContaining<T>(projects: ReadonlyMap<string, T>, dir: string): T | undefined {
  for (const d of dirAndAncestors(dir)) {
    const found = projects.get(d);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `dev` or the remote-tracking `origin/dev` both name stage `dev` */
function branchStage(branch: string, stages: readonly string[]): string | undefined {
  if (stages.includes(branch)) return branch;
  const tail = branch.slice(branch.indexOf('/') + 1);
  return stages.includes(tail) ? tail : undefined;
}
