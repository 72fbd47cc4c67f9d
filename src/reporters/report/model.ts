import type { Severity, SkipNotice } from '../../core/types.js';

/** `report --format json`: the readiness report, also the input of `report --merge`. */
export const REPORT_FORMAT_VERSION = 1;
export const REPORT_KIND = 'keptn-migrate/readiness-report';

export type PhaseId = 'prepare' | 'observability' | 'evaluations' | 'tasks' | 'day2';

export interface ReportFinding {
  ruleId: string;
  severity: Severity;
  category: string;
  /** story points of the rule (Konveyor: 0 info, 1 trivial, 3 complex, 5 redesign, 7 rearchitecture, 13 unknown) */
  effort: number;
  phase: PhaseId;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fingerprint: string;
  /** the application (KeptnApp) the finding belongs to; '' for files outside every project */
  app: string;
  stage?: string;
  service?: string;
  fixable: boolean;
  /** the source lines around the finding, read from the scanned file */
  snippet?: { startLine: number; lines: string[] };
}

export interface Counts {
  findings: number;
  blocker: number;
  warning: number;
  info: number;
  fixable: number;
  /** story points of every finding */
  effort: number;
  /** story points of blockers and warnings: the work left for people */
  manualEffort: number;
  /** 0–100, see READINESS_FORMULA */
  readiness: number;
}

export interface ScopeCounts extends Counts {
  name: string;
}

export interface AutomaticChanges {
  /** KLT resources `migrate` would create, by kind */
  created: Record<string, number>;
  /** existing files `migrate` would edit (workload annotations, namespaces) */
  modified: string[];
  losses: number;
  manualSteps: number;
}

export interface AppReport {
  /** the KeptnApp name (the Keptn v1 project's name as a Kubernetes name) */
  app: string;
  /** the Keptn v1 project name from its shipyard */
  project: string;
  dir: string;
  implicit: boolean;
  /** in promotion order (the shipyard's) */
  stages: string[];
  services: string[];
  counts: Counts;
  byStage: ScopeCounts[];
  byService: ScopeCounts[];
  byPhase: (Counts & { phase: PhaseId })[];
  /** rules with blockers: what needs a decision */
  decisions: { ruleId: string; count: number; effort: number }[];
  automatic?: AutomaticChanges;
  /** what the app shares with others (metrics providers, CI files): migrate those once */
  shares: string[];
}

export interface FidelityRow {
  app: string;
  /** the AnalysisDefinition name */
  definition: string;
  /** the slo.yaml it comes from */
  source: string;
  /** stage/service scopes using it */
  scopes: string[];
  /** the SLI, or `total score` */
  objective: string;
  failure?: string;
  warning?: string;
  /** for the total-score row: KLT's passPercentage/warningPercentage */
  target?: string;
  exact: boolean;
  /** what is lost where not exact */
  losses: string[];
  /** values whose verdict differs */
  differing?: string;
  /** values keptn-migrate evaluated with both algorithms */
  checked: number;
  /** of those, where the verdicts differ */
  differences: number;
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  category: string;
  effort: number;
  description: string;
  why: string;
  instead: string;
  docs: string;
}

export interface RepositoryReport {
  name: string;
  counts: Counts & { files: number; documents: number; suppressed: number };
  apps: AppReport[];
  findings: ReportFinding[];
  fidelity: FidelityRow[];
  rules: RuleInfo[];
  skipped: SkipNotice[];
  errors: { ruleId: string; error: string }[];
}

export interface PlanPhase {
  phase: PhaseId;
  title: string;
  counts: Counts;
  /** the rules to work through in this phase, most effort first */
  rules: { ruleId: string; count: number; effort: number }[];
}

export interface PlanStep {
  order: number;
  repository: string;
  app: string;
  project: string;
  readiness: number;
  manualEffort: number;
  /** why it comes at this place */
  reason: string;
  phases: PlanPhase[];
  /** stage rollout in promotion order, with what blocks each stage */
  stages: { stage: string; blocker: number; warning: number; manualEffort: number }[];
  shares: string[];
}

export interface ReadinessReport {
  formatVersion: number;
  kind: typeof REPORT_KIND;
  tool: { name: string; version: string };
  readinessFormula: string;
  effortScale: string;
  counts: Counts & { repositories: number; apps: number; files: number; suppressed: number };
  repositories: RepositoryReport[];
  plan: PlanStep[];
  /** effort per stage over every app, in promotion order (stages of different projects with the same name add up) */
  byStage: ScopeCounts[];
  /** findings per category and severity */
  byCategory: { category: string; blocker: number; warning: number; info: number }[];
}

export const READINESS_FORMULA =
  'readiness = 100 × (1 − (B + W/2) / T), rounded down: B and W are the story points of the blockers and warnings, T the points of all ' +
  'findings, each finding counting its rule\'s effort (at least 1 point); 100 when there is no finding. Info findings carry over ' +
  'automatically, a warning is half done (it carries over with a loss), a blocker is not done.';

export const EFFORT_SCALE = 'story points per finding, from the rule (Konveyor/MTA scale): 0 information, 1 trivial, 3 complex, 5 redesign, 7 rearchitecture, 13 unknown';
