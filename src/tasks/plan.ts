/**
 * Decides, once per migrate run, every task resource of the three task transforms: the container definitions of
 * job-executor-service tasks, the Deno definitions of webhooks, templates for shipyard tasks nobody handled, the
 * definitions that run several of them in order, and where each is wired. Each resource, note and wiring names the
 * transform that reports it, so the three transforms share one consistent picture.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { kubeName } from '../klt/names.js';
import type { TransformContext, Wiring } from '../engine/transform.js';
import { projectOf, type KeptnProject, type MigrationProject } from '../model/project.js';
import type { SourceRef } from '../model/source-ref.js';
import type { JobConfig, Scope, Webhook, WebhookConfig } from '../model/types.js';
import { whyNoPhase } from '../rules/lib/integrations.js';
import { denoFunction, type DenoUnit } from './deno.js';
import { CONFIGMAP_PLACEHOLDER, convertJesTask, jesEventMatches, jsonpathFilterHolds, MAX_FILE_BYTES, type Note, type RepoFile } from './jes.js';
import { orchestratorSpec, ORCHESTRATOR_ACCOUNT, rbacSnippet } from './orchestrator.js';
import { readRequest, type HttpRequest } from './webhook.js';

export type Owner = 'jes' | 'webhook' | 'shipyard';
type Phase = 'preDeploymentTasks' | 'postDeploymentTasks';

export interface PlannedResource {
  owner: Owner;
  app: string;
  origin: string;
  resource: Record<string, unknown>;
  /** the config file it came from (for the corpus statistics) */
  source?: string;
  /** other config files that produced the identical definition */
  alsoFrom: string[];
}

export interface PlannedNote {
  owner: Owner;
  kind: 'loss' | 'manual';
  at: SourceRef;
  message: string;
  snippet?: string;
  source?: string;
}

export interface TaskPlan {
  resources: PlannedResource[];
  notes: PlannedNote[];
  wirings: { owner: Owner; wiring: Wiring }[];
}

/** a definition that may be shared by identical copies (the same config on several stage branches) */
interface Def {
  app: string;
  name: string;
  runtime: 'container' | 'deno';
  timeoutSeconds: number;
  /** for Deno definitions: the unit, so it can be merged with others */
  deno?: DenoUnit;
  usesSecrets?: boolean;
}

/** something that answers a Keptn event: a JES action or a webhook */
interface Handler {
  owner: 'jes' | 'webhook';
  scope: Scope;
  app: string;
  src: SourceRef;
  /** the event pattern (Go regexp for JES, NATS subject for webhooks) */
  events: { name: string; jsonpath?: { property?: string; match?: string }; src: SourceRef }[];
  flavour: 'regex' | 'nats';
  /** the steps, in order */
  steps: Def[];
  /** what runs the steps (the single step, or an orchestrator for several) */
  entry?: Def;
  config: JobConfig | WebhookConfig;
  label: string;
  placed: boolean;
}

const cache = new WeakMap<TransformContext, TaskPlan>();

export function taskPlan(model: MigrationProject, ctx: TransformContext): TaskPlan {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const plan = buildPlan(model, ctx);
  cache.set(ctx, plan);
  return plan;
}

const byPath = <T extends { src: SourceRef }>(a: T, b: T) => (a.src.file.displayPath < b.src.file.displayPath ? -1 : a.src.file.displayPath > b.src.file.displayPath ? 1 : 0);

