/**
 * One job-executor-service task → the spec of a container KeptnTaskDefinition (and the data of a ConfigMap for its
 * `files:`). Pure: the caller supplies the file reader and the KLT target facts.
 */
import { asDict, asString, get, isDict, lookup } from '../core/values.js';
import { goRegexp } from '../core/go-regexp.js';
import { kubeName } from '../klt/names.js';
import type { TargetProfile } from '../klt/targets.js';
import type { SourceRef } from '../model/source-ref.js';
import type { JobConfig, JobEnv, JobTask } from '../model/types.js';
import { shQuote } from './shell.js';

export interface Note {
  at: SourceRef;
  message: string;
}

export interface RepoFile {
  /** the path below /keptn */
  path: string;
  text?: string;
  /** why the text could not be used */
  problem?: string;
}

export interface JesFacts {
  profile: TargetProfile;
  /** the Keptn project's name (what KEPTN_PROJECT held) */
  projectName: string;
  /** the files a `files:` entry names, relative to the config's folder; empty when none is found */
  readFiles(entry: string): RepoFile[];
}

export interface JesTaskResult {
  /** KeptnTaskDefinition spec with CONFIGMAP_PLACEHOLDER where the ConfigMap's name goes */
  spec: Record<string, unknown>;
  configMapData?: Record<string, string>;
  losses: Note[];
}

export const CONFIGMAP_PLACEHOLDER = '\u0000configmap\u0000';
/** the largest file passed through an env variable (Linux limits one env string to 128 KiB) */
export const MAX_FILE_BYTES = 120 * 1024;
/** ConfigMaps hold at most 1 MiB */
const MAX_CONFIGMAP_BYTES = 1000 * 1024;
const FILES_VOLUME = 'keptn-files';
const JES_DEFAULT_TIMEOUT = 300;

const CONTEXT_FIELDS: Record<string, { field: string; fallback?: string; note?: string }> = {
  '.data.service': { field: 'workloadName', fallback: 'appName' },
  '.data.labels.version': { field: 'workloadVersion', fallback: 'appVersion' },
  '.data.configurationChange.values.image': {
    field: 'workloadVersion',
    fallback: 'appVersion',
    note: 'KLT passes only the version (the image tag), not the whole image reference',
  },
  '.data.configurationChange.values.image.tag': { field: 'workloadVersion', fallback: 'appVersion' },
};

/** `$.data['service']`, `$.data.service` → `.data.service` */
export function normaliseJsonPath(p: string): string {
  return p
    .trim()
    .replace(/^\$/, '')
    .replace(/\[['"]([^\]'"]+)['"]\]/g, '.$1');
}

const IMPLICIT = /\$\(((?:KEPTN|LABELS)_[A-Za-z0-9_]+)\)|\$\{?((?:KEPTN|LABELS)_[A-Za-z0-9_]+)\}?/g;

