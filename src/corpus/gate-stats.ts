import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { applyChangeSet } from '../engine/apply.js';
import { migrate } from '../engine/migrate.js';
import { scan } from '../engine/scan.js';
import { convertSlo } from '../gates/convert-slo.js';
import { verifyGate } from '../gates/verify.js';

export interface GateCorpusStats {
  slos: number;
  objectives: number;
  exact: number;
  withLoss: number;
  informative: number;
  /** loss reasons, normalised, with counts */
  reasons: Record<string, number>;
  /** gates whose verify found a difference that is not a recorded loss (must be 0) */
  unexplained: string[];
  /** generated resources that failed validation (must be empty) */
  invalid: string[];
  templates: number;
  definitions: number;
}

const GATE_TRANSFORMS = ['create-metrics-providers', 'convert-slis-to-analysis-value-templates', 'convert-slos-to-analysis-definitions', 'create-example-analyses'];

function reasonOf(message: string): string {
  if (message.startsWith('relative criterion')) return 'relative criterion (no history in KLT)';
  if (message.startsWith('invalid pass criterion')) return 'invalid pass criterion (Keptn v1 failed every evaluation)';
  if (message.startsWith('no single KLT')) return 'criteria without an exact operator pair (values listed)';
  if (message.startsWith('the comparison block')) return 'comparison block';
  if (message.startsWith('a pass group with no criteria')) return 'empty criteria group';
  if (message.includes('total_score') || message.includes('warningPercentage')) return 'total-score threshold';
  if (message.startsWith('weight')) return 'non-integer weight';
  if (message.startsWith('no objective has pass criteria')) return 'only informative objectives';
  return message.replace(/"[^"]*"/g, '"…"').slice(0, 80);
}

/** Converts every slo.yaml of a corpus, verifies every gate, and validates every generated resource (dry run). */
export async function gateCorpusStats(corpus: string): Promise<GateCorpusStats> {
  const result = await scan({ paths: ['.'], cwd: corpus, rules: [] });
  const stats: GateCorpusStats = { slos: 0, objectives: 0, exact: 0, withLoss: 0, informative: 0, reasons: {}, unexplained: [], invalid: [], templates: 0, definitions: 0 };
  for (const slo of result.project.slos) {
    if (slo.variant === 'pitometer') continue;
    stats.slos++;
    const t = convertSlo(slo);
    stats.informative += t.informative.length;
    for (const o of t.objectives) {
      stats.objectives++;
      if (o.exact) stats.exact++;
      else stats.withLoss++;
      for (const l of o.losses) stats.reasons[reasonOf(l.reason)] = (stats.reasons[reasonOf(l.reason)] ?? 0) + 1;
    }
    for (const l of t.score.losses) stats.reasons[reasonOf(l.reason)] = (stats.reasons[reasonOf(l.reason)] ?? 0) + 1;
    if (!verifyGate(t).explained) stats.unexplained.push(slo.src.file.displayPath);
  }
  for (const target of ['keptn-v2', 'keptn-0.10', 'klt-0.9'] as const) {
    const { changes } = await migrate({ paths: ['.'], cwd: corpus, only: GATE_TRANSFORMS, migrate: { target, outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false } });
    stats.invalid.push(...changes.invalid.map((i) => `${target} ${i.path}: ${i.problems.join('; ')}`));
    if (target === 'keptn-v2') {
      stats.templates = changes.files.filter((f) => f.path.includes('/analysisvaluetemplate-')).length;
      stats.definitions = changes.files.filter((f) => f.path.includes('/analysisdefinition-')).length;
    }
  }
  return stats;
}

export interface ProjectRunStats {
  projects: number;
  succeeded: number;
  created: number;
  modified: number;
  secondRunChanges: string[];
  failures: string[];
}

/**
 * `migrate --write` twice over a copy of each top-level project folder of the corpus (`copy` makes the copy):
 * the first run must write only valid resources, the second must change nothing.
 */
export async function migrateEachProject(corpus: string, copy: (dir: string) => string): Promise<ProjectRunStats> {
  const dirs = readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('_')).map((d) => d.name).sort();
  const out: ProjectRunStats = { projects: 0, succeeded: 0, created: 0, modified: 0, secondRunChanges: [], failures: [] };
  const options = { target: 'keptn-v2' as const, outDir: 'keptn-migrated', keys: 'k8s' as const, evaluations: false, autoscaler: 'hpa' as const, unsafe: false };
  for (const name of dirs) {
    if (!existsSync(path.join(corpus, name))) continue;
    out.projects++;
    try {
      const work = copy(path.join(corpus, name));
      const first = await migrate({ paths: ['.'], cwd: work, migrate: options });
      if (first.changes.invalid.length > 0) throw new Error(`invalid output: ${first.changes.invalid.map((i) => i.path).join(', ')}`);
      const report = await applyChangeSet(first.changes);
      if (report.refused.length > 0) throw new Error(`refused: ${report.refused.map((r) => `${r.path} (${r.reason})`).join(', ')}`);
      out.created += first.changes.files.filter((f) => f.status === 'created').length;
      out.modified += first.changes.files.filter((f) => f.status === 'modified').length;
      const second = await migrate({ paths: ['.'], cwd: work, migrate: options });
      const changed = second.changes.files.filter((f) => f.status === 'created' || f.status === 'modified').map((f) => `${name}/${f.path}`);
      out.secondRunChanges.push(...changed);
      if (changed.length === 0) out.succeeded++;
    } catch (e) {
      out.failures.push(`${name}: ${(e as Error).message}`);
    }
  }
  return out;
}
