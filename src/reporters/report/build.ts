import type { SourceFile } from '../../core/source-file.js';
import type { Finding } from '../../core/types.js';
import type { ChangeSet } from '../../engine/migrate.js';
import type { ScanResult } from '../../engine/scan.js';
import { formatSet } from '../../gates/intervals.js';
import { formatOperator, operatorSet, type KltOperator } from '../../gates/klt-operator.js';
import { gatePlan } from '../../gates/plan.js';
import { verifyGate } from '../../gates/verify.js';
import { kubeName } from '../../klt/names.js';
import { resolveScope } from '../../model/layout.js';
import type { KeptnProject } from '../../model/project.js';
import { migratedWorkloads } from '../../migration/workloads.js';
import { RULE_DOCS_BASE } from '../sarif.js';
import { findingFields } from '../summary.js';
import { countOf, groupCounts, PHASES, phaseOf } from './counts.js';
import type { AppReport, AutomaticChanges, FidelityRow, ReportFinding, RepositoryReport, RuleInfo } from './model.js';

export interface BuildOptions {
  /** the repository's name in the report (default: the scanned folder's name) */
  name: string;
  /** the dry-run ChangeSet of `migrate` over the same paths: what is converted automatically */
  changes?: ChangeSet;
  /** source lines shown around a finding (before and after) */
  contextLines?: number;
}

const MAX_SNIPPET_LINES = 12;
const MAX_LINE_LENGTH = 240;
/** the pseudo-application for files outside every Keptn v1 project */
export const OUTSIDE_APP = '';

