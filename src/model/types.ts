import type { SourceFile } from '../core/source-file.js';
import type { Range } from '../core/types.js';
import type { ParsedCriterion } from '../formats/slo-criteria.js';
import type { SourceRef } from './source-ref.js';

/** Where a Keptn v1 resource applies: project level, stage level or service level (after layout resolution). */
export interface Scope {
  /** key of the project the file belongs to (the directory of its shipyard, with the branch) */
  project: string;
  stage?: string;
  service?: string;
}

interface Node {
  src: SourceRef;
}

// ---- shipyard ----
export type ShipyardVersion = '0.2' | '0.2.0-alpha' | '0.1';

export interface Shipyard extends Node {
  version: ShipyardVersion;
  apiVersion?: string;
  name?: string;
  stages: Stage[];
}

export interface Stage extends Node {
  name: string;
  sequences: Sequence[];
  /** shipyard 0.1.x stage-level strategies */
  legacy?: {
    deploymentStrategy?: string;
    testStrategy?: string;
    approvalStrategy?: { pass?: string; warning?: string };
    remediationStrategy?: string;
  };
}

export interface Sequence extends Node {
  name: string;
  stage: string;
  tasks: Task[];
  triggeredOn: Trigger[];
  /** 0.2.0-alpha `triggers: ["dev.x.finished"]`, ignored by the 0.2.x controller */
  alphaTriggers?: SourceRef;
}

export interface Trigger extends Node {
  event: string;
  selector?: Record<string, string>;
}

export interface Task extends Node {
  name: string;
  index: number;
  triggeredAfter?: string;
  properties: Record<string, unknown>;
}

// ---- quality gates ----
export interface Criterion extends Node {
  raw: unknown;
  parsed: ParsedCriterion;
}

export interface CriteriaGroup extends Node {
  /** null when the group's `criteria` is null or missing (vacuously true in Keptn v1) */
  criteria: Criterion[] | null;
}

export interface Objective extends Node {
  index: number;
  sli: string;
  displayName?: string;
  pass: CriteriaGroup[];
  warning: CriteriaGroup[];
  /** the weight as written (undefined when absent) */
  weightRaw?: unknown;
  /** the weight Keptn v1 used: absent or 0 count as 1 */
  weight: number;
  keySli: boolean;
}

export interface Comparison extends Node {
  compareWith?: string;
  includeResultWithScore?: string;
  numberOfComparisonResults?: number;
  aggregateFunction?: string;
}

export type SloVariant = 'standard' | 'dashboard-generated' | 'pitometer';

export interface Slo extends Node {
  scope: Scope;
  variant: SloVariant;
  specVersion?: string;
  filter: Record<string, string>;
  comparison?: Comparison;
  objectives: Objective[];
  totalScore?: { pass?: string; warning?: string; src: SourceRef };
}

export interface Indicator extends Node {
  name: string;
  query: unknown;
}

export interface SliFile extends Node {
  scope: Scope;
  provider: string;
  /** how the provider was determined */
  providerFrom: 'path' | 'content' | 'unknown';
  indicators: Indicator[];
  pitometer: boolean;
}

// ---- remediation ----
export interface RemediationAction extends Node {
  name?: string;
  action: string;
  description?: string;
  value: unknown;
}

export interface Remediation extends Node {
  scope: Scope;
  version: '0.1.4' | 'legacy';
  apiVersion?: string;
  problems: { problemType: string; src: SourceRef; actions: RemediationAction[] }[];
}

// ---- job-executor-service ----
export interface JobEnv extends Node {
  name: string;
  valueFrom?: string;
  value?: string;
  as?: string;
}

export interface JobTask extends Node {
  name: string;
  image?: string;
  cmd: string[];
  args: string[];
  files: string[];
  env: JobEnv[];
  raw: Record<string, unknown>;
}

export interface JobEventFilter extends Node {
  name: string;
  jsonpath?: { property?: string; match?: string };
}

export interface JobAction extends Node {
  name: string;
  silent: boolean;
  events: JobEventFilter[];
  tasks: JobTask[];
}

export interface JobConfig extends Node {
  scope: Scope;
  /** v0: no apiVersion (JES 0.1.0/0.1.1), v1: JES 0.1.2, v2: JES 0.1.3+ */
  generation: 'v0' | 'v1' | 'v2' | 'unknown';
  apiVersion?: string;
  actions: JobAction[];
}

// ---- webhook-service ----
export type WebhookRequest =
  | (Node & { kind: 'curl'; command: string })
  | (Node & {
      kind: 'structured';
      url?: string;
      method?: string;
      headers: { key: string; value: string }[];
      payload?: string;
      options?: string;
    });

export interface Webhook extends Node {
  type: string;
  subscriptionID?: string;
  sendStarted?: boolean;
  sendFinished?: boolean;
  envFrom: { name: string; secretName?: string; secretKey?: string; src: SourceRef }[];
  requests: WebhookRequest[];
}

export interface WebhookConfig extends Node {
  scope: Scope;
  apiVersion: string;
  version: 'v1alpha1' | 'v1beta1' | 'unknown';
  webhooks: Webhook[];
}

// ---- monitoring integration ----
export interface DynatraceConf extends Node {
  scope: Scope;
  specVersion?: string;
  dtCreds?: string;
  dashboard?: string;
}

export interface LighthouseConfig extends Node {
  /** project from the ConfigMap name `lighthouse-config-<project>`, absent for the global one */
  project?: string;
  provider?: string;
}

// ---- Kubernetes ----
export const KLT_WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Rollout'] as const;

export interface Container extends Node {
  name: string;
  image?: string;
}

export interface Workload extends Node {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  containers: Container[];
  /** path of the pod template inside the document (`spec.template`, `spec.jobTemplate.spec.template`, `spec`) */
  podTemplatePath: (string | number)[];
  /** the manifest is a Helm template: values may come from `{{ }}` */
  templated: boolean;
  /** template action ranges of the file, when templated */
  templateActions: Range[];
}

export interface NamespaceResource extends Node {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ManifestResource extends Node {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
}

export interface HelmChart {
  /** directory of Chart.yaml, relative to the root */
  dir: string;
  name?: string;
  chartFile: SourceFile;
  branch?: string;
}

export interface HelmArtifact {
  file: SourceFile;
  kind: 'generated-chart' | 'packaged-chart' | 'primary-canary-service';
  src?: SourceRef;
  detail: string;
}

// ---- CI ----
export interface CiUsage {
  file: SourceFile;
  range: Range;
  /** `cli`: the keptn CLI; `api`: the Keptn REST API; `library`: a Keptn CI library call; `install`: installs Keptn v1 itself */
  via: 'cli' | 'api' | 'library' | 'install';
  /** normalised command: `trigger delivery`, `POST /v1/event`, ... */
  command: string;
  text: string;
}

// ---- older KLT ----
export interface KltResource extends Node {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  name?: string;
  spec: Record<string, unknown>;
}

export interface KeptnMetadata extends Node {
  projectName?: string;
  stageName?: string;
  serviceName?: string;
  directoryStructure?: boolean;
}
