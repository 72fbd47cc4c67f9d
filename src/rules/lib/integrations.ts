/** Shared helpers of the remediation, job-executor, webhook and integration rules. */
import { get, isDict, lookup, lookupTable, safeJson } from '../../core/values.js';
import { actionBody, templateActions } from '../../core/template-actions.js';
import type { ReportTarget } from '../../engine/rule.js';
import { projectOf, type MigrationProject } from '../../model/project.js';
import type { SourceRef } from '../../model/source-ref.js';
import type { JobConfig, JobTask, Scope, Webhook, WebhookRequest } from '../../model/types.js';
import { JES_TASK_KEYS } from '../../formats/job-executor.js';
import { CONTEXT_EQUIVALENTS } from '../../formats/webhook.js';

export const KEPTN_CONTEXT_FIELDS = 'appName, appVersion, workloadName, workloadVersion, taskType, objectType, metadata';

/** the plain value a SourceRef points at */
export function valueAt(src: SourceRef): unknown {
  return get(src.doc.value, ...src.path);
}

/** the longest value text a message shows */
const SHOW_MAX_CHARS = 2000;

/** a value as it appears in a message: strings quoted, maps and lists as compact JSON, cut after 2,000 characters */
export function show(v: unknown): string {
  if (v === undefined || v === null) return 'none';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return safeJson(v, SHOW_MAX_CHARS);
}

/** names joined for a message, capped so a message stays one readable line */
export function list(names: readonly string[], max = 6): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** the key `key` of the mapping at `src`, as a report target on the key itself */
export function keyTarget(src: SourceRef, key: string): ReportTarget {
  return { ref: src.at(key), target: 'key' };
}

/** the first key of the mapping at `src` (for findings about something missing from it) */
export function firstKey(src: SourceRef): ReportTarget | SourceRef {
  const first = src.doc.keysAt(src.path).find((k) => k.key !== null);
  return first?.key ? keyTarget(src, first.key) : src;
}

/** where `needle` occurs inside the scalar at `src`, or the scalar when it cannot be found verbatim */
export function inScalar(src: SourceRef, needle: string): ReportTarget | SourceRef {
  if (!src.exists()) return src;
  const range = src.range('value');
  const at = src.file.text.slice(range.start, range.end).indexOf(needle);
  if (at === -1 || needle === '') return src;
  const v = src.doc.value as { kind?: unknown; metadata?: { name?: unknown } } | undefined;
  const ident = isDict(v) && typeof v.kind === 'string' ? `${v.kind}/${String(v.metadata?.name ?? '')}` : `doc-${src.doc.index}`;
  return { file: src.file, range: { start: range.start + at, end: range.start + at + needle.length }, anchor: `${ident} > ${src.pointer} ${needle}` };
}

// ---- event types and lifecycle phases ----

const WELL_KNOWN_TASKS = ['deployment', 'test', 'evaluation', 'release', 'rollback', 'approval', 'get-action', 'action', 'get-sli'];

const NO_PHASE = lookupTable<string>({
  approval: 'approval has no KLT counterpart (gate the rollout in your delivery tool or with a promotion task)',
  'get-action': 'get-action belongs to Keptn v1 remediation, which KLT does not have',
  action: 'action belongs to Keptn v1 remediation, which KLT does not have',
  rollback: 'rollback has no KLT phase (KLT never rolls a workload back)',
  'get-sli': 'get-sli is answered by a KeptnMetricsProvider in KLT, not by a task',
});

const CONTROL_PLANE = ['project.create', 'project.delete', 'service.create', 'service.delete', 'monitoring.configure'];

/** the shipyard's tasks and sequences of the project `scope` belongs to */
export function shipyardOf(model: MigrationProject, scope: Scope) {
  const shipyard = projectOf(model, scope)?.shipyard;
  const tasks: string[] = [];
  const sequences: { stage: string; name: string; tasks: string[] }[] = [];
  for (const stage of shipyard?.stages ?? []) {
    for (const seq of stage.sequences) {
      const names = seq.tasks.map((t) => t.name).filter((n) => n !== '');
      sequences.push({ stage: stage.name, name: seq.name, tasks: names });
      for (const n of names) if (!tasks.includes(n)) tasks.push(n);
    }
  }
  return { found: shipyard !== undefined, tasks, sequences };
}

