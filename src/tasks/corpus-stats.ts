/**
 * How the task transforms fare over a corpus: every job-executor-service and webhook-service config is converted
 * (dry run) and counted as converted fully, with losses, or not at all, with the reasons. Used by the corpus test and
 * by `npm run corpus`.
 */
import { migrate } from '../engine/migrate.js';
import { replaceActions } from '../core/template-actions.js';
import type { Target } from '../klt/targets.js';

export const TASK_TRANSFORMS = ['convert-jes-to-task-definitions', 'convert-webhooks-to-deno-tasks', 'convert-shipyard-tasks'];

export interface TaskCorpusStats {
  target: Target;
  configs: { jes: number; webhook: number };
  fully: number;
  withLosses: number;
  notAtAll: number;
  /** why configs were not converted at all, with counts */
  notConverted: Record<string, number>;
  /** the most frequent loss messages (normalised), with counts */
  lossReasons: Record<string, number>;
  definitions: number;
  denoDefinitions: number;
  /** resources the engine found invalid (must be empty) */
  invalid: string[];
}

const IDENTICAL_IN = '; identical in ';

/** a message with quoted names, numbers and paths replaced, so similar losses count together */
function normalise(message: string): string {
  return replaceActions(message.replace(/"[^"]*"/g, '"…"'), () => '{{…}}')
    .replace(/\$\([A-Z0-9_]+\)/g, '$(…)')
    .replace(/request \d+ of webhook \S+/g, 'request N of webhook …')
    .replace(/\d+/g, 'N')
    .slice(0, 140);
}

export async function taskCorpusStats(corpus: string, target: Target = 'keptn-v2'): Promise<TaskCorpusStats> {
  const { changes, scan } = await migrate({
    paths: ['.'],
    cwd: corpus,
    only: TASK_TRANSFORMS,
    migrate: { target, outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false },
  });
  const model = scan.project;
  const configs = [...model.jobConfigs.map((c) => c.src.file.displayPath), ...model.webhookConfigs.map((c) => c.src.file.displayPath)];
  const stats: TaskCorpusStats = {
    target,
    configs: { jes: model.jobConfigs.length, webhook: model.webhookConfigs.length },
    fully: 0,
    withLosses: 0,
    notAtAll: 0,
    notConverted: {},
    lossReasons: {},
    definitions: 0,
    denoDefinitions: 0,
    invalid: changes.invalid.map((i) => `${i.path}: ${i.problems.join('; ')}`),
  };
  const emittedFrom = new Map<string, number>();
  for (const f of changes.files) {
    if (!/keptntaskdefinition-/.test(f.path)) continue;
    stats.definitions++;
    if (f.after.includes('\n  deno:\n')) stats.denoDefinitions++;
    const line = /^# Source: (.*)$/m.exec(f.after)?.[1] ?? '';
    const identical = line.indexOf(IDENTICAL_IN);
    const sources = [/^(?:files of )?(\S+)/.exec(line)?.[1], ...(identical === -1 ? [] : line.slice(identical + IDENTICAL_IN.length).split(', '))];
    for (const source of sources) if (source) emittedFrom.set(source, (emittedFrom.get(source) ?? 0) + 1);
  }
  for (const file of [...new Set(configs)].sort()) {
    const losses = changes.losses.filter((l) => l.at.file === file);
    for (const l of losses) stats.lossReasons[normalise(l.message)] = (stats.lossReasons[normalise(l.message)] ?? 0) + 1;
    if ((emittedFrom.get(file) ?? 0) === 0) {
      stats.notAtAll++;
      const why = losses[0] ? normalise(losses[0].message) : 'no actions or webhooks';
      stats.notConverted[why] = (stats.notConverted[why] ?? 0) + 1;
    } else if (losses.length > 0) stats.withLosses++;
    else stats.fully++;
  }
  return stats;
}

export function formatTaskCorpusStats(s: TaskCorpusStats, top = 12): string {
  const lines = [
    `task transforms (${s.target}): ${s.configs.jes} job-executor configs, ${s.configs.webhook} webhook configs → ${s.definitions} KeptnTaskDefinitions (${s.denoDefinitions} Deno)`,
    `  converted fully: ${s.fully}, with losses: ${s.withLosses}, not at all: ${s.notAtAll}; invalid outputs: ${s.invalid.length}`,
  ];
  const table = (title: string, counts: Record<string, number>) => {
    const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    if (rows.length === 0) return;
    lines.push(`  ${title}:`);
    for (const [k, v] of rows.slice(0, top)) lines.push(`    ${String(v).padStart(5)}  ${k}`);
  };
  table('not converted, why', s.notConverted);
  table('most frequent losses', s.lossReasons);
  return lines.join('\n');
}