function buildPlan(model: MigrationProject, ctx: TransformContext): TaskPlan {
  const plan: TaskPlan = { resources: [], notes: [], wirings: [] };
  const prof = ctx.profile;
  const apiVersion = prof.apiVersion('KeptnTaskDefinition');
  const defsByKey = new Map<string, Def>();
  const handlers: Handler[] = [];
  const projectName = (scope: Scope) => projectOf(model, scope)?.name ?? ctx.appName(scope.project);
  const note = (owner: Owner, kind: 'loss' | 'manual', at: SourceRef, message: string, snippet?: string) =>
    plan.notes.push({ owner, kind, at, message, ...(snippet ? { snippet } : {}), source: at.file.displayPath });

  /** registers (or reuses) a definition with this spec */
  const define = (owner: Owner, app: string, wanted: string, spec: Record<string, unknown>, origin: string, extra: Partial<Def> & { configMap?: Record<string, string>; source?: string }): Def => {
    const key = `${app}\u0000${JSON.stringify(spec)}\u0000${JSON.stringify(extra.configMap ?? null)}`;
    const existing = defsByKey.get(key);
    if (existing) {
      // the same definition from another copy of the config (typically one per stage branch)
      for (const r of plan.resources) {
        if (r.app === existing.app && (r.resource.metadata as { name?: string }).name === existing.name && r.resource.kind === 'KeptnTaskDefinition' && extra.source && !r.alsoFrom.includes(extra.source) && r.source !== extra.source) {
          r.alsoFrom.push(extra.source);
        }
      }
      return existing;
    }
    const name = ctx.uniqueName(app, 'KeptnTaskDefinition', wanted || 'task', 40);
    let finalSpec = spec;
    if (extra.configMap) {
      const cm = ctx.uniqueName(app, 'ConfigMap', `${name}-files`, 63);
      finalSpec = JSON.parse(JSON.stringify(spec).split(JSON.stringify(CONFIGMAP_PLACEHOLDER).slice(1, -1)).join(cm)) as Record<string, unknown>;
      plan.resources.push({ owner, app, origin: `files of ${origin}`, source: extra.source, alsoFrom: [], resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm }, data: extra.configMap } });
    }
    plan.resources.push({ owner, app, origin, source: extra.source, alsoFrom: [], resource: { apiVersion, kind: 'KeptnTaskDefinition', metadata: { name }, spec: finalSpec } });
    const def: Def = { app, name, runtime: spec.deno ? 'deno' : 'container', timeoutSeconds: seconds(spec.timeout), deno: extra.deno, usesSecrets: extra.usesSecrets };
    defsByKey.set(key, def);
    return def;
  };

  // ---- 1. job-executor-service ----
  for (const config of [...model.jobConfigs].sort(byPath)) {
    const app = ctx.appName(config.scope.project);
    const where = config.src.file.displayPath;
    if (config.generation === 'unknown') {
      note('jes', 'loss', config.src.at('apiVersion'), `apiVersion "${config.apiVersion ?? ''}" is not one job-executor-service accepted (none, v1, v2); converted as v2`);
    }
    if (config.actions.length === 0) note('jes', 'loss', config.src, 'the job config has no actions; nothing to convert');
    for (const action of config.actions) {
      const steps: Def[] = [];
      for (const task of action.tasks) {
        const r = convertJesTask(config, task, { profile: prof, projectName: projectName(config.scope), readFiles: (entry) => readRepoFiles(model, config, entry) });
        for (const l of r.losses) note('jes', 'loss', l.at, l.message);
        steps.push(
          define('jes', app, task.name || action.name, r.spec, `${where} action "${action.name}" task "${task.name}"`, { configMap: r.configMapData, source: where }),
        );
      }
      if (action.tasks.length === 0) note('jes', 'loss', action.src, `action "${action.name}" has no tasks; nothing to convert`);
      const h: Handler = {
        owner: 'jes',
        scope: config.scope,
        app,
        src: action.src,
        events: action.events.map((e) => ({ name: e.name.trim(), jsonpath: e.jsonpath, src: e.src })),
        flavour: 'regex',
        steps,
        config,
        label: `action "${action.name}" of ${where}`,
        placed: false,
      };
      if (steps.length === 1) h.entry = steps[0];
      else if (steps.length > 1) h.entry = orchestrate('jes', app, action.name || 'action', steps, `${where} action "${action.name}" (its ${steps.length} tasks in order)`, action.src, where);
      handlers.push(h);
    }
  }

  // ---- 2. webhook-service ----
  const appSecrets = new Map<string, { name: string; keys: Map<string, string>; at: SourceRef }>();
  for (const config of [...model.webhookConfigs].sort(byPath)) {
    const app = ctx.appName(config.scope.project);
    const where = config.src.file.displayPath;
    if (config.version === 'unknown') note('webhook', 'loss', config.src.at('apiVersion'), `apiVersion "${config.apiVersion}" is not one webhook-service accepted; read as ${config.webhooks.some((w) => w.requests.some((r) => r.kind === 'curl')) ? 'v1alpha1' : 'v1beta1'}`);
    if (config.webhooks.length === 0) note('webhook', 'loss', config.src, 'the webhook config has no webhooks; nothing to convert');
    config.webhooks.forEach((webhook, wi) => {
      const losses: Note[] = [];
      const used = new Set<string>();
      const facts = { projectName: projectName(config.scope), stage: config.scope.stage, contextVariable: prof.contextVariable };
      const requests: (HttpRequest & { label: string })[] = [];
      webhook.requests.forEach((req, ri) => {
        const r = readRequest(req, ri, webhook, facts, losses, used);
        if (r) requests.push({ ...r, label: `request ${ri + 1} of ${webhook.type || 'webhook'}` });
      });
      if (webhook.type.endsWith('.triggered') && webhook.sendFinished === false) {
        losses.push({
          at: webhook.src.at('sendFinished'),
          message: 'sendFinished: false: the receiver reported the result to Keptn later; a KLT task ends when the requests return, so wait for the remote work in the receiver or poll it in the task',
        });
      }
      if (requests.length === 0) {
        for (const l of losses) note('webhook', 'loss', l.at, l.message);
        note('webhook', 'loss', webhook.src, `webhook ${webhook.type || '(no type)'} sends no request that could be converted; no task definition`);
        return;
      }
      // secrets: one Secret per app whose SECURE_DATA holds every {{.env.x}}
      let secretName: string | undefined;
      if (used.size > 0) {
        let s = appSecrets.get(app);
        if (!s) {
          s = { name: kubeName(`${app}-webhook-secrets`, 63), keys: new Map(), at: webhook.src };
          appSecrets.set(app, s);
        }
        for (const name of [...used].sort()) {
          const ref = webhook.envFrom.find((e) => e.name === name);
          if (!ref) losses.push({ at: webhook.src, message: `{{.env.${name}}} is not in envFrom (webhook-service failed such a request); add key "${name}" to SECURE_DATA` });
          const from = ref?.secretName ? `key "${ref.secretKey ?? ''}" of Secret "${ref.secretName}" (namespace keptn)` : 'unknown';
          if (!s.keys.has(name)) s.keys.set(name, from);
        }
        secretName = s.name;
      }
      for (const l of losses) note('webhook', 'loss', l.at, l.message);
      const unit: DenoUnit = { title: `webhook ${webhook.type || wi + 1}${webhook.subscriptionID ? ` (subscription ${webhook.subscriptionID})` : ''}`, requests };
      const code = denoFunction({ header: [`Generated by keptn-migrate from ${where} (webhook ${webhook.type}).`, 'Each request fails the task unless it answers 2xx.'], contextVariable: prof.contextVariable, units: [unit] });
      const runtime: Record<string, unknown> = { inline: { code } };
      if (secretName) runtime.secureParameters = { secret: secretName };
      const def = define('webhook', app, webhookName(webhook), { deno: runtime, retries: 0, timeout: `${webhookTimeout(requests)}s` }, `${where} webhook ${webhook.type}`, {
        deno: unit,
        usesSecrets: Boolean(secretName),
        source: where,
      });
      handlers.push({
        owner: 'webhook',
        scope: config.scope,
        app,
        src: webhook.src,
        events: [{ name: webhook.type.trim(), src: webhook.src.at('type') }],
        flavour: 'nats',
        steps: [def],
        entry: def,
        config,
        label: `webhook ${webhook.type} of ${where}`,
        placed: false,
      });
    });
  }
  for (const [, s] of [...appSecrets].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const json = `{${[...s.keys.keys()].map((k) => `"${k}":"<${k}>"`).join(',')}}`;
    note(
      'webhook',
      'manual',
      s.at,
      `create Secret "${s.name}" in every namespace whose workloads run the webhook tasks; its key SECURE_DATA is a JSON object with ${[...s.keys].map(([k, from]) => `"${k}" (was ${from})`).join(', ')}`,
      `kubectl create secret generic ${s.name} --namespace <namespace> --from-literal=SECURE_DATA='${json}'`,
    );
  }

  // ---- 3. placement ----
  for (const project of model.projects) placeProject(model, ctx, project, handlers, plan, define, note, orchestrate);
  // handlers the shipyard did not place: by their event alone
  for (const h of handlers) {
    if (h.placed || !h.entry) continue;
    placeByEvent(model, ctx, h, plan, note);
  }
  return plan;

  function orchestrate(owner: Owner, app: string, wanted: string, steps: Def[], origin: string, at: SourceRef, source?: string): Def {
    if (steps.every((s) => s.runtime === 'deno' && s.deno)) {
      const code = denoFunction({
        header: [`Generated by keptn-migrate: ${origin}.`, 'KLT runs the tasks of a phase in parallel, so the steps run here one after the other.'],
        contextVariable: prof.contextVariable,
        units: steps.map((s) => s.deno as DenoUnit),
      });
      const secret = steps.some((s) => s.usesSecrets) ? appSecrets.get(app)?.name : undefined;
      const runtime: Record<string, unknown> = { inline: { code } };
      if (secret) runtime.secureParameters = { secret };
      return define(owner, app, wanted, { deno: runtime, retries: 0, timeout: `${steps.reduce((n, s) => n + s.timeoutSeconds, 0)}s` }, origin, { source });
    }
    const spec = orchestratorSpec(prof, steps.map((s) => ({ name: s.name, timeoutSeconds: s.timeoutSeconds })));
    const def = define(owner, app, wanted, spec, origin, { source });
    const rbac = rbacSnippet(prof, apiVersion ?? '');
    if (!plan.notes.some((n) => n.kind === 'manual' && n.snippet === rbac)) {
      note(
        owner,
        'manual',
        at,
        prof.taskJobFields
          ? `task definitions that run other task definitions in order (${def.name} is the first) create KeptnTasks: create ServiceAccount "${ORCHESTRATOR_ACCOUNT}" with this Role in every namespace that runs them`
          : `task definitions that run other task definitions in order (${def.name} is the first) create KeptnTasks as the namespace's default ServiceAccount (${prof.release} has no serviceAccount field): grant it this Role`,
        rbac,
      );
    }
    return def;
  }
}

