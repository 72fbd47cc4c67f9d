/**
 * webhook-service requests → a request model a Deno function can send: v1alpha1 curl command lines are split as a
 * shell would (after the Go template actions are set aside), v1beta1 requests are read field by field. Template
 * actions become references to KEPTN_CONTEXT, SECURE_DATA or fixed values.
 */
import type { SourceRef } from '../model/source-ref.js';
import { actionBody, replaceActions, templateActions } from '../core/template-actions.js';
import type { Webhook, WebhookRequest } from '../model/types.js';
import type { Note } from './jes.js';
import { splitShellWords } from './shell.js';

/** a piece of a string sent at run time */
export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'secret'; name: string }
  | { kind: 'context'; field: string; fallback?: string }
  | { kind: 'metadata'; key: string }
  | { kind: 'uuid' }
  | { kind: 'now' };

export interface HttpRequest {
  method: string;
  url: Part[];
  headers: { name: Part[]; value: Part[] }[];
  body?: Part[];
  /** --max-time in seconds */
  timeoutSeconds?: number;
  /** --user: basic auth credentials */
  basicAuth?: Part[];
}

export interface TemplateFacts {
  projectName: string;
  stage?: string;
  contextVariable: string;
}

const MARK = '\u0001';

/** splits text into literal parts and template actions, translating each action */
export function templateParts(text: string, facts: TemplateFacts, where: string, at: SourceRef, losses: Note[], secrets: Set<string>): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const action of templateActions(text)) {
    if (action.start > last) pushText(parts, text.slice(last, action.start));
    parts.push(...actionParts(action.text, actionBody(action).trim(), facts, where, at, losses, secrets));
    last = action.end;
  }
  if (last < text.length) pushText(parts, text.slice(last));
  return parts;
}

function pushText(parts: Part[], text: string): void {
  const prev = parts[parts.length - 1];
  if (prev?.kind === 'text') prev.text += text;
  else parts.push({ kind: 'text', text });
}

function actionParts(whole: string, body: string, facts: TemplateFacts, where: string, at: SourceRef, losses: Note[], secrets: Set<string>): Part[] {
  const field = /^\.([A-Za-z0-9_.]+)$/.exec(body)?.[1];
  const lose = (why: string): Part[] => {
    losses.push({ at, message: `${where}: ${whole} ${why}` });
    return [];
  };
  if (field === undefined) return lose('is a template expression KLT cannot evaluate (no event data); it is left out of the request');
  if (field.startsWith('env.')) {
    const name = field.slice(4);
    secrets.add(name);
    return [{ kind: 'secret', name }];
  }
  switch (field) {
    case 'data.project':
      return [{ kind: 'text', text: facts.projectName }];
    case 'data.stage':
      if (facts.stage) return [{ kind: 'text', text: facts.stage }];
      losses.push({ at, message: `${where}: ${whole}: KLT has no stages; read from the context metadata key "stage" (set keptn.sh/metadata: stage=<stage> on the workload)` });
      return [{ kind: 'metadata', key: 'stage' }];
    case 'data.service':
      return [{ kind: 'context', field: 'workloadName', fallback: 'appName' }];
    case 'data.labels.version':
    case 'data.configurationChange.values.image.tag':
      return [{ kind: 'context', field: 'workloadVersion', fallback: 'appVersion' }];
    case 'data.configurationChange.values.image':
      losses.push({ at, message: `${where}: ${whole}: KLT passes only the version (workloadVersion), not the whole image reference` });
      return [{ kind: 'context', field: 'workloadVersion', fallback: 'appVersion' }];
    case 'time':
      return [{ kind: 'now' }];
    case 'id':
      losses.push({ at, message: `${where}: ${whole}: there is no Keptn event id; a random UUID is sent instead (nothing can answer Keptn with it)` });
      return [{ kind: 'uuid' }];
    case 'shkeptncontext':
      losses.push({ at, message: `${where}: ${whole}: there is no Keptn context; the trace parent of the deployment (context metadata "traceparent", keptn-0.10+) is sent instead` });
      return [{ kind: 'metadata', key: 'traceparent' }];
  }
  const label = /^data\.labels\.([A-Za-z0-9_-]+)$/.exec(field);
  if (label) {
    losses.push({ at, message: `${where}: ${whole}: KLT has no event labels; read from the context metadata key "${label[1]}" (set it with keptn.sh/metadata on the workload, keptn-0.10+)` });
    return [{ kind: 'metadata', key: label[1] as string }];
  }
  return lose(`has no counterpart in ${facts.contextVariable} (it holds appName, appVersion, workloadName, workloadVersion, taskType, objectType, metadata); it is left out of the request`);
}

