/** Shared helpers for the shipyard rules (category 'shipyard'). */
import { get } from '../../core/values.js';
import { goRegexp } from '../../core/go-regexp.js';
import type { MigrationProject } from '../../model/project.js';
import type { SourceRef } from '../../model/source-ref.js';
import type { Sequence, Shipyard, Stage, Task, Trigger } from '../../model/types.js';

export const q = (s: string): string => JSON.stringify(s);

/**
 * The shipyard of every project: the one the shipyard-controller read (the default branch's). The per-stage-branch
 * copies are left out so a finding is not repeated once per branch.
 */
export function projectShipyards(model: MigrationProject): Shipyard[] {
  const out: Shipyard[] = [];
  for (const p of model.projects) if (p.shipyard) out.push(p.shipyard);
  return out;
}

export interface SeqVisit {
  shipyard: Shipyard;
  stage: Stage;
  seq: Sequence;
}

export interface TaskVisit extends SeqVisit {
  task: Task;
}

export function sequencesOf(model: MigrationProject): SeqVisit[] {
  const out: SeqVisit[] = [];
  for (const shipyard of projectShipyards(model)) {
    for (const stage of shipyard.stages) for (const seq of stage.sequences) out.push({ shipyard, stage, seq });
  }
  return out;
}

export function tasksOf(model: MigrationProject): TaskVisit[] {
  const out: TaskVisit[] = [];
  for (const v of sequencesOf(model)) for (const task of v.seq.tasks) out.push({ ...v, task });
  return out;
}

/** tasks of a remediation loop (get-action/action since Keptn 0.8.3, remediation in 0.8.0-0.8.2) */
export const REMEDIATION_TASKS = new Set(['get-action', 'action', 'remediation']);

export const isLegacy = (s: Shipyard): boolean => s.version === '0.1';

/** `sequence "delivery" in stage "dev"`, or `stage "dev" (shipyard 0.1)` for the synthetic 0.1 sequence */
export function describeSeq(v: SeqVisit): string {
  if (isLegacy(v.shipyard)) return `stage ${q(v.stage.name)} (shipyard 0.1)`;
  return `sequence ${q(v.seq.name)} in stage ${q(v.stage.name)}`;
}

/** `task "test" of sequence "delivery" in stage "dev"` */
export function describeTask(v: TaskVisit): string {
  if (isLegacy(v.shipyard)) return `task ${q(v.task.name)} of stage ${q(v.stage.name)} (shipyard 0.1)`;
  return `task ${q(v.task.name)} of sequence ${q(v.seq.name)} in stage ${q(v.stage.name)}`;
}

/** the first of the references that exists in the source */
export function firstExisting(...refs: (SourceRef | undefined)[]): SourceRef | undefined {
  for (const r of refs) if (r?.exists()) return r;
  return undefined;
}

/** where to point for a stage: its name */
export function stageRef(stage: Stage): SourceRef {
  return firstExisting(stage.src.at('name')) ?? stage.src;
}

/** where to point for a sequence: its name (0.1: the stage's name, or the key the synthetic sequence came from) */
export function seqRef(v: SeqVisit): SourceRef {
  if (isLegacy(v.shipyard)) return v.seq.src.path.length > v.stage.src.path.length ? v.seq.src : stageRef(v.stage);
  return firstExisting(v.seq.src.at('name')) ?? v.seq.src;
}

/** where to point for a task: the task (0.1: the stage key it came from, else the stage's name) */
export function taskRef(v: TaskVisit): SourceRef {
  if (isLegacy(v.shipyard)) return v.task.src.exists() && v.task.src.path.length > v.stage.src.path.length ? v.task.src : stageRef(v.stage);
  return v.task.src;
}

/** the source of a task property: `properties.<key>` (0.2) or the key below the 0.1 stage key (`approval_strategy.pass`) */
export function propRef(v: TaskVisit, key: string): SourceRef | undefined {
  if (isLegacy(v.shipyard)) return v.task.src.path.length > v.stage.src.path.length ? firstExisting(v.task.src.at(key)) : undefined;
  return firstExisting(v.task.src.at('properties', key));
}