function seconds(timeout: unknown): number {
  const m = /^(\d+)s$/.exec(String(timeout ?? ''));
  return m ? Number(m[1]) : 300;
}

function webhookTimeout(requests: HttpRequest[]): number {
  return Math.max(60, requests.reduce((n, r) => n + (r.timeoutSeconds ?? 30), 0));
}

function webhookName(w: Webhook): string {
  const m = /^sh\.keptn\.event\.(.+)\.(triggered|started|finished)$/.exec(w.type.trim());
  if (!m) return 'webhook';
  return m[2] === 'triggered' ? `${m[1]}-webhook` : `${m[1]}-${m[2]}-webhook`;
}

/** the files a JES `files:` entry names, from the scanned tree (relative to the folder holding `job/`) */
function readRepoFiles(model: MigrationProject, config: JobConfig, entry: string): RepoFile[] {
  const configDir = config.src.file.dirName.replace(/(^|\/)job$/, '');
  const rel = configDir === '' ? entry : `${configDir}/${entry}`;
  const branch = config.src.file.origin.branch;
  const out: RepoFile[] = [];
  // files keptn-migrate already read (also those of other branches)
  for (const { file } of model.files) {
    if (file.origin.branch !== branch) continue;
    if (file.relPath === rel || file.relPath.startsWith(`${rel}/`)) out.push({ path: file.relPath.slice(configDir === '' ? 0 : configDir.length + 1), text: file.text });
  }
  if (branch) return out;
  // everything else from the working tree
  const root = model.root;
  const abs = path.resolve(root, rel);
  if (path.relative(root, abs).startsWith('..')) return out;
  if (!reachedWithoutLinks(root, abs)) {
    if (out.length === 0 && lstatExists(abs)) out.push({ path: path.relative(path.resolve(root, configDir), abs).split(path.sep).join('/'), problem: THROUGH_A_LINK });
    return out;
  }
  const seen = new Set(out.map((f) => f.path));
  const visit = (absPath: string, depth: number) => {
    let st;
    try {
      st = lstatSync(absPath);
    } catch {
      return;
    }
    const relPath = path.relative(path.resolve(root, configDir), absPath).split(path.sep).join('/');
    if (st.isSymbolicLink()) {
      if (depth === 0 && !seen.has(relPath)) out.push({ path: relPath, problem: THROUGH_A_LINK });
      return;
    }
    if (st.isDirectory()) {
      if (depth > 8) return;
      for (const name of readdirSync(absPath).sort()) if (name !== '.git' && name !== 'node_modules') visit(path.join(absPath, name), depth + 1);
      return;
    }
    if (!st.isFile() || seen.has(relPath)) return;
    if (st.size > MAX_FILE_BYTES) {
      out.push({ path: relPath, problem: `${st.size} bytes is too large to pass through the task's environment; bake it into the image` });
      return;
    }
    const bytes = readFileSync(absPath);
    const text = bytes.toString('utf8');
    if (bytes.includes(0) || text.includes('\ufffd')) out.push({ path: relPath, problem: 'binary files cannot go through a ConfigMap text key and an env variable; bake it into the image' });
    else out.push({ path: relPath, text });
  };
  visit(abs, 0);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const THROUGH_A_LINK = 'a symbolic link, or behind one, which could lead out of the repository: not read';

/**
 * Whether `abs` (below `root`) is reached without a symbolic link on the way: the files of a `files:` entry go into a
 * generated ConfigMap, and a linked folder in the repository (`evil -> /home/runner`) would otherwise carry files
 * from outside it into a pull request. The entry itself and what lies below it are checked by lstat as they are read.
 */
function reachedWithoutLinks(root: string, abs: string): boolean {
  let realRoot: string;
  let parent: string;
  try {
    realRoot = realpathSync(root);
    parent = realpathSync(path.dirname(abs));
  } catch {
    return false;
  }
  return parent === path.join(realRoot, path.relative(root, path.dirname(abs)));
}

function lstatExists(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

// ---- placement ----

interface Entry {
  task: string;
  handlers: Handler[];
  template?: Def;
}

const SKIPPED_TASKS = new Set(['deployment', 'evaluation', 'approval', 'release', 'rollback', 'get-action', 'action', 'remediation', 'get-sli']);

function matchesEvent(h: Handler, type: string): boolean {
  return h.events.some((e) => (h.flavour === 'regex' ? jesEventMatches(e.name, type) : natsMatches(e.name, type)));
}

export function natsMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (p[i] !== '*' && p[i] !== s[i]) return false;
  }
  return p.length === s.length;
}