export function convertJesTask(config: JobConfig, task: JobTask, facts: JesFacts): JesTaskResult {
  const losses: Note[] = [];
  const raw = task.raw;
  const ctxVar = facts.profile.contextVariable;
  const container: Record<string, unknown> = { name: kubeName(task.name, 63) || 'task' };
  const image = task.image?.trim();
  container.image = image || 'busybox';
  if (!image) losses.push({ at: task.src, message: `task "${task.name}" has no image; the definition runs busybox and fails until you set one` });
  const pull = asString(raw.imagePullPolicy);
  if (pull && ['Always', 'IfNotPresent', 'Never'].includes(pull)) container.imagePullPolicy = pull;
  else if (pull) losses.push({ at: task.src.at('imagePullPolicy'), message: `imagePullPolicy "${pull}" is not a Kubernetes pull policy; left out` });

  // command and args: a string cmd (JES 0.1.x) was split on single spaces, never run through a shell
  let command: string[] = typeof raw.cmd === 'string' ? raw.cmd.split(' ') : task.cmd;
  const args: string[] = typeof raw.args === 'string' ? [raw.args] : task.args;
  if (!image && command.length === 0) command = ['sh', '-c', `echo 'task "${task.name.replace(/'/g, '')}" had no image' >&2; exit 1`];

  // env
  const env: Record<string, unknown>[] = [];
  const envFrom: Record<string, unknown>[] = [];
  const fromContext: { name: string; field: string; fallback?: string }[] = [];
  const own = new Set<string>();
  for (const e of task.env) {
    if (!e.name) continue;
    own.add(e.name);
    const kind = e.valueFrom ?? 'string';
    if (kind === 'secret') {
      // JES put every key of the named Secret into the job's environment
      envFrom.push({ secretRef: { name: e.name } });
    } else if (kind === 'event') {
      const mapped = contextFieldFor(e);
      if (mapped) {
        fromContext.push({ name: e.name, field: mapped.field, fallback: mapped.fallback });
        if (mapped.note) losses.push({ at: valueRef(e), message: `env ${e.name} (${e.value}): ${mapped.note}` });
      } else if (normaliseJsonPath(e.value ?? '') === '.data.project') {
        env.push({ name: e.name, value: facts.projectName });
      } else {
        losses.push({ at: valueRef(e), message: eventLoss(e, ctxVar) });
        env.push({ name: e.name, value: '' });
      }
    } else if (kind === 'string') {
      env.push({ name: e.name, value: e.value ?? '' });
    } else {
      losses.push({ at: e.src.at('valueFrom'), message: `env ${e.name}: valueFrom "${kind}" is not one job-executor-service knew; left out` });
    }
  }

  // implicit JES variables in cmd/args/env values
  const strings = [...command, ...args, ...env.map((x) => String(x.value ?? ''))];
  const implicit = new Set<string>();
  for (const s of strings) for (const m of s.matchAll(IMPLICIT)) implicit.add((m[1] ?? m[2]) as string);
  for (const name of [...implicit].sort()) {
    if (own.has(name)) continue;
    if (name === 'KEPTN_PROJECT') {
      env.push({ name, value: facts.projectName });
    } else if (name === 'KEPTN_STAGE' && config.scope.stage) {
      env.push({ name, value: config.scope.stage });
    } else if (name === 'KEPTN_SERVICE') {
      fromContext.push({ name, field: 'workloadName', fallback: 'appName' });
    } else {
      losses.push({ at: task.src, message: implicitLoss(name) });
    }
    own.add(name);
  }

  // files from the Keptn repository
  const files: RepoFile[] = [];
  task.files.forEach((entry, i) => {
    const path = entry.trim().replace(/^\/+/, '').replace(/(?<!\/)\/+$/, '');
    if (!path) return;
    const found = facts.readFiles(path);
    if (found.length === 0) {
      losses.push({ at: task.src.at('files', i), message: `file "${entry}" is not in the scanned repository (it lived only in the Keptn config repo); /keptn/${path} stays empty until you add it` });
      return;
    }
    for (const f of found) {
      if (f.problem) losses.push({ at: task.src.at('files', i), message: `/keptn/${f.path}: ${f.problem}` });
      else files.push(f);
    }
  });
  let configMapData: Record<string, string> | undefined;
  const fileVars: { variable: string; path: string }[] = [];
  if (files.length > 0) {
    configMapData = {};
    let total = 0;
    const keys = new Set<string>();
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of files) {
      const size = Buffer.byteLength(f.text ?? '', 'utf8');
      if (total + size > MAX_CONFIGMAP_BYTES) {
        losses.push({ at: task.src.at('files'), message: `/keptn/${f.path} does not fit: a ConfigMap holds at most 1 MiB; bake the files into the image instead` });
        continue;
      }
      total += size;
      let key = f.path.replace(/[^-._a-zA-Z0-9]+/g, '_');
      for (let n = 2; keys.has(key); n++) key = `${f.path.replace(/[^-._a-zA-Z0-9]+/g, '_')}_${n}`;
      keys.add(key);
      configMapData[key] = f.text ?? '';
      const variable = `KEPTN_FILE_${fileVars.length}`;
      fileVars.push({ variable, path: f.path });
      env.push({ name: variable, valueFrom: { configMapKeyRef: { name: CONFIGMAP_PLACEHOLDER, key } } });
    }
    if (fileVars.length === 0) configMapData = undefined;
  }

  // a wrapper script when something must happen at start: files written, values read from the context
  const needsWrapper = fileVars.length > 0 || fromContext.length > 0;
  if (needsWrapper) {
    if (command.length === 0) {
      losses.push({
        at: task.src,
        message: `task "${task.name}" uses the image's own entrypoint, so keptn-migrate cannot run the start-up step that ${fileVars.length > 0 ? 'writes its files to /keptn' : ''}${fileVars.length > 0 && fromContext.length > 0 ? ' and ' : ''}${fromContext.length > 0 ? `fills ${fromContext.map((c) => c.name).join(', ')} from ${ctxVar}` : ''}; add the entrypoint as cmd`,
      });
    } else {
      const script = wrapperScript(ctxVar, fromContext, fileVars, [...command, ...args]);
      command = ['/bin/sh', '-c', script, 'keptn-task', ...command];
      if (fileVars.length > 0) container.volumeMounts = [{ name: FILES_VOLUME, mountPath: '/keptn' }];
    }
  }
  if (command.length > 0) container.command = command;
  if (args.length > 0) container.args = args;
  const workingDir = asString(raw.workingDir);
  if (workingDir) container.workingDir = workingDir;
  if (env.length > 0) container.env = env;
  if (envFrom.length > 0) container.envFrom = envFrom;
  const resources = asDict(raw.resources);
  if (resources) {
    const r: Record<string, unknown> = {};
    for (const k of ['limits', 'requests']) {
      if (resources[k] === undefined || resources[k] === null) continue;
      const d = asDict(resources[k]);
      if (!d) {
        losses.push({ at: task.src.at('resources', k), message: `resources.${k} is not a mapping of resource names to quantities; left out` });
        continue;
      }
      const q: Record<string, unknown> = {};
      for (const [rk, rv] of Object.entries(d)) {
        const value = resourceQuantity(rv);
        if (value !== undefined) q[rk] = value;
        else losses.push({ at: task.src.at('resources', k, rk), message: `resources.${k}.${rk}: ${JSON.stringify(rv) ?? String(rv)} is not a Kubernetes quantity (like 500m, 256Mi or 2); left out` });
      }
      if (Object.keys(q).length > 0) r[k] = q;
    }
    if (Object.keys(r).length > 0) container.resources = r;
  }
  const sc = asDict(raw.securityContext);
  if (sc) container.securityContext = sc;

  const spec: Record<string, unknown> = { container };
  const poll = raw.maxPollDuration;
  const seconds = typeof poll === 'number' && Number.isFinite(poll) && poll > 0 ? Math.round(poll) : JES_DEFAULT_TIMEOUT;
  spec.timeout = `${seconds}s`;
  // JES ran a task once and reported failure; KLT retries 10 times by default
  spec.retries = 0;
  const sa = asString(raw.serviceAccount);
  const ttl = raw.ttlSecondsAfterFinished;
  if (facts.profile.taskJobFields) {
    if (sa) spec.serviceAccount = { name: sa };
    if (typeof ttl === 'number' && Number.isInteger(ttl) && ttl >= 0) spec.ttlSecondsAfterFinished = ttl;
  } else {
    if (sa) losses.push({ at: task.src.at('serviceAccount'), message: `serviceAccount "${sa}": ${facts.profile.release} task definitions have no serviceAccount (keptn-0.10+); the job runs as the namespace's default account` });
    if (ttl !== undefined) losses.push({ at: task.src.at('ttlSecondsAfterFinished'), message: `ttlSecondsAfterFinished: ${facts.profile.release} task definitions have no ttl (keptn-0.10+)` });
  }
  const ns = asString(raw.namespace);
  if (ns) losses.push({ at: task.src.at('namespace'), message: `namespace "${ns}": a KLT task runs in the namespace of its workload; the definition has no namespace of its own` });
  const annotations = raw.annotations;
  if (annotations !== undefined && (isDict(annotations) ? Object.keys(annotations).length > 0 : true)) {
    losses.push({ at: task.src.at('annotations'), message: 'job annotations: a KeptnTaskDefinition cannot set annotations on the job it creates' });
  }
  return { spec, configMapData, losses };
}

