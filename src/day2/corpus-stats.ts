/**
 * How the Day 2 transforms fare on a corpus: every remediation.yaml (convert-remediation-to-day2) and every file with KLT
 * resources (upgrade-klt-resources) is converted on its own, for every target (and both autoscalers), and counted as
 * converted fully, with losses, not at all (and why), or as having nothing to convert. Every generated resource is
 * validated and every edited YAML file re-parsed. `npm run corpus` prints `formatDay2Stats(await day2CorpusStats(…))`.
 */
import { existsSync } from 'node:fs';
import { loadProblems } from '../core/load.js';
import type { SourceFile } from '../core/source-file.js';
import type { TextEdit } from '../core/types.js';
import { applyEdits } from '../edit/apply-edits.js';
import { scan } from '../engine/scan.js';
import type { GeneratedResource, MigrateOptions, Place, TransformContext, Wiring } from '../engine/transform.js';
import { kubeName } from '../klt/names.js';
import { profile, TARGETS } from '../klt/targets.js';
import { validateResource } from '../klt/validate.js';
import type { MigrationProject } from '../model/project.js';
import { SourceRef } from '../model/source-ref.js';
import convertRemediation from '../transforms/convert-remediation-to-day2.js';
import upgradeKlt from '../transforms/upgrade-klt-resources.js';

export type Outcome = 'full' | 'with-losses' | 'not-at-all' | 'nothing-to-do';

export interface FileOutcome {
  file: string;
  outcome: Outcome;
  /** what was produced: emitted kinds and `edit` */
  produced: string[];
  /** losses and manual steps, shortened to a reason */
  reasons: string[];
}

export interface TransformStats {
  transform: string;
  /** runs: one per target (and autoscaler for remediations) */
  runs: string[];
  files: number;
  counts: Record<Outcome, number>;
  /** why files were converted with losses or not at all, with how many times each reason occurred (first run) */
  reasons: Record<string, number>;
  /** generated resources that failed validation, per run (must be 0) */
  invalid: { run: string; file: string; problems: string[] }[];
  /** edited files that no longer parse as well as before (must be 0) */
  broken: { run: string; file: string }[];
  /** transform crashes (must be 0) */
  crashes: { run: string; file: string; error: string }[];
  perFile: FileOutcome[];
}

export interface Day2Stats {
  remediation?: TransformStats;
  klt?: TransformStats;
}

interface Recorded {
  emitted: GeneratedResource[];
  edits: Map<SourceFile, Omit<TextEdit, 'file'>[]>;
  losses: string[];
  manual: string[];
}

const BASE: Omit<MigrateOptions, 'target' | 'autoscaler'> = { outDir: 'keptn', keys: 'k8s', evaluations: false, unsafe: false };