export function propString(task: Task, key: string): string | undefined {
  const v = Object.hasOwn(task.properties, key) ? task.properties[key] : undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

// ---- deployment strategies (go-utils pkg/lib/deployment_strategy.go: exact, case-sensitive) ----

const BLUE_GREEN = new Set(['blue_green_service', 'duplicate']);
/** the 0.1-era helm-service also read `blue_green` and `canary` as a duplicate (blue-green) deployment */
const BLUE_GREEN_LEGACY = new Set(['blue_green_service', 'duplicate', 'blue_green', 'canary']);

export function isBlueGreen(shipyard: Shipyard, strategy: string | undefined): boolean {
  if (strategy === undefined) return false;
  return (isLegacy(shipyard) ? BLUE_GREEN_LEGACY : BLUE_GREEN).has(strategy);
}

/** the deployment strategy of the sequence's deployment task, when it has exactly one */
export function sequenceStrategy(seq: Sequence): string | undefined {
  const deployments = seq.tasks.filter((t) => t.name === 'deployment');
  if (deployments.length !== 1) return undefined;
  const t = deployments[0] as Task;
  return propString(t, 'deploymentstrategy');
}

/** helm-service's release task did nothing for these strategies ("No release action required") */
export function releaseIsNoop(seq: Sequence): boolean {
  const s = sequenceStrategy(seq);
  return s === 'direct' || s === 'user_managed';
}

// ---- triggers ----

/** `dev.delivery.finished` → { stage: 'dev', sequence: 'delivery' }; undefined when it is not of that form */
export function parseTriggerEvent(event: string): { stage: string; sequence: string } | undefined {
  const m = /^([^.]+)\.(.+)\.finished$/.exec(event);
  return m ? { stage: m[1] as string, sequence: m[2] as string } : undefined;
}

/** the sequence a trigger event refers to, within the same shipyard (the built-in `evaluation` sequence included) */
export function triggeringSequence(shipyard: Shipyard, event: string): { tasks: string[] } | undefined {
  const parsed = parseTriggerEvent(event);
  if (!parsed) return undefined;
  const stage = shipyard.stages.find((s) => s.name === parsed.stage);
  if (!stage) return undefined;
  const seq = stage.sequences.find((s) => s.name === parsed.sequence);
  if (seq) return { tasks: seq.tasks.map((t) => t.name) };
  if (parsed.sequence === 'evaluation') return { tasks: ['evaluation'] };
  return undefined;
}

/** the plain value at a reference */
export function rawAt(ref: SourceRef): unknown {
  return get(ref.doc.value, ...ref.path);
}

/**
 * The selector the controller saw: undefined when `selector` or its `match` is missing or null (Go: a nil map, which
 * means "pass or warning"); an empty map is a real, never-matching selector.
 */
export function selectorOf(trigger: Trigger): Record<string, string> | undefined {
  const match = rawAt(trigger.src.at('selector', 'match'));
  if (match === undefined || match === null || typeof match !== 'object' || Array.isArray(match)) return undefined;
  return trigger.selector ?? {};
}

export const RESULTS = ['pass', 'warning', 'fail'] as const;

// ---- Go time.ParseDuration ----

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** milliseconds, or undefined when Go's time.ParseDuration rejects the string */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s.startsWith('-') ? -1 : 1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < s.length) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    at = re.lastIndex;
  }
  return sign * total;
}

// ---- who served a task in Keptn v1: job-executor-service actions and webhook-service subscriptions ----

/** job-executor-service matched `events[].name` as an unanchored Go regexp against the CloudEvent type */
export function goRegexMatches(pattern: string, text: string): boolean {
  return goRegexp(pattern)?.test(text) ?? text.includes(pattern);
}

/**
 * A job-executor `jsonpath` filter compares one event value with a string. When it reads a property of this very task
 * (`$.data.test.teststrategy`) the shipyard tells us the value; anything else is assumed to match.
 */
function jsonpathAllows(filter: { property?: string; match?: string } | undefined, task: string, properties: Record<string, unknown>): boolean {
  if (!filter?.property || filter.match === undefined) return true;
  const m = /^\$\.data\.([^.[\]]+)\.([^.[\]]+)$/.exec(filter.property);
  if (!m || m[1] !== task) return true;
  const value = properties[m[2] as string];
  return (typeof value === 'string' ? value : value === undefined ? '' : String(value)) === filter.match;
}

/** a NATS subject pattern (`*` one token, `>` the rest) against a subject */
export function natsMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return i === p.length - 1 && s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

export interface Server {
  kind: 'job-executor' | 'webhook';
  /** `job-executor action "scan" (job/config.yaml)` */
  label: string;
  file: string;
}

/**
 * The job-executor actions and webhooks that received `sh.keptn.event.<task>.triggered` for a task of `stage`:
 * configs of the shipyard's project at project level, in that stage, or in a service folder.
 */
export function serversOf(
  model: MigrationProject,
  shipyard: Shipyard,
  stage: string,
  task: string,
  properties: Record<string, unknown> = {},
): Server[] {
  const project = shipyard.src.file.dirName;
  const type = `sh.keptn.event.${task}.triggered`;
  const inScope = (scope: { project: string; stage?: string }) => scope.project === project && (scope.stage === undefined || scope.stage === stage);
  const out: Server[] = [];
  for (const cfg of model.jobConfigs) {
    if (!inScope(cfg.scope)) continue;
    for (const action of cfg.actions) {
      if (!action.events.some((e) => e.name !== '' && goRegexMatches(e.name, type) && jsonpathAllows(e.jsonpath, task, properties))) continue;
      const file = cfg.src.file.displayPath;
      out.push({ kind: 'job-executor', label: `job-executor action ${q(action.name)} (${file})`, file });
    }
  }
  for (const cfg of model.webhookConfigs) {
    if (!inScope(cfg.scope)) continue;
    for (const hook of cfg.webhooks) {
      if (hook.type === '' || !natsMatches(hook.type, type)) continue;
      const file = cfg.src.file.displayPath;
      out.push({ kind: 'webhook', label: `webhook ${q(hook.type)} (${file})`, file });
    }
  }
  const seen = new Set<string>();
  return out
    .filter((s) => (seen.has(s.label) ? false : (seen.add(s.label), true)))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** `a, b and c` */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] as string}`;
}
