import type { Counts, PhaseId, ReportFinding, ScopeCounts } from './model.js';

/** story points a finding weighs in the readiness score: its rule's effort, at least 1 */
const weight = (f: Pick<ReportFinding, 'effort'>) => Math.max(1, f.effort);

/** Counts, effort and the readiness score (READINESS_FORMULA) of a set of findings. */
export function countOf(findings: readonly ReportFinding[]): Counts {
  const c: Counts = { findings: findings.length, blocker: 0, warning: 0, info: 0, fixable: 0, effort: 0, manualEffort: 0, readiness: 100 };
  let total = 0;
  let open = 0;
  for (const f of findings) {
    c[f.severity]++;
    if (f.fixable) c.fixable++;
    c.effort += f.effort;
    if (f.severity !== 'info') c.manualEffort += f.effort;
    total += weight(f);
    if (f.severity === 'blocker') open += weight(f);
    else if (f.severity === 'warning') open += weight(f) / 2;
  }
  c.readiness = readinessScore(open, total);
  return c;
}

export function readinessScore(open: number, total: number): number {
  if (total === 0) return 100;
  return Math.max(0, Math.floor(100 * (1 - open / total) + 1e-9));
}

export function groupCounts(findings: readonly ReportFinding[], key: (f: ReportFinding) => string | undefined, order: readonly string[]): ScopeCounts[] {
  const groups = new Map<string, ReportFinding[]>(order.map((k) => [k, []]));
  for (const f of findings) {
    const k = key(f);
    if (k === undefined) continue;
    const list = groups.get(k) ?? [];
    list.push(f);
    groups.set(k, list);
  }
  return [...groups].map(([name, list]) => ({ name, ...countOf(list) }));
}

export const PHASES: readonly { id: PhaseId; title: string; what: string }[] = [
  {
    id: 'prepare',
    title: 'Prepare: make every file readable',
    what: 'Files keptn-migrate could not read or parse hide whatever they hold; fix them first so nothing is missed.',
  },
  {
    id: 'observability',
    title: 'Observability: metrics providers and workload annotations only',
    what:
      'Install Keptn, enable the namespace, annotate the workloads and add KeptnMetricsProviders/KeptnMetrics. Nothing changes how ' +
      'you deploy yet: Keptn only observes (deployment traces, DORA metrics).',
  },
  {
    id: 'evaluations',
    title: 'Evaluations: quality gates',
    what: 'slo.yaml/sli.yaml become AnalysisValueTemplates and AnalysisDefinitions (or KeptnEvaluationDefinitions) run after deployment.',
  },
  {
    id: 'tasks',
    title: 'Tasks: pre- and post-deployment tasks and the delivery flow',
    what:
      'job-executor and webhook tasks become KeptnTaskDefinitions; sequences, promotion, approval and deployment strategies move to ' +
      'the CD tool (Argo CD, Flux, Argo Rollouts) or the pipeline.',
  },
  {
    id: 'day2',
    title: 'Day 2: remediation and retiring Keptn v1',
    what: 'Remediation becomes autoscaling (KeptnMetric + HPA/KEDA) and runbooks; CI calls to the Keptn v1 CLI/API go away.',
  },
];

const BY_CATEGORY: Record<string, PhaseId> = {
  parsing: 'prepare',
  manifests: 'observability',
  helm: 'observability',
  integrations: 'observability',
  'klt-upgrade': 'observability',
  'quality-gates': 'evaluations',
  'job-executor': 'tasks',
  webhooks: 'tasks',
  shipyard: 'tasks',
  ci: 'tasks',
  remediation: 'day2',
};

const BY_RULE: Record<string, PhaseId> = {
  'unused-suppression': 'prepare',
  'shipyard-deployment-task': 'observability',
  'shipyard-evaluation-task': 'evaluations',
  'ci-keptn-evaluation-trigger': 'evaluations',
  'shipyard-remediation-sequence': 'day2',
  'ci-keptn-api': 'day2',
  'ci-keptn-cli-setup': 'day2',
  'keptn-gitops-resource': 'day2',
  'test-tool-config': 'tasks',
};

/** Which migration phase a rule's findings belong to (Keptn's guidance: observability, evaluations, tasks, Day 2). */
export function phaseOf(ruleId: string, category: string): PhaseId {
  return BY_RULE[ruleId] ?? BY_CATEGORY[category] ?? 'tasks';
}

/**
 * Promotion order of stage names over several shipyards: each stage's mean relative position in the shipyards
 * that list it (dev 0, hardening 0.5, production 1), then first appearance.
 */
export function orderStages(lists: readonly (readonly string[])[]): string[] {
  const pos = new Map<string, number[]>();
  const first = new Map<string, number>();
  let n = 0;
  for (const list of lists) {
    list.forEach((s, i) => {
      const arr = pos.get(s) ?? [];
      arr.push(list.length <= 1 ? 0 : i / (list.length - 1));
      pos.set(s, arr);
      if (!first.has(s)) first.set(s, n++);
    });
  }
  const mean = (s: string) => {
    const a = pos.get(s) ?? [0];
    return a.reduce((x, y) => x + y, 0) / a.length;
  };
  return [...pos.keys()].sort((a, b) => mean(a) - mean(b) || (first.get(a) ?? 0) - (first.get(b) ?? 0));
}