/** the handlers of a project that a service sees in a stage: job-executor-service and webhook-service took the first config found, service → stage → project */
function effective(handlers: Handler[], owner: 'jes' | 'webhook', project: string, service: string | undefined, stage: string | undefined): Handler[] {
  const own = handlers.filter((h) => h.owner === owner && h.scope.project === project);
  const levels: ((s: Scope) => boolean)[] = [
    (s) => service !== undefined && s.service === service && s.stage === stage,
    (s) => service !== undefined && s.service === service && s.stage === undefined,
    (s) => s.service === undefined && stage !== undefined && s.stage === stage,
    (s) => s.service === undefined && s.stage === undefined,
  ];
  for (const level of levels) {
    const found = own.filter((h) => level(h.scope));
    if (found.length > 0) {
      const file = found[0]?.config.src.file.displayPath;
      return found.filter((h) => h.config.src.file.displayPath === file);
    }
  }
  return [];
}

function placeProject(
  model: MigrationProject,
  ctx: TransformContext,
  project: KeptnProject,
  handlers: Handler[],
  plan: TaskPlan,
  define: (owner: Owner, app: string, wanted: string, spec: Record<string, unknown>, origin: string, extra: Partial<Def> & { source?: string }) => Def,
  note: (owner: Owner, kind: 'loss' | 'manual', at: SourceRef, message: string, snippet?: string) => void,
  orchestrate: (owner: Owner, app: string, wanted: string, steps: Def[], origin: string, at: SourceRef, source?: string) => Def,
): void {
  const shipyard = project.shipyard;
  if (!shipyard) return;
  const app = ctx.appName(project.dir);
  const services: (string | undefined)[] = project.services.length > 0 ? project.services : [undefined];
  const templates = new Map<string, Def>();
  const delayed = new Set<string>();
  const own = handlers.filter((h) => h.scope.project === project.dir);
  const handling = new Map<string, Handler[]>();
  // the job-executor actions and webhooks a service sees in a stage (the same for each of the stage's sequences)
  const handlersOf = (service: string | undefined, stage: string): Handler[] => {
    const key = `${service ?? ''}\u0000${service === undefined ? 0 : 1}\u0000${stage}`;
    let found = handling.get(key);
    if (!found) {
      found = [...effective(own, 'jes', project.dir, service, stage), ...effective(own, 'webhook', project.dir, service, stage)];
      handling.set(key, found);
    }
    return found;
  };
  for (const service of services) {
    const lists: Record<Phase, Entry[]> = { preDeploymentTasks: [], postDeploymentTasks: [] };
    const perSequence: { label: string; pre: string[]; post: string[] }[] = [];
    for (const stage of shipyard.stages) {
      for (const seq of stage.sequences) {
        const deployAt = seq.tasks.findIndex((t) => t.name === 'deployment');
        if (deployAt === -1) continue;
        const seqLists = { pre: [] as string[], post: [] as string[] };
        const cursor: Record<Phase, number> = { preDeploymentTasks: -1, postDeploymentTasks: -1 };
        seq.tasks.forEach((task, i) => {
          if (i === deployAt || task.name === '') return;
          const phase: Phase = i < deployAt ? 'preDeploymentTasks' : 'postDeploymentTasks';
          const type = `sh.keptn.event.${task.name}.triggered`;
          const known = { '.data.project': project.name, '.data.stage': stage.name, ...(service ? { '.data.service': service } : {}) };
          const found = handlersOf(service, stage.name).filter((h) => {
            if (!h.entry || !matchesEvent(h, type)) return false;
            if (h.owner !== 'jes') return true;
            return h.events.some((e) => jesEventMatches(e.name, type) && jsonpathFilterHolds(e.jsonpath, task.name, task.properties, known) !== 'no');
          });
          if (found.length === 0 && SKIPPED_TASKS.has(task.name)) return;
          let template: Def | undefined;
          if (found.length === 0) {
            template = templates.get(task.name);
            if (!template) {
              template = define(
                'shipyard',
                app,
                task.name,
                templateSpec(task.name),
                `template for task "${task.name}" of ${shipyard.src.file.displayPath} (no job-executor-service action or webhook handles it)`,
                { source: shipyard.src.file.displayPath },
              );
              templates.set(task.name, template);
              note(
                'shipyard',
                'manual',
                task.src,
                `task "${task.name}" has no handler in this repository (${task.name === 'test' ? 'jmeter-service, locust-service or another integration ran it' : 'an integration outside this repository ran it'}): KeptnTaskDefinition "${template.name}" is a template that fails until you put the real work in it`,
              );
            }
          }
          for (const h of found) h.placed = true;
          if (task.triggeredAfter && !delayed.has(task.name)) {
            delayed.add(task.name);
            note('shipyard', 'loss', task.src.at('triggeredAfter'), `triggeredAfter: ${task.triggeredAfter}: KLT starts a phase's tasks at once; put a sleep at the start of the task if the delay matters`);
          }
          (phase === 'preDeploymentTasks' ? seqLists.pre : seqLists.post).push(task.name);
          // merge into the phase list keeping every sequence's order: a new entry goes right after the previous task of this sequence
          const list = lists[phase];
          const key = entryKey(task.name, found, template);
          const at = list.findIndex((e) => entryKey(e.task, e.handlers, e.template) === key);
          if (at !== -1) cursor[phase] = at;
          else {
            cursor[phase] += 1;
            list.splice(cursor[phase], 0, { task: task.name, handlers: found, template });
          }
        });
        perSequence.push({ label: `${stage.name}.${seq.name}`, ...seqLists });
      }
    }
    const distinct = new Set(perSequence.map((s) => JSON.stringify([s.pre, s.post])));
    if (distinct.size > 1) {
      note(
        'shipyard',
        'manual',
        shipyard.src,
        `the sequences with a deployment run different tasks (${perSequence.map((s) => `${s.label}: ${[...s.pre, 'deployment', ...s.post].join(' → ')}`).join('; ')}); KLT has no stages, so ${service ? `service "${service}"` : 'the app'} gets all of them — remove the ones a namespace must not run`,
      );
    }
    for (const phase of ['preDeploymentTasks', 'postDeploymentTasks'] as Phase[]) {
      const list = lists[phase];
      if (list.length === 0) continue;
      const steps: Def[] = list.flatMap((e) => (e.template ? [e.template] : e.handlers.map((h) => h.entry as Def)));
      if (list.length === 1) {
        const e = list[0] as Entry;
        if (e.template) plan.wirings.push({ owner: 'shipyard', wiring: { project: project.dir, service, phase, name: e.template.name } });
        for (const h of e.handlers) plan.wirings.push({ owner: h.owner, wiring: { project: project.dir, service, phase, name: (h.entry as Def).name } });
        continue;
      }
      const unique = steps.filter((s, i) => steps.indexOf(s) === i);
      const wanted = `${service ?? app}-${phase === 'preDeploymentTasks' ? 'pre' : 'post'}-tasks`;
      const merged = orchestrate(
        'shipyard',
        app,
        wanted,
        unique,
        `${shipyard.src.file.displayPath}: ${phase === 'preDeploymentTasks' ? 'pre' : 'post'}-deployment tasks ${list.map((e) => e.task).join(' → ')}${service ? ` of service ${service}` : ''}, in order`,
        shipyard.src,
        shipyard.src.file.displayPath,
      );
      plan.wirings.push({ owner: 'shipyard', wiring: { project: project.dir, service, phase, name: merged.name } });
    }
  }
  void model;
}

