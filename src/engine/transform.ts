import type { SourceFile } from '../core/source-file.js';
import type { Pack, Range, TextEdit } from '../core/types.js';
import type { Target, TargetProfile } from '../klt/targets.js';
import type { MigrationProject } from '../model/project.js';
import type { SourceRef } from '../model/source-ref.js';

export interface MigrateOptions {
  target: Target;
  /** where generated resources go, relative to the scan root */
  outDir: string;
  /** workload keys to add: app.kubernetes.io/* (k8s) or keptn.sh/* (keptn) */
  keys: 'k8s' | 'keptn';
  /** also emit KeptnMetric + KeptnEvaluationDefinition for simple gates */
  evaluations: boolean;
  autoscaler: 'hpa' | 'keda';
  unsafe: boolean;
}

export interface TransformMeta {
  description: string;
  pack: Pack;
  /** unsafe transforms run only with --unsafe */
  safety: 'safe' | 'unsafe';
  /** the KLT kinds it creates, or the fields it edits */
  produces: string[];
  /** `resources` transforms run first; `wiring` transforms connect what they produced to workloads and apps */
  phase: 'resources' | 'wiring';
  /** what it converts and what is lost, for the README catalogue */
  docs: { converts: string; loses: string };
}

export interface Place {
  file: string;
  line: number;
  column: number;
}

export interface LossRecord {
  transform: string;
  at: Place;
  message: string;
  /** values whose verdict differs, for quality-gate losses */
  values?: string;
}

export interface ManualStep {
  transform: string;
  at: Place;
  message: string;
  /** the exact text to add by hand */
  snippet?: string;
}

export interface GeneratedResource {
  /** application folder under --out */
  app: string;
  resource: Record<string, unknown>;
  /** a comment above the resource: where it came from */
  origin: string;
}

/** A pre/post-deployment check to wire to the workloads of a service (or, without a service, to the app). */
export interface Wiring {
  project: string;
  service?: string;
  phase: 'preDeploymentTasks' | 'postDeploymentTasks' | 'preDeploymentEvaluations' | 'postDeploymentEvaluations';
  name: string;
}

export interface TransformContext {
  options: MigrateOptions;
  profile: TargetProfile;
  emit(r: GeneratedResource): void;
  edit(file: SourceFile, edits: Omit<TextEdit, 'file'>[]): void;
  loss(at: SourceRef | Place, message: string, values?: string): void;
  manual(at: SourceRef | Place, message: string, snippet?: string): void;
  wire(w: Wiring): void;
  /** what the resource transforms asked to wire so far */
  wirings(): readonly Wiring[];
  /** a name unique among emitted resources of a kind in an app */
  uniqueName(app: string, kind: string, wanted: string, maxLength?: number): string;
  /** the application name (KeptnApp) for a project directory */
  appName(projectDir: string): string;
}

export interface Transform {
  id: string;
  meta: TransformMeta;
  run(project: MigrationProject, ctx: TransformContext): void;
}

export function defineTransform(t: Transform): Transform {
  return t;
}

export type { Range };