/** splits a word list back into parts, restoring the template actions set aside before splitting */
function restore(word: string, actions: Part[][]): Part[] {
  const out: Part[] = [];
  const re = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');
  let last = 0;
  for (const m of word.matchAll(re)) {
    const index = m.index ?? 0;
    if (index > last) pushText(out, word.slice(last, index));
    for (const p of actions[Number(m[1])] ?? []) {
      if (p.kind === 'text') pushText(out, p.text);
      else out.push(p);
    }
    last = index + m[0].length;
  }
  if (last < word.length) pushText(out, word.slice(last));
  return out;
}

const IGNORED_FLAGS = new Set([
  '-s', '--silent', '-S', '--show-error', '-f', '--fail', '--fail-with-body', '-L', '--location', '-v', '--verbose', '-i', '--include',
  '--compressed', '-g', '--globoff', '-#', '--progress-bar', '--no-progress-meter', '-N', '--no-buffer',
]);
const WITH_VALUE = new Set([
  '-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json', '--url',
  '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-m', '--max-time', '--connect-timeout', '-o', '--output',
  '-F', '--form', '-T', '--upload-file', '-K', '--config', '--retry', '-w', '--write-out', '--cacert', '--cert', '--key', '-x', '--proxy',
]);

/**
 * A curl command line (webhook-service v1alpha1, or the `options` of a v1beta1 request) as an HTTP request. Every
 * option that changes what is sent and that fetch cannot do is a loss.
 */