function recordingContext(model: MigrationProject, options: MigrateOptions, rec: Recorded): TransformContext {
  const names = new Map<string, Set<string>>();
  const apps = new Map(model.projects.map((p) => [p.dir, kubeName(p.name, 63) || 'app']));
  const wirings: Wiring[] = [];
  const text = (at: SourceRef | Place, message: string) => (at instanceof SourceRef ? `${at.file.displayPath}: ${message}` : `${at.file}: ${message}`);
  return {
    options,
    profile: profile(options.target),
    emit: (r) => rec.emitted.push(r),
    edit: (file, list) => rec.edits.set(file, [...(rec.edits.get(file) ?? []), ...list]),
    loss: (at, message) => rec.losses.push(text(at, message)),
    manual: (at, message) => rec.manual.push(text(at, message)),
    wire: (w) => wirings.push(w),
    wirings: () => wirings,
    uniqueName: (app, kind, wanted, maxLength = 63) => {
      const taken = names.get(`${app}/${kind}`) ?? new Set<string>();
      names.set(`${app}/${kind}`, taken);
      const base = kubeName(wanted, maxLength) || kind.toLowerCase();
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base.slice(0, maxLength - String(n).length - 1)}-${n}`;
      taken.add(name);
      return name;
    },
    appName: (dir) => apps.get(dir) ?? 'app',
  };
}

/** a reason without its particulars: parentheses, quoted names, paths and numbers removed, cut at the first clause */
export function reasonKey(message: string): string {
  const body = message.replace(/^[^:\s]*\.(ya?ml|ts|js|py): /, '');
  const key = body
    .replace(/\([^()]*\)/g, '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\S+/g, (word) => (/\/|@|__/.test(word) ? '…' : word))
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .split(/: |; /)[0]
    ?.replace(/\s+/g, ' ')
    .trim();
  return (key ?? body).slice(0, 160);
}

function newStats(transform: string): TransformStats {
  return { transform, runs: [], files: 0, counts: { full: 0, 'with-losses': 0, 'not-at-all': 0, 'nothing-to-do': 0 }, reasons: {}, invalid: [], broken: [], crashes: [], perFile: [] };
}

/** Runs one transform on a model narrowed to one file's resources. */
function runOne(
  stats: TransformStats,
  run: string,
  file: string,
  model: MigrationProject,
  options: MigrateOptions,
  transform: typeof convertRemediation,
  converted: (rec: Recorded) => boolean,
  first: boolean,
): void {
  const rec: Recorded = { emitted: [], edits: new Map(), losses: [], manual: [] };
  try {
    transform.run(model, recordingContext(model, options, rec));
  } catch (e) {
    stats.crashes.push({ run, file, error: String((e as Error).stack ?? e).split('\n').slice(0, 3).join(' | ') });
    return;
  }
  for (const r of rec.emitted) {
    const problems = validateResource(r.resource, options.target);
    if (problems.length > 0) stats.invalid.push({ run, file, problems: problems.map((p) => `${String(r.resource.kind)} ${p.path} ${p.message}`) });
  }
  for (const [f, edits] of rec.edits) {
    if (!/\.ya?ml$/.test(f.relPath)) continue;
    let after: string;
    try {
      after = applyEdits(f.text, edits.map((e) => ({ ...e, file: f.displayPath })));
    } catch {
      stats.broken.push({ run, file: f.displayPath });
      continue;
    }
    if (loadProblems(after, 'yaml').length > loadProblems(f.text, 'yaml').length) stats.broken.push({ run, file: f.displayPath });
  }
  if (!first) return;
  const produced = [...new Set([...rec.emitted.map((r) => String(r.resource.kind)), ...(rec.edits.size > 0 ? ['edit'] : [])])].sort();
  const notes = [...rec.losses, ...rec.manual];
  const outcome: Outcome = converted(rec) ? (notes.length > 0 ? 'with-losses' : 'full') : notes.length > 0 || produced.length > 0 ? 'not-at-all' : 'nothing-to-do';
  const reasons = [...new Set(notes.map(reasonKey))].sort();
  stats.files++;
  stats.counts[outcome]++;
  if (outcome === 'with-losses' || outcome === 'not-at-all') for (const r of reasons) stats.reasons[r] = (stats.reasons[r] ?? 0) + 1;
  stats.perFile.push({ file, outcome, produced, reasons });
}

/** Every remediation.yaml under `dir`, converted on its own for every target and both autoscalers. */
export async function remediationStats(dir: string): Promise<TransformStats> {
  const stats = newStats(convertRemediation.id);
  const { project } = await scan({ paths: ['.'], cwd: dir, rules: [] });
  const files = [...new Set(project.remediations.map((r) => r.src.file.displayPath))].sort();
  let first = true;
  for (const target of TARGETS) {
    for (const autoscaler of ['hpa', 'keda'] as const) {
      const run = `${target}/${autoscaler}`;
      stats.runs.push(run);
      for (const file of files) {
        const model: MigrationProject = { ...project, remediations: project.remediations.filter((r) => r.src.file.displayPath === file) };
        runOne(stats, run, file, model, { ...BASE, target, autoscaler }, convertRemediation, (rec) => rec.emitted.some((r) => ['KeptnMetric', 'HorizontalPodAutoscaler', 'ScaledObject'].includes(String(r.resource.kind))), first);
      }
      first = false;
    }
  }
  stats.perFile.sort((a, b) => (a.file < b.file ? -1 : 1));
  return stats;
}

/** Every file with KLT resources under `dir`, upgraded on its own for every target. */
export async function kltUpgradeStats(dir: string): Promise<TransformStats> {
  const stats = newStats(upgradeKlt.id);
  const { project } = await scan({ paths: ['.'], cwd: dir, rules: [] });
  const files = [...new Set(project.kltResources.map((r) => r.src.file.displayPath))].sort();
  let first = true;
  for (const target of TARGETS) {
    stats.runs.push(target);
    for (const file of files) {
      const model: MigrationProject = { ...project, kltResources: project.kltResources.filter((r) => r.src.file.displayPath === file) };
      runOne(stats, target, file, model, { ...BASE, target, autoscaler: 'hpa' }, upgradeKlt, (rec) => rec.edits.size > 0 || rec.emitted.length > 0, first);
    }
    first = false;
  }
  stats.perFile.sort((a, b) => (a.file < b.file ? -1 : 1));
  return stats;
}

/** Both, for the corpus folders that exist (`keptnV1`: ../shared/corpus/keptn-v1, `kltExamples`: ../shared/corpus/klt/examples). */
export async function day2CorpusStats(paths: { keptnV1?: string; kltExamples?: string }): Promise<Day2Stats> {
  const out: Day2Stats = {};
  if (paths.keptnV1 && existsSync(paths.keptnV1)) out.remediation = await remediationStats(paths.keptnV1);
  if (paths.kltExamples && existsSync(paths.kltExamples)) out.klt = await kltUpgradeStats(paths.kltExamples);
  return out;
}

export function formatTransformStats(s: TransformStats, what: string): string {
  const lines = [
    `${s.transform}: ${s.files} ${what} (first run ${s.runs[0] ?? ''}; also checked: ${s.runs.slice(1).join(', ')})`,
    `  converted fully:       ${s.counts.full}`,
    `  converted with losses: ${s.counts['with-losses']}`,
    `  not converted at all:  ${s.counts['not-at-all']}`,
    `  nothing to convert:    ${s.counts['nothing-to-do']}`,
    `  invalid outputs: ${s.invalid.length}; edited files that no longer parse: ${s.broken.length}; crashes: ${s.crashes.length}`,
  ];
  const reasons = Object.entries(s.reasons).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (reasons.length > 0) lines.push('  why (files):');
  for (const [r, n] of reasons) lines.push(`    ${String(n).padStart(4)}  ${r}`);
  for (const f of s.perFile.filter((x) => x.outcome === 'not-at-all')) lines.push(`  not converted: ${f.file}`);
  for (const x of [...s.invalid, ...s.broken, ...s.crashes]) lines.push(`  PROBLEM ${JSON.stringify(x)}`);
  return lines.join('\n');
}

export function formatDay2Stats(stats: Day2Stats): string {
  const parts: string[] = [];
  if (stats.remediation) parts.push(formatTransformStats(stats.remediation, 'remediation.yaml files'));
  if (stats.klt) parts.push(formatTransformStats(stats.klt, 'files with KLT resources'));
  return parts.join('\n\n');
}