/** the event types a subscription could plausibly see: every task's and sequence's `.triggered` */
export function candidateEvents(model: MigrationProject, scope: Scope): { type: string; label: string; fromShipyard: boolean }[] {
  const sy = shipyardOf(model, scope);
  const out = sy.tasks.map((t) => ({ type: `sh.keptn.event.${t}.triggered`, label: `${t}.triggered`, fromShipyard: true }));
  for (const t of WELL_KNOWN_TASKS) {
    if (!sy.tasks.includes(t)) out.push({ type: `sh.keptn.event.${t}.triggered`, label: `${t}.triggered`, fromShipyard: false });
  }
  for (const s of sy.sequences) {
    const type = `sh.keptn.event.${s.stage}.${s.name}.triggered`;
    if (!out.some((c) => c.type === type)) out.push({ type, label: `${s.stage}.${s.name}.triggered`, fromShipyard: true });
  }
  return out;
}

/** a Go regexp / NATS subject as a literal event type, or undefined when it really is a pattern */
export function literalEvent(name: string, flavour: 'regex' | 'nats'): string | undefined {
  if (flavour === 'nats') return /(^|\.)(\*|>)($|\.)/.test(name) ? undefined : name;
  const s = name.replace(/^\^/, '').replace(/\$$/, '');
  if (/(^|[^\\])[*+?|()[\]{}]/.test(s)) return undefined;
  return s.replace(/\\\./g, '.');
}

/**
 * Why an event subscription cannot be placed in a KLT lifecycle phase (pre-/post-deployment tasks and evaluations),
 * or undefined when it can: deployment, test, evaluation and release `.triggered`, and custom tasks that share a
 * shipyard sequence with a deployment task.
 */
export function whyNoPhase(model: MigrationProject, scope: Scope, name: string, flavour: 'regex' | 'nats'): string | undefined {
  const literal = literalEvent(name, flavour);
  if (literal === undefined) return 'it is a wildcard over many event types, while a KLT task definition is attached to one phase of one workload';
  const prefix = 'sh.keptn.event.';
  if (!literal.startsWith(prefix)) return 'it is not a Keptn task event, and KLT has no event bus to subscribe to';
  const parts = literal.slice(prefix.length).split('.');
  const kind = parts[parts.length - 1] ?? '';
  const subject = parts.slice(0, -1).join('.');
  if (parts.length < 2 || !['triggered', 'started', 'finished'].includes(kind)) {
    return 'it names no Keptn task event (sh.keptn.event.<task>.triggered)';
  }
  if (CONTROL_PLANE.includes(subject)) return `it is a Keptn control-plane event (${subject}), and KLT has no projects, services or event bus`;
  if (parts.length === 3) {
    return `it is an event of sequence "${parts[1]}" in stage "${parts[0]}", and KLT has no sequences or stages`;
  }
  if (kind !== 'triggered') {
    return `"${kind}" events report on task "${subject}" after the fact, and KLT emits no Keptn events to subscribe to`;
  }
  if (['deployment', 'test', 'evaluation', 'release'].includes(subject)) return undefined;
  const reason = lookup(NO_PHASE, subject);
  if (reason) return reason;
  const sy = shipyardOf(model, scope);
  const seqs = sy.sequences.filter((s) => s.tasks.includes(subject));
  if (seqs.some((s) => s.tasks.includes('deployment'))) return undefined;
  if (seqs.length > 0) {
    return `task "${subject}" only runs in sequence ${list(seqs.map((s) => `${s.stage}.${s.name}`))} without a deployment task, so it is neither pre- nor post-deployment`;
  }
  return sy.found
    ? `task "${subject}" is in no sequence of the project's shipyard`
    : `task "${subject}" is not a deployment, test, evaluation or release task and no shipyard places it next to a deployment`;
}

// ---- what KEPTN_CONTEXT offers instead of Keptn v1 event data ----

export interface ContextEquivalent {
  /** what replaces the reference in KLT */
  replacement: string;
  /** true when KLT fills it in by itself */
  automatic: boolean;
}