export function parseCurl(command: string, facts: TemplateFacts, where: string, at: SourceRef, losses: Note[], secrets: Set<string>): HttpRequest | undefined {
  const actions: Part[][] = [];
  const masked = replaceActions(command, ({ text: whole }) => {
    actions.push(templateParts(whole, facts, where, at, losses, secrets));
    return `${MARK}${actions.length - 1}${MARK}`;
  });
  const { words, unsupported } = splitShellWords(masked);
  for (const u of unsupported) losses.push({ at, message: `${where}: "${u}" in the curl command: webhook-service refused shell syntax, and it is sent literally` });
  const argv = words.map((w) => restore(w, actions));
  const flat = (p: Part[]) => (p.length === 1 && p[0]?.kind === 'text' ? p[0].text : p.every((x) => x.kind === 'text') ? p.map((x) => (x as { text: string }).text).join('') : undefined);
  if (argv.length === 0 || flat(argv[0] as Part[]) !== 'curl') {
    losses.push({ at, message: `${where}: not a curl command (webhook-service ran only curl); nothing is sent` });
    return undefined;
  }
  const req: HttpRequest = { method: '', url: [], headers: [] };
  const data: Part[][] = [];
  let jsonData = false;
  let urlSet = false;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i] as Part[];
    const text = flat(word);
    let opt = text !== undefined && text.startsWith('-') && text !== '-' ? text : undefined;
    let value: Part[] | undefined;
    if (opt?.startsWith('--') && opt.includes('=')) {
      // curl does not take --opt=value, but be lenient
      value = [{ kind: 'text', text: opt.slice(opt.indexOf('=') + 1) }];
      opt = opt.slice(0, opt.indexOf('='));
    } else if (opt && !opt.startsWith('--') && opt.length > 2) {
      // -XPOST, -sSL, -Hvalue
      const first = opt.slice(0, 2);
      if (WITH_VALUE.has(first)) {
        value = [{ kind: 'text', text: opt.slice(2) }];
        opt = first;
      } else {
        const flags = opt.slice(1).split('').map((c) => `-${c}`);
        const unknown = flags.filter((f) => !IGNORED_FLAGS.has(f) && f !== '-k');
        if (flags.includes('-k')) losses.push({ at, message: `${where}: -k (insecure TLS): fetch always verifies certificates` });
        if (unknown.length > 0) losses.push({ at, message: `${where}: curl option ${unknown.join(' ')} has no fetch counterpart; left out` });
        continue;
      }
    }
    if (!opt) {
      if (!urlSet) {
        req.url = word;
        urlSet = true;
      } else losses.push({ at, message: `${where}: a second URL in the curl command is not sent` });
      continue;
    }
    if (WITH_VALUE.has(opt) && value === undefined) {
      value = argv[++i];
      if (value === undefined) {
        losses.push({ at, message: `${where}: ${opt} without a value` });
        break;
      }
    }
    const v = value ?? [];
    switch (opt) {
      case '-X':
      case '--request':
        req.method = (flat(v) ?? '').toUpperCase();
        break;
      case '-H':
      case '--header': {
        const h = splitHeader(v);
        if (h) req.headers.push(h);
        else losses.push({ at, message: `${where}: header "${partsText(v)}" is not "Name: value"; left out` });
        break;
      }
      case '-d':
      case '--data':
      case '--data-ascii':
      case '--data-binary':
      case '--data-raw':
        if ((opt === '-d' || opt === '--data' || opt === '--data-ascii' || opt === '--data-binary') && v[0]?.kind === 'text' && v[0].text.startsWith('@')) {
          losses.push({ at, message: `${where}: ${opt} @file reads a file that webhook-service refused; nothing is sent for it` });
          break;
        }
        data.push(opt === '--data-binary' || opt === '--data-raw' ? v : stripNewlines(v));
        break;
      case '--data-urlencode':
        data.push(urlEncodeData(v));
        break;
      case '--json':
        data.push(v);
        jsonData = true;
        break;
      case '--url':
        req.url = v;
        urlSet = true;
        break;
      case '-u':
      case '--user':
        req.basicAuth = v;
        break;
      case '-A':
      case '--user-agent':
        req.headers.push({ name: [{ kind: 'text', text: 'User-Agent' }], value: v });
        break;
      case '-e':
      case '--referer':
        req.headers.push({ name: [{ kind: 'text', text: 'Referer' }], value: v });
        break;
      case '-b':
      case '--cookie':
        req.headers.push({ name: [{ kind: 'text', text: 'Cookie' }], value: v });
        break;
      case '-m':
      case '--max-time': {
        const s = Number(flat(v));
        if (Number.isFinite(s) && s > 0) req.timeoutSeconds = s;
        break;
      }
      case '-k':
      case '--insecure':
        losses.push({ at, message: `${where}: ${opt} (insecure TLS): fetch always verifies certificates` });
        break;
      case '--connect-timeout':
      case '--retry':
        losses.push({ at, message: `${where}: ${opt} ${partsText(v)} has no fetch counterpart; left out` });
        break;
      default:
        if (IGNORED_FLAGS.has(opt)) break;
        losses.push({ at, message: `${where}: curl option ${opt}${WITH_VALUE.has(opt) ? ` ${partsText(v)}` : ''} ${['-o', '--output', '-F', '--form', '-T', '--upload-file', '-K', '--config'].includes(opt) ? 'was refused by webhook-service' : 'has no fetch counterpart'}; left out` });
    }
  }
  if (!urlSet || req.url.length === 0) {
    losses.push({ at, message: `${where}: the curl command has no URL; nothing is sent` });
    return undefined;
  }
  if (data.length > 0) {
    const body: Part[] = [];
    data.forEach((d, k) => {
      if (k > 0) pushText(body, '&');
      for (const p of d) if (p.kind === 'text') pushText(body, p.text);
      else body.push(p);
    });
    req.body = body;
    const hasType = req.headers.some((h) => /^content-type$/i.test(partsText(h.name)));
    if (jsonData) {
      if (!hasType) req.headers.push({ name: [{ kind: 'text', text: 'Content-Type' }], value: [{ kind: 'text', text: 'application/json' }] });
      if (!req.headers.some((h) => /^accept$/i.test(partsText(h.name)))) req.headers.push({ name: [{ kind: 'text', text: 'Accept' }], value: [{ kind: 'text', text: 'application/json' }] });
    } else if (!hasType) {
      // what curl sends with -d
      req.headers.push({ name: [{ kind: 'text', text: 'Content-Type' }], value: [{ kind: 'text', text: 'application/x-www-form-urlencoded' }] });
    }
  }
  if (!req.method) req.method = req.body ? 'POST' : 'GET';
  return req;
}