/** The per-repository part of the readiness report, from one scan (and the dry run of `migrate`). */
export function buildRepositoryReport(result: ScanResult, options: BuildOptions): RepositoryReport {
  const model = result.project;
  const real = model.projects.filter((p) => !p.implicit);
  const appOfDir = appNames(real);
  const appName = (dir: string) => appOfDir.get(dir) ?? OUTSIDE_APP;
  const files = new Map<string, SourceFile>(model.files.map((f) => [f.file.displayPath, f.file]));
  const rulesById = new Map(result.rules.map((r) => [r.id, r]));
  const attribute = attributor(result, real, files, appName);
  const displayOf = new Map(model.files.filter((f) => f.file.origin.absPath).map((f) => [f.file.origin.absPath as string, f.file.displayPath]));

  const findings: ReportFinding[] = result.findings.map((f) => {
    const rule = rulesById.get(f.ruleId);
    const category = rule?.meta.category ?? 'unknown';
    const where = attribute(f.location.file, f);
    const out: ReportFinding = {
      ruleId: f.ruleId,
      severity: f.severity,
      category,
      effort: rule?.meta.effort ?? 1,
      phase: phaseOf(f.ruleId, category),
      ...findingFields(f),
      app: where.app,
      fixable: Boolean(f.fix),
    };
    if (where.stage) out.stage = where.stage;
    if (where.service) out.service = where.service;
    const snippet = snippetOf(files.get(f.location.file), f, options.contextLines ?? 2);
    if (snippet) out.snippet = snippet;
    return out;
  });

  const plan = gatePlan(model, (dir) => appOfDir.get(dir) ?? (kubeName(model.projects.find((p) => p.dir === dir)?.name ?? '', 63) || 'app'));
  const apps: AppReport[] = [];
  const groups: { app: string; project: KeptnProject | undefined }[] = real.map((p) => ({ app: appName(p.dir), project: p }));
  if (findings.some((f) => f.app === OUTSIDE_APP)) groups.push({ app: OUTSIDE_APP, project: undefined });
  for (const { app, project } of groups) {
    const own = findings.filter((f) => f.app === app);
    const stages = project?.stages ?? [];
    const services = project?.services ?? [];
    const byStage = groupCounts(own, (f) => f.stage ?? 'all stages', stages).filter((s) => s.name !== 'all stages' || s.findings > 0);
    const byService = groupCounts(own, (f) => f.service ?? '(no service)', services).filter((s) => s.name !== '(no service)' || s.findings > 0);
    const byPhase = PHASES.map((ph) => ({ phase: ph.id, ...countOf(own.filter((f) => f.phase === ph.id)) }));
    const decisions = summariseRules(own.filter((f) => f.severity === 'blocker'));
    const shares = [...new Set(plan.providers.filter((p) => p.app === app).map((p) => `metrics provider ${p.provider}`))].sort();
    const report: AppReport = {
      app,
      project: project?.name ?? '(outside any Keptn project)',
      dir: project?.dir ?? '',
      implicit: project === undefined,
      stages: [...stages],
      services: [...services],
      counts: countOf(own),
      byStage,
      byService,
      byPhase,
      decisions,
      shares,
    };
    if (options.changes) report.automatic = automaticFor(options.changes, app, (abs) => attribute(displayOf.get(abs) ?? '').app, (display) => attribute(display).app);
    apps.push(report);
  }
  // CI files and scripts that several applications use are shared work too
  const appsByFile = new Map<string, Set<string>>();
  for (const f of findings) appsByFile.set(f.file, (appsByFile.get(f.file) ?? new Set()).add(f.app));
  for (const [file, set] of appsByFile) {
    if (set.size < 2) continue;
    for (const a of apps) if (set.has(a.app)) a.shares = [...new Set([...a.shares, `file ${file}`])].sort();
  }

  const fidelity: FidelityRow[] = [];
  for (const gate of plan.gates) {
    const check = verifyGate(gate.translation);
    const scopes = gate.scopes.map((s) => [s.stage && `stage ${s.stage}`, s.service && `service ${s.service}`].filter(Boolean).join(', ') || 'project level');
    const base = { app: gate.app, definition: gate.name, source: gate.slo.src.file.displayPath, scopes };
    gate.translation.objectives.forEach((ot, k) => {
      const oc = check.objectives[k];
      const row: FidelityRow = {
        ...base,
        objective: ot.objective.sli,
        exact: ot.exact && (oc?.differences.length ?? 0) === 0,
        losses: ot.losses.map((l) => l.reason + (l.values ? ` (verdicts differ for ${l.values})` : '')),
        checked: oc?.values.length ?? 0,
        differences: oc?.differences.length ?? 0,
      };
      const failure = describeOperator(ot.failure);
      const warning = describeOperator(ot.warning);
      if (failure) row.failure = failure;
      if (warning) row.warning = warning;
      const differing = formatSet(ot.differing);
      if (ot.differing.length > 0) row.differing = differing;
      fidelity.push(row);
    });
    const score = gate.translation.score;
    const gateLosses = gate.translation.losses.filter((l) => !gate.translation.objectives.some((o) => o.losses.includes(l)));
    const losses = gateLosses.map((l) => l.reason);
    if (check.gateDifferences.length > 0 && losses.length === 0) {
      losses.push(
        check.explained
          ? 'the whole gate differs only where an objective above differs'
          : 'the whole gate differs where no recorded loss explains it (a keptn-migrate bug: please report it)',
      );
    }
    fidelity.push({
      ...base,
      objective: 'total score',
      target: `passPercentage ${score.passPercentage}, warningPercentage ${score.warningPercentage}`,
      exact: gateLosses.length === 0 && check.gateDifferences.length === 0,
      losses,
      checked: check.combinations,
      differences: check.gateDifferences.length,
    });
  }

  const used = new Set(findings.map((f) => f.ruleId));
  const rules: RuleInfo[] = result.rules
    .filter((r) => used.has(r.id))
    .map((r) => ({
      id: r.id,
      severity: r.meta.severity,
      category: r.meta.category,
      effort: r.meta.effort,
      description: r.meta.description,
      why: r.meta.docs.why,
      instead: r.meta.docs.instead,
      docs: `${RULE_DOCS_BASE}${r.id}.md`,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  return {
    name: options.name,
    counts: { ...countOf(findings), files: result.stats.files, documents: result.stats.documents, suppressed: result.suppressed?.length ?? 0 },
    apps,
    findings,
    fidelity,
    rules,
    skipped: result.skipped,
    errors: result.failures.map((f) => ({ ruleId: f.ruleId, error: f.error.split('\n')[0] ?? '' })),
  };
}

export function summariseRules(findings: readonly ReportFinding[]): { ruleId: string; count: number; effort: number }[] {
  const m = new Map<string, { ruleId: string; count: number; effort: number }>();
  for (const f of findings) {
    const e = m.get(f.ruleId) ?? { ruleId: f.ruleId, count: 0, effort: 0 };
    e.count++;
    e.effort += f.effort;
    m.set(f.ruleId, e);
  }
  return [...m.values()].sort((a, b) => b.effort - a.effort || b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1));
}

/** The application each file (display path) belongs to, as the report attributes it ('' outside every project). */
export function appOfFile(result: ScanResult): (file: string) => string {
  const model = result.project;
  const real = model.projects.filter((p) => !p.implicit);
  const names = appNames(real);
  const files = new Map<string, SourceFile>(model.files.map((f) => [f.file.displayPath, f.file]));
  const attribute = attributor(result, real, files, (dir) => names.get(dir) ?? OUTSIDE_APP);
  return (file) => attribute(file).app;
}

/** KeptnApp names per project directory, as `migrate` names them (deduplicated) */
function appNames(projects: readonly KeptnProject[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of projects) {
    const base = kubeName(p.name, 63) || 'app';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    taken.add(name);
    out.set(p.dir, name);
  }
  return out;
}

type Where = { app: string; stage?: string; service?: string };
type Attributor = (file: string, finding?: Finding) => Where;

/**
 * Which application, stage and service a finding belongs to: the project folder the file is in (and the stage/service
 * folders below it, or the stage branch); a workload belongs to the service it runs; a shipyard finding to the stage
 * it points into; a CI script line to the project, stage and service its `--project`/`--stage`/`--service` flags name.
 */
function attributor(result: ScanResult, real: readonly KeptnProject[], files: ReadonlyMap<string, SourceFile>, appName: (dir: string) => string): Attributor {
  const model = result.project;
  const workloads = migratedWorkloads(model, appName);
  const shipyardStages = new Map<string, string[]>();
  for (const s of model.shipyards) shipyardStages.set(s.src.file.displayPath, s.stages.map((st) => st.name));
  const byName = new Map(real.map((p) => [p.name, p]));
  const locations = new Map(real.map((p) => [p.dir, { dir: p.dir, stages: p.stages }]));
  const realByDir = new Map(real.map((p) => [p.dir, p]));
  return (file, finding) => {
    const src = files.get(file);
    if (!src) return { app: OUTSIDE_APP };
    const scope = resolveScope(src, locations);
    const inProject = realByDir.get(scope.project);
    const where: Where = { app: inProject ? appName(inProject.dir) : OUTSIDE_APP };
    if (inProject && scope.stage) where.stage = scope.stage;
    if (inProject && scope.service && inProject.services.includes(scope.service)) where.service = scope.service;
    const inFile = workloads.filter((m) => m.workload.src.file.displayPath === file);
    if (inFile.length > 0) {
      // the workload the finding is in; else the next one below it (comments above a document); else the last
      const offset = finding?.location.range?.start;
      const w =
        offset === undefined
          ? inFile[0]
          : (inFile.find((m) => within(m.workload.src.range(), offset)) ?? inFile.find((m) => m.workload.src.range().start >= offset) ?? inFile[inFile.length - 1]);
      if (w) {
        where.app = w.app;
        where.service = w.service;
      }
    }
    if (finding) {
      const stages = shipyardStages.get(file);
      const m = /spec\.stages\[(\d+)\]/.exec(finding.anchor);
      if (stages && m) {
        const st = stages[Number(m[1])];
        if (st) where.stage = st;
      }
      if (where.app === OUTSIDE_APP) {
        const line = src.text.split('\n')[finding.location.start.line - 1] ?? '';
        const flag = (name: string) => new RegExp(`--${name}(?:=|\\s+)["']?([A-Za-z0-9_.-]+)`).exec(line)?.[1];
        const project = byName.get(flag('project') ?? '');
        if (project) {
          where.app = appName(project.dir);
          const stage = flag('stage');
          const service = flag('service');
          if (stage && project.stages.includes(stage)) where.stage = stage;
          if (service && project.services.includes(service)) where.service = service;
        }
      }
    }
    return where;
  };
}

function within(range: { start: number; end: number }, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}

function snippetOf(file: SourceFile | undefined, f: Finding, context: number): ReportFinding['snippet'] {
  if (!file || file.text === '') return undefined;
  const lines = file.text.split('\n');
  const from = Math.max(1, f.location.start.line - context);
  const to = Math.min(lines.length, Math.max(f.location.end.line, f.location.start.line) + context, from + MAX_SNIPPET_LINES - 1);
  if (to < from) return undefined;
  const out = lines.slice(from - 1, to).map((l) => {
    const s = l.replace(/\r$/, '');
    return s.length > MAX_LINE_LENGTH ? `${s.slice(0, MAX_LINE_LENGTH)}…` : s;
  });
  return { startLine: from, lines: out };
}

function describeOperator(op: KltOperator | undefined): string | undefined {
  if (!op) return undefined;
  return `${formatOperator(op)}: ${formatSet(operatorSet(op))}`;
}

function automaticFor(changes: ChangeSet, app: string, appOfFile: (absPath: string) => string, appOfDisplay: (file: string) => string): AutomaticChanges {
  const created: Record<string, number> = {};
  const prefix = `${changes.outDir}/`;
  for (const f of changes.files) {
    if (f.status !== 'created' || f.transforms.includes('kustomization')) continue;
    const folder = f.path.startsWith(prefix) ? f.path.slice(prefix.length).split('/')[0] : undefined;
    if ((folder ?? OUTSIDE_APP) !== (app || OUTSIDE_APP)) continue;
    const kind = /^kind:\s*(\S+)\s*$/m.exec(f.after)?.[1] ?? 'resource';
    created[kind] = (created[kind] ?? 0) + 1;
  }
  const sortedCreated = Object.fromEntries(Object.entries(created).sort(([a], [b]) => (a < b ? -1 : 1)));
  const modified = changes.files.filter((f) => f.status === 'modified' && appOfFile(f.absPath) === app).map((f) => f.path);
  const losses = changes.losses.filter((l) => appOfDisplay(l.at.file) === app).length;
  const manualSteps = changes.manualSteps.filter((m) => appOfDisplay(m.at.file) === app).length;
  return { created: sortedCreated, modified, losses, manualSteps };
}