/** `.data.labels.x`, `$.data.project`, `{{.shkeptncontext}}`: what a KLT task reads instead */
export function contextEquivalent(reference: string): ContextEquivalent {
  const ref = reference.replace(/^\$/, '').replace(/\[['"]?([^[\]'"]+)['"]?\]/g, '.$1');
  if (ref === '.data.service') return { replacement: 'KEPTN_CONTEXT workloadName (or appName)', automatic: true };
  if (ref === '.data.labels.version') return { replacement: 'KEPTN_CONTEXT workloadVersion', automatic: true };
  if (ref.startsWith('.data.configurationChange.values.image')) return { replacement: 'KEPTN_CONTEXT workloadVersion (the image tag)', automatic: true };
  if (ref === '.data.project') return { replacement: 'nothing: KEPTN_CONTEXT has no project (appName is the closest; or pass a fixed parameter)', automatic: false };
  if (ref === '.data.stage') return { replacement: 'nothing: KEPTN_CONTEXT has no stage (pass a fixed parameter per namespace or cluster)', automatic: false };
  const label = /^\.data\.labels\.([^.]+)$/.exec(ref);
  if (label) return { replacement: `KEPTN_CONTEXT metadata.${label[1]}, if the workload sets it with the keptn.sh/metadata annotation`, automatic: false };
  if (ref.startsWith('.data.evaluation')) return { replacement: 'nothing: evaluation results are not passed to tasks (read the KeptnEvaluation or Analysis status)', automatic: false };
  if (ref.startsWith('.data.deployment.deploymentURI')) return { replacement: "nothing: address the workload's Service directly (http://<service>.<namespace>)", automatic: false };
  if (ref.startsWith('.data.problem')) return { replacement: 'nothing: KLT has no problem events', automatic: false };
  if (ref === '.data.result' || ref === '.data.status') return { replacement: "nothing: KLT tasks do not see the previous task's result", automatic: false };
  if (ref === '.time') return { replacement: 'nothing: take the current time in the task', automatic: false };
  const known = lookup(CONTEXT_EQUIVALENTS, ref);
  if (known) return { replacement: known.startsWith('none') ? `nothing (${known.replace(/^none,?\s*/, '')})` : `KEPTN_CONTEXT ${known}`, automatic: false };
  return { replacement: `nothing: KEPTN_CONTEXT holds only ${KEPTN_CONTEXT_FIELDS}`, automatic: false };
}

// ---- job-executor-service ----

/** keys below the task level that job-executor-service's strict parser knew (pkg/config/config.go) */
export const JES_NESTED_KEYS = lookupTable<Set<string>>({
  jsonpath: new Set(['property', 'match']),
  resources: new Set(['limits', 'requests']),
  limits: new Set(['cpu', 'memory']),
  requests: new Set(['cpu', 'memory']),
  securityContext: new Set([
    'capabilities', 'privileged', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation',
    'procMount', 'seccompProfile', 'seLinuxOptions',
  ]),
  capabilities: new Set(['add', 'drop']),
  seccompProfile: new Set(['type', 'localhostProfile']),
});

const V2_ONLY_TASK_KEYS = [...JES_TASK_KEYS.v2].filter((k) => !JES_TASK_KEYS.v0.has(k));

/** a v1/v2-only feature a config without apiVersion uses, or undefined when it is a genuine 0.1.0/0.1.1 config */
export function v2FeatureOf(config: JobConfig): string | undefined {
  if (config.generation !== 'v0') return undefined;
  for (const action of config.actions) {
    for (const task of action.tasks) {
      if (Array.isArray(task.raw.cmd)) return `cmd as a list in task "${task.name}"`;
      const key = Object.keys(task.raw).find((k) => V2_ONLY_TASK_KEYS.includes(k));
      if (key) return `${key} in task "${task.name}"`;
      if (task.env.some((e) => e.valueFrom !== undefined)) return `env valueFrom in task "${task.name}"`;
    }
  }
  return undefined;
}

/** every string of a task that a shell or the container runtime sees: cmd, args and env values */
export function taskStrings(task: JobTask): { where: string; text: string; src: SourceRef }[] {
  const out: { where: string; text: string; src: SourceRef }[] = [];
  if (typeof task.raw.cmd === 'string') out.push({ where: 'cmd', text: task.raw.cmd, src: task.src.at('cmd') });
  else task.cmd.forEach((c, i) => out.push({ where: 'cmd', text: c, src: task.src.at('cmd', i) }));
  if (typeof task.raw.args === 'string') out.push({ where: 'args', text: task.raw.args, src: task.src.at('args') });
  else task.args.forEach((a, i) => out.push({ where: 'args', text: a, src: task.src.at('args', i) }));
  for (const e of task.env) {
    if (e.value !== undefined && e.valueFrom !== 'event' && e.valueFrom !== 'secret') out.push({ where: `env ${e.name}`, text: e.value, src: e.src.at('value') });
  }
  return out;
}