function partsText(p: Part[]): string {
  return p.map((x) => (x.kind === 'text' ? x.text : x.kind === 'secret' ? `{{.env.${x.name}}}` : `{{${x.kind}}}`)).join('');
}

function stripNewlines(p: Part[]): Part[] {
  // curl -d strips carriage returns and newlines from the data
  return p.map((x) => (x.kind === 'text' ? { kind: 'text', text: x.text.replace(/[\r\n]/g, '') } : x));
}

function urlEncodeData(p: Part[]): Part[] {
  // name=content → name=urlencoded(content); the template parts are encoded at run time by the caller's encoder
  const out: Part[] = [];
  let seenEq = false;
  for (const x of p) {
    if (x.kind !== 'text' || seenEq) {
      out.push(x.kind === 'text' ? { kind: 'text', text: encodeURIComponent(x.text) } : x);
      continue;
    }
    const eq = x.text.indexOf('=');
    if (eq === -1) {
      out.push({ kind: 'text', text: x.text });
      continue;
    }
    seenEq = true;
    out.push({ kind: 'text', text: x.text.slice(0, eq + 1) + encodeURIComponent(x.text.slice(eq + 1)) });
  }
  return out;
}

function splitHeader(p: Part[]): { name: Part[]; value: Part[] } | undefined {
  const first = p[0];
  if (first?.kind !== 'text') return undefined;
  const colon = first.text.indexOf(':');
  if (colon <= 0) return undefined;
  const name = first.text.slice(0, colon).trim();
  const rest: Part[] = [];
  const tail = first.text.slice(colon + 1).replace(/^\s+/, '');
  if (tail) rest.push({ kind: 'text', text: tail });
  rest.push(...p.slice(1));
  return { name: [{ kind: 'text', text: name }], value: rest };
}

const V1BETA1_METHODS = new Set(['POST', 'PUT', 'GET', 'HEAD', 'PATCH', 'DELETE']);

/** one webhook request of either version as an HTTP request, or undefined (with a loss) when it sends nothing */
export function readRequest(req: WebhookRequest, index: number, webhook: Webhook, facts: TemplateFacts, losses: Note[], secrets: Set<string>): HttpRequest | undefined {
  const where = `request ${index + 1} of webhook ${webhook.type || '(no type)'}`;
  if (req.kind === 'curl') return parseCurl(req.command, facts, where, req.src, losses, secrets);
  if (!req.url) {
    losses.push({ at: req.src, message: `${where} has no url; nothing is sent` });
    return undefined;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  if (!V1BETA1_METHODS.has(method)) losses.push({ at: req.src.at('method'), message: `${where}: method "${req.method}" was refused by webhook-service; sent as is` });
  const out: HttpRequest = {
    method: method || 'GET',
    url: templateParts(req.url, facts, where, req.src.at('url'), losses, secrets),
    headers: req.headers
      .filter((h) => h.key !== '')
      .map((h, k) => ({ name: [{ kind: 'text', text: h.key }] as Part[], value: templateParts(h.value, facts, where, req.src.at('headers', k, 'value'), losses, secrets) })),
  };
  if (req.payload !== undefined && req.payload !== '') out.body = templateParts(req.payload, facts, where, req.src.at('payload'), losses, secrets);
  if (req.options !== undefined && req.options.trim() !== '') {
    const extra = parseCurl(`curl ${req.options} http://placeholder`, facts, `${where} options`, req.src.at('options'), losses, secrets);
    if (extra) {
      out.headers.push(...extra.headers.filter((h) => !/^content-type$/i.test(partsText(h.name)) || !out.body));
      if (extra.timeoutSeconds) out.timeoutSeconds = extra.timeoutSeconds;
      if (extra.basicAuth) out.basicAuth = extra.basicAuth;
      if (extra.body && !out.body) out.body = extra.body;
    }
  }
  return out;
}
