import type { SourceFile } from '../core/source-file.js';
import type { CiUsage } from '../model/types.js';

const CLI_COMMANDS = [
  'trigger delivery', 'trigger evaluation', 'trigger sequence', 'send event new-artifact', 'send event start-evaluation',
  'send event', 'add-resource', 'auth', 'create project', 'create service', 'create secret', 'create stage',
  'onboard service', 'configure monitoring', 'configure bridge', 'update project', 'upgrade project', 'delete project',
  'delete service', 'delete secret', 'get event', 'get project', 'get projects', 'get service', 'get services', 'get stage',
  'get stages', 'get sequence', 'get evaluation', 'get evaluations', 'wait', 'set config', 'install', 'uninstall', 'upgrade',
  'generate support-archive', 'status', 'approve', 'abort', 'pause', 'resume',
];

const CLI = new RegExp(
  String.raw`(?<!(?:-n|--namespace)[\s=]+)(?<![\w./-])keptn\s+(` +
    CLI_COMMANDS.sort((a, b) => b.length - a.length).map((c) => c.replace(/ /g, String.raw`\s+`)).join('|') +
    String.raw`)(?![\w-])`,
  'g',
);

const API = /(\/api)?\/(v1\/event|v1\/auth|v1\/metadata|v1\/evaluation|controlPlane\/v1\/[A-Za-z]+|mongodb-datastore\/event(\/type\/[\w.]+)?|configuration-service\/v1\/[A-Za-z]+|resource-service\/v1\/[A-Za-z]+|statistics-service\/v1\/[A-Za-z]+|secrets\/v1\/[A-Za-z]+)/g;
const API_TOKEN = /\bx-token\b/gi;
const API_CREDENTIALS = /\$\{?(KEPTN_API_TOKEN|KEPTN_ENDPOINT)\b/g;
const INSTALL = /(chart_ref:\s*keptn\/keptn\b|helm\s+(?:upgrade\s+--install|install)\s+\S+\s+keptn\/keptn\b|charts\.keptn\.sh|keptn\.sh\/install\.sh|get\.keptn\.sh)/g;
const LIBRARY = /\b(?:keptn\.)?(keptnInit|keptnAddResources|keptnAddProjectResources|keptnAddStageResources|keptnAddServiceResources|sendDeliveryTriggeredEvent|sendStartEvaluationEvent|sendConfigurationChangedEvent|sendDeploymentFinishedEvent|sendDeploymentTriggeredEvent|waitForEvaluationDoneEvent|markEvaluationStartTime|keptnDeleteProject|triggerEvaluation)\s*\(/g;

/** Every call of the keptn CLI, the Keptn REST API or a Keptn CI library in a CI file or script. */
export function findCiUsages(file: SourceFile): CiUsage[] {
  const text = file.text;
  if (!/keptn|x-token/i.test(text)) return [];
  const out: CiUsage[] = [];
  const push = (via: CiUsage['via'], command: string, index: number, length: number) =>
    out.push({ file, via, command, range: { start: index, end: index + length }, text: text.slice(index, index + length) });

  for (const m of text.matchAll(CLI)) push('cli', normalise(m[1] as string), m.index, m[0].length);
  if (/keptn/i.test(text)) {
    for (const m of text.matchAll(API)) {
      if (!isKeptnApiContext(text, m.index)) continue;
      push('api', apiCommand(m[2] as string), m.index, m[0].length);
    }
  }
  for (const m of text.matchAll(API_TOKEN)) {
    if (isKeptnApiContext(text, m.index)) push('api', 'x-token authentication', m.index, m[0].length);
  }
  for (const m of text.matchAll(LIBRARY)) push('library', m[1] as string, m.index, m[0].length);
  const credentials = [...text.matchAll(API_CREDENTIALS)];
  if (credentials.length > 0 && !out.some((u) => u.via === 'api')) {
    const m = credentials[0] as RegExpMatchArray;
    push('api', 'Keptn API credentials', m.index as number, m[0].length);
  }
  for (const m of text.matchAll(INSTALL)) push('install', 'install Keptn', m.index, m[0].length);
  out.sort((a, b) => a.range.start - b.range.start);
  return out;
}

function normalise(cmd: string): string {
  return cmd.replace(/\s+/g, ' ');
}

function apiCommand(path: string): string {
  if (path.startsWith('mongodb-datastore')) return 'GET /api/mongodb-datastore/event';
  if (path === 'v1/event') return 'POST /api/v1/event';
  return `/api/${path}`;
}

/** an API path or x-token counts only near a mention of Keptn (within 400 characters) */
function isKeptnApiContext(text: string, index: number): boolean {
  const window = text.slice(Math.max(0, index - 400), index + 400);
  return /keptn/i.test(window);
}