// ---- webhook-service ----

/** the strings of a webhook request that webhook-service rendered as Go templates, each with where it sits */
export function requestTexts(req: WebhookRequest): { text: string; src: SourceRef }[] {
  if (req.kind === 'curl') return [{ text: req.command, src: req.src }];
  const out: { text: string; src: SourceRef }[] = [];
  if (req.url !== undefined) out.push({ text: req.url, src: req.src.at('url') });
  req.headers.forEach((h, i) => out.push({ text: h.value, src: req.src.at('headers', i, 'value') }));
  if (req.payload !== undefined) out.push({ text: req.payload, src: req.src.at('payload') });
  if (req.options !== undefined) out.push({ text: req.options, src: req.src.at('options') });
  return out;
}

/** `request 2 of webhook sh.keptn.event.test.triggered` */
export function describeRequest(webhook: Webhook, index: number): string {
  return `request ${index + 1} of webhook ${webhook.type || '(no type)'}`;
}

/**
 * Every field reference inside the Go template actions of `text`: `{{.data.project}}`, `{{if eq .data.result "pass"}}`,
 * `{{ $.data.stage }}`, `{{index .data.labels "x"}}` (as `.data.labels`). The reader's templateReferences only sees the
 * first reference after at most one function word.
 */
export function templateFieldRefs(text: string): { ref: string; action: string }[] {
  const out: { ref: string; action: string }[] = [];
  for (const action of templateActions(text)) {
    const body = withoutStringLiterals(actionBody(action));
    for (const r of body.matchAll(/(^|[\s(|,$])(\.[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)/g)) {
      out.push({ ref: r[2] as string, action: action.text });
    }
  }
  return out;
}

/**
 * `text` with each Go string literal (`"…"` with backslash escapes, or a raw `` `…` ``) replaced by `""`, as
 * `text.replace(/"(?:[^"\\]|\\.)*"|`[^`]*`/g, '""')` does, in linear time. That expression, at every quote that
 * is never closed, reads on to the end of the text again; here a quote whose literal runs to the end means no later
 * quote of that kind closes either, and one that stops at a backslash before a line break (which `\\.` does not
 * match) leaves the double quotes before that backslash unable to close too.
 */
export function withoutStringLiterals(text: string): string {
  let out = '';
  let last = 0;
  /** a double quote before this offset cannot close */
  let doubleBlockedUntil = -1;
  let rawCanClose = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    let end = -1;
    if (c === '"' && i >= doubleBlockedUntil) {
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text[j] as string;
        if (d === '"') {
          end = j;
          break;
        }
        if (d !== '\\') continue;
        if (j + 1 >= text.length || LINE_TERMINATORS.includes(text[j + 1] as string)) break;
        j++;
      }
      if (end === -1) {
        doubleBlockedUntil = j >= text.length ? Infinity : j;
        continue;
      }
    } else if (c === '`' && rawCanClose) {
      end = text.indexOf('`', i + 1);
      if (end === -1) {
        rawCanClose = false;
        continue;
      }
    } else continue;
    out += `${text.slice(last, i)}""`;
    last = end + 1;
    i = end;
  }
  return out + text.slice(last);
}

/** what `.` in a regular expression does not match */
const LINE_TERMINATORS = '\n\r\u2028\u2029';

/** every task of every job-executor action, with the config and action it belongs to */
export function* jobTasks(model: MigrationProject): Generator<{ config: JobConfig; action: JobConfig['actions'][number]; task: JobTask }> {
  for (const config of model.jobConfigs) for (const action of config.actions) for (const task of action.tasks) yield { config, action, task };
}

/** every event filter of every job-executor action, with the config and action it belongs to */
export function* jobEvents(model: MigrationProject): Generator<{ config: JobConfig; action: JobConfig['actions'][number]; event: JobConfig['actions'][number]['events'][number] }> {
  for (const config of model.jobConfigs) for (const action of config.actions) for (const event of action.events) yield { config, action, event };
}