/** the services of the handler's project that have a config of the handler's kind of their own */
function serviceConfigs(model: MigrationProject, h: Handler): string[] {
  const configs: { scope: Scope }[] = h.owner === 'jes' ? model.jobConfigs : model.webhookConfigs;
  return [...new Set(configs.filter((c) => c.scope.project === h.scope.project && c.scope.service).map((c) => c.scope.service as string))].sort();
}

function entryKey(task: string, handlers: Handler[], template: Def | undefined): string {
  return `${task}\u0000${template?.name ?? ''}\u0000${handlers.map((h) => h.entry?.name ?? '').join(',')}`;
}

/**
 * The definition for a shipyard task nothing in the repository handled: its work is unknown, so the container refuses
 * to pass (a deployment must not go ahead as if the task had run) and says what to do; a manual step names it too.
 */
function templateSpec(task: string): Record<string, unknown> {
  const safe = task.replace(/[^A-Za-z0-9 ._-]/g, '');
  return {
    container: {
      name: kubeName(task, 63) || 'task',
      image: 'busybox',
      command: ['sh', '-c', `echo 'Keptn v1 task "${safe}": no handler in the repository did its work, so keptn-migrate could not convert it; replace this command with that work' >&2; exit 1`],
    },
    retries: 0,
  };
}