/** the schema's Quantity pattern (src/klt/schemas.ts, from the Kubernetes OpenAPI `int-or-string` quantity) */
const QUANTITY = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))?$/;

/**
 * A resource limit or request as the value to emit: integers stay numbers, other quantities become strings; anything
 * that is not a non-negative Kubernetes quantity (`yes`, `true`, `1 GB`, `-1`, a list) is undefined. A non-integer
 * number (0.5) is the quantity it spells.
 */
export function resourceQuantity(v: unknown): number | string | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return undefined;
    if (Number.isSafeInteger(v)) return v === 0 ? 0 : v;
    return QUANTITY.test(String(v)) ? String(v) : undefined;
  }
  return typeof v === 'string' && QUANTITY.test(v) && !v.startsWith('-') ? v : undefined;
}

function valueRef(e: JobEnv): SourceRef {
  return e.src.at('value').exists() ? e.src.at('value') : e.src;
}

function contextFieldFor(e: JobEnv): { field: string; fallback?: string; note?: string } | undefined {
  const p = normaliseJsonPath(e.value ?? '');
  return lookup(CONTEXT_FIELDS, p);
}

function eventLoss(e: JobEnv, ctxVar: string): string {
  const p = (e.value ?? '').trim() || '(no path)';
  const ref = normaliseJsonPath(p);
  let instead = `${ctxVar} holds only appName, appVersion, workloadName, workloadVersion, taskType, objectType and metadata`;
  if (ref === '' || ref === '.data' || ref === '.') instead = `there is no event; ${ctxVar} (JSON) is the closest thing`;
  else if (ref === '.data.stage') instead = 'KLT has no stages: set the value as a fixed env value per namespace';
  else if (/^\.data\.labels\./.test(ref)) instead = `put the label on the workload as keptn.sh/metadata (it arrives in ${ctxVar} metadata, keptn-0.10+)`;
  else if (ref.startsWith('.data.deployment')) instead = "address the workload's Kubernetes Service directly (http://<service>.<namespace>)";
  return `env ${e.name} came from the event at ${p}, which KLT does not have (${instead}); set to an empty string`;
}

