import { CATEGORIES } from '../../engine/rule.js';
import { summariseRules } from './build.js';
import { countOf, groupCounts, orderStages, PHASES } from './counts.js';
import {
  EFFORT_SCALE,
  READINESS_FORMULA,
  REPORT_FORMAT_VERSION,
  REPORT_KIND,
  type AppReport,
  type PlanStep,
  type ReadinessReport,
  type RepositoryReport,
} from './model.js';

/** The whole report from its repositories: totals, the charts' data and the migration plan. */
export function finalizeReport(repositories: RepositoryReport[], toolVersion: string): ReadinessReport {
  const findings = repositories.flatMap((r) => r.findings);
  const counts = {
    ...countOf(findings),
    repositories: repositories.length,
    apps: repositories.reduce((n, r) => n + r.apps.filter((a) => !a.implicit).length, 0),
    files: repositories.reduce((n, r) => n + r.counts.files, 0),
    suppressed: repositories.reduce((n, r) => n + r.counts.suppressed, 0),
  };
  const stageOrder = orderStages(repositories.flatMap((r) => r.apps.map((a) => a.stages)));
  const byStage = groupCounts(findings, (f) => f.stage ?? 'all stages', stageOrder).filter((s) => s.name !== 'all stages' || s.findings > 0);
  const categories = [...CATEGORIES, ...new Set(findings.map((f) => f.category).filter((c) => !(CATEGORIES as readonly string[]).includes(c)))];
  const byCategory = categories
    .map((category) => {
      const own = findings.filter((f) => f.category === category);
      return { category, blocker: own.filter((f) => f.severity === 'blocker').length, warning: own.filter((f) => f.severity === 'warning').length, info: own.filter((f) => f.severity === 'info').length };
    })
    .filter((c) => c.blocker + c.warning + c.info > 0);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    kind: REPORT_KIND,
    tool: { name: 'keptn-migrate', version: toolVersion },
    readinessFormula: READINESS_FORMULA,
    effortScale: EFFORT_SCALE,
    counts,
    repositories,
    plan: migrationPlan(repositories),
    byStage,
    byCategory,
  };
}

interface Candidate {
  repository: RepositoryReport;
  app: AppReport;
}

/**
 * One application at a time. First the most ready application (highest readiness, then least manual effort); after
 * it, the application that shares most with those already planned (a metrics provider set up once, a CI file
 * changed once), then readiness again. Files outside every project come last, with whichever application uses
 * them. Inside each application: prepare, observability, evaluations, tasks, Day 2; stages in promotion order.
 */
export function migrationPlan(repositories: readonly RepositoryReport[]): PlanStep[] {
  const pending: Candidate[] = repositories.flatMap((repository) => repository.apps.filter((a) => !a.implicit).map((app) => ({ repository, app })));
  const outside: Candidate[] = repositories.flatMap((repository) => repository.apps.filter((a) => a.implicit && a.counts.findings > 0).map((app) => ({ repository, app })));
  const planned = new Set<string>();
  const steps: PlanStep[] = [];
  const key = (c: Candidate, s: string) => (s.startsWith('file ') ? `${c.repository.name}\u0000${s}` : s);
  const byReadiness = (a: Candidate, b: Candidate) =>
    b.app.counts.readiness - a.app.counts.readiness ||
    a.app.counts.manualEffort - b.app.counts.manualEffort ||
    (a.repository.name + a.app.app < b.repository.name + b.app.app ? -1 : 1);
  while (pending.length > 0) {
    const shared = (c: Candidate) => c.app.shares.filter((s) => planned.has(key(c, s)));
    pending.sort((a, b) => (steps.length > 0 ? shared(b).length - shared(a).length : 0) || byReadiness(a, b));
    const next = pending.shift() as Candidate;
    const reuse = shared(next);
    let reason: string;
    if (steps.length === 0) reason = `most ready application (readiness ${next.app.counts.readiness}, ${next.app.counts.manualEffort} story points of manual work)`;
    else if (reuse.length > 0) reason = `shares ${reuse.join(', ')} with applications already migrated`;
    else reason = `next most ready (readiness ${next.app.counts.readiness}, ${next.app.counts.manualEffort} story points of manual work)`;
    for (const s of next.app.shares) planned.add(key(next, s));
    steps.push(step(steps.length + 1, next, reason));
  }
  for (const c of outside) steps.push(step(steps.length + 1, c, 'files outside every Keptn v1 project (CI scripts, manifests not matched to a service): migrate each with the first application that uses it'));
  return steps;
}

function step(order: number, c: Candidate, reason: string): PlanStep {
  const own = c.repository.findings.filter((f) => f.app === c.app.app);
  return {
    order,
    repository: c.repository.name,
    app: c.app.app,
    project: c.app.project,
    readiness: c.app.counts.readiness,
    manualEffort: c.app.counts.manualEffort,
    reason,
    phases: PHASES.map((ph) => {
      const inPhase = own.filter((f) => f.phase === ph.id);
      return { phase: ph.id, title: ph.title, counts: countOf(inPhase), rules: summariseRules(inPhase.filter((f) => f.severity !== 'info')) };
    }).filter((p) => p.phase !== 'prepare' || p.counts.findings > 0),
    stages: c.app.stages.map((stage) => {
      const s = c.app.byStage.find((x) => x.name === stage);
      return { stage, blocker: s?.blocker ?? 0, warning: s?.warning ?? 0, manualEffort: s?.manualEffort ?? 0 };
    }),
    shares: c.app.shares,
  };
}