const LIFECYCLE_POST = new Set(['test', 'evaluation', 'release']);

/** a handler no shipyard sequence placed: test/evaluation/release.triggered → post-deployment; everything else is a manual step */
function placeByEvent(model: MigrationProject, ctx: TransformContext, h: Handler, plan: TaskPlan, note: (owner: Owner, kind: 'loss' | 'manual', at: SourceRef, message: string) => void): void {
  const entry = h.entry as Def;
  const targets: string[] = [];
  for (const e of h.events) {
    const m = /^\^?sh\\?\.keptn\\?\.event\\?\.([A-Za-z0-9_-]+)\\?\.triggered\$?$/.exec(e.name);
    const task = m?.[1];
    if (task && LIFECYCLE_POST.has(task)) {
      targets.push(task);
      continue;
    }
    let why: string;
    if (task === 'deployment') why = 'job-executor-service or webhook-service ran the deployment itself; in KLT your CD tool (Argo CD, Flux, Helm in CI) deploys, so move this work there';
    else {
      const shadowedBy = h.scope.service === undefined ? serviceConfigs(model, h).filter((s) => s) : [];
      why =
        whyNoPhase(model, h.scope, e.name, h.flavour) ??
        (shadowedBy.length > 0
          ? `the services (${shadowedBy.join(', ')}) have configs of their own, which ${h.owner === 'jes' ? 'job-executor-service' : 'webhook-service'} read instead of this one`
          : 'no shipyard sequence with a deployment task runs it');
    }
    note(h.owner, 'manual', e.src, `${h.label} runs on ${e.name || '(no event)'}, which maps to no KLT lifecycle phase: ${why}. KeptnTaskDefinition "${entry.name}" exists but is not wired; attach it with keptn.sh/post-deployment-tasks where it belongs`);
  }
  if (targets.length === 0) return;
  const project = projectOf(model, h.scope);
  let services: (string | undefined)[];
  if (h.scope.service) services = [h.scope.service];
  else {
    const all = project?.services ?? [];
    // services with a config of their own never read this one
    const own = new Set(serviceConfigs(model, h));
    services = all.filter((s) => !own.has(s));
    if (services.length === 0 && all.length === 0) services = [undefined];
  }
  for (const service of services) {
    plan.wirings.push({ owner: h.owner, wiring: { project: h.scope.project, service, phase: 'postDeploymentTasks', name: entry.name } });
  }
  void ctx;
}