function implicitLoss(name: string): string {
  if (name === 'KEPTN_STAGE') return '$(KEPTN_STAGE): KLT has no stages; add env KEPTN_STAGE with the stage of each namespace';
  if (name.startsWith('LABELS_')) return `$(${name}): KLT has no event labels; add env ${name} yourself, or set ${name.slice(7).toLowerCase()} in the workload's keptn.sh/metadata and read it from the context metadata`;
  return `$(${name}) was set by job-executor-service only; add env ${name} yourself`;
}

/**
 * A POSIX sh prologue: reads context fields without jq (the context is Go-marshalled JSON whose string fields come
 * before `metadata`, so the part before `"metadata"` holds each field once), writes the ConfigMap's files under /keptn,
 * replaces `$(NAME)` of the values it set in the arguments (Kubernetes expanded those only for variables it knew), and
 * execs the original command.
 */
export function wrapperScript(
  ctxVar: string,
  fromContext: { name: string; field: string; fallback?: string }[],
  files: { variable: string; path: string }[],
  argv: string[],
): string {
  const lines = ['set -e'];
  if (fromContext.length > 0) {
    lines.push(`ctx=\${${ctxVar}%%'"metadata"'*}`);
    lines.push(`field() { printf '%s' "$ctx" | sed -n 's/.*"'"$1"'":"\\([^"]*\\)".*/\\1/p'; }`);
    for (const c of fromContext) {
      lines.push(`${c.name}=$(field ${c.field})${c.fallback ? `; [ -n "$${c.name}" ] || ${c.name}=$(field ${c.fallback})` : ''}; export ${c.name}`);
    }
  }
  for (const f of files) {
    const target = `/keptn/${f.path}`;
    const dir = target.slice(0, target.lastIndexOf('/'));
    lines.push(`mkdir -p ${shQuote(dir)} && printf '%s' "$${f.variable}" > ${shQuote(target)}`);
  }
  const refs = fromContext.filter((c) => argv.some((a) => a.includes(`$(${c.name})`)));
  if (refs.length > 0) {
    lines.push(`sub() { r=; t=$1; while :; do case $t in *"$2"*) r=$r\${t%%"$2"*}$3; t=\${t#*"$2"} ;; *) break ;; esac; done; printf '%s' "$r$t"; }`);
    const subs = refs.map((c) => `a=$(sub "$a" '$(${c.name})' "$${c.name}")`).join('; ');
    lines.push(`n=$#; while [ "$n" -gt 0 ]; do a=$1; shift; ${subs}; set -- "$@" "$a"; n=$((n - 1)); done`);
  }
  lines.push('exec "$@"');
  return lines.join('\n');
}

/** `sh.keptn.event.test.triggered` matched as job-executor-service did (Go regexp, unanchored); a pattern Go refuses, by equality */
export function jesEventMatches(pattern: string, type: string): boolean {
  return goRegexp(pattern)?.test(type) ?? pattern === type;
}

/** whether a JES jsonpath filter can hold for a shipyard task: `$.data.<task>.<prop>` compared with the task's properties */
export function jsonpathFilterHolds(
  filter: { property?: string; match?: string } | undefined,
  taskName: string,
  properties: Record<string, unknown>,
  known: Record<string, string>,
): 'yes' | 'no' | 'unknown' {
  if (!filter || filter.property === undefined) return 'yes';
  const ref = normaliseJsonPath(filter.property);
  const prefix = `.data.${taskName}.`;
  if (ref.startsWith(prefix)) {
    const v = get(properties, ...ref.slice(prefix.length).split('.'));
    return asString(v) === (filter.match ?? '') ? 'yes' : 'no';
  }
  if (ref in known) return known[ref] === (filter.match ?? '') ? 'yes' : 'no';
  return 'unknown';
}
