import { asArray, asDict, asString, get, hasKey, isDict } from './values.js';

export const DOC_KINDS = [
  'shipyard',
  'slo',
  'sli',
  'remediation',
  'job-config',
  'webhook-config',
  'dynatrace-conf',
  'lighthouse-config',
  'jmeter-conf',
  'locust-conf',
  'helm-endpoints',
  'keptn-metadata',
  'keptn-gitops',
  'klt-resource',
  'k8s-manifest',
  'helm-chart',
  'helm-values',
  'kustomization',
  'ci-config',
  'unknown',
  'empty',
] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export const FILE_KINDS = ['yaml', 'helm-template', 'helm-helper', 'helm-package', 'script'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface Classification {
  kind: DocKind;
  /** format version or flavour: `0.2`, `0.1`, `v1beta1`, `pitometer`, a provider name, ... */
  variant?: string;
}

/** How a file is read, decided from its path and the Helm charts found in the tree. */
export function fileKindOf(relPath: string, chartDirs: ReadonlySet<string>): FileKind {
  const lower = relPath.toLowerCase();
  if (lower.endsWith('.tgz')) return 'helm-package';
  if (/\.(sh|bash|groovy)$/.test(lower) || /(^|\/)(jenkinsfile[^/]*|makefile|tiltfile)$/.test(lower)) return 'script';
  if (lower.endsWith('.tpl')) return 'helm-helper';
  let i = relPath.indexOf('templates/');
  while (i !== -1) {
    if (i === 0 || relPath[i - 1] === '/') {
      const chartDir = i === 0 ? '' : relPath.slice(0, i - 1);
      if (chartDirs.has(chartDir)) return 'helm-template';
    }
    i = relPath.indexOf('templates/', i + 1);
  }
  return 'yaml';
}

const PROVIDER_DIRS = new Set(['prometheus', 'dynatrace', 'datadog', 'splunk', 'sumologic', 'neoload', 'newrelic', 'wavefront', 'dql', 'elastic', 'influxdb', 'appdynamics', 'instana', 'graphite', 'thanos', 'cortex', 'jmeter-sli', 'litmus', 'k6']);

/** Decides what a YAML document is by its content; the path only breaks ties (`<provider>/sli.yaml`). */
export function classifyDocument(value: unknown, relPath: string): Classification {
  if (value === null || value === undefined) return { kind: 'empty' };
  const base = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
  const dir = relPath.includes('/') ? relPath.slice(0, relPath.lastIndexOf('/')) : '';
  const parentDir = dir.slice(dir.lastIndexOf('/') + 1).toLowerCase();

  if (!isDict(value)) return { kind: 'unknown' };
  const apiVersion = asString(value.apiVersion) ?? '';
  const kind = asString(value.kind) ?? '';

  const keptnSpec = apiVersion.startsWith('spec.keptn.sh/');
  if (kind === 'Remediation' || (keptnSpec && hasKey(get(value, 'spec'), 'remediations'))) return { kind: 'remediation', variant: '0.1.4' };
  if (kind === 'Shipyard' || (keptnSpec && hasKey(get(value, 'spec'), 'stages'))) {
    return { kind: 'shipyard', variant: isAlphaShipyard(value) ? '0.2.0-alpha' : '0.2' };
  }
  if (apiVersion.startsWith('webhookconfig.keptn.sh/')) return { kind: 'webhook-config', variant: apiVersion.split('/')[1] };
  if (/^(lifecycle|metrics|options)\.keptn\.sh\//.test(apiVersion)) return { kind: 'klt-resource', variant: apiVersion };
  if (apiVersion === 'keptn.sh/v1' || apiVersion.startsWith('keptn.sh/')) return { kind: 'keptn-gitops', variant: kind };

  if (!apiVersion && Array.isArray(value.stages) && value.stages.some((s) => isDict(s) && 'name' in s)) {
    return { kind: 'shipyard', variant: '0.1' };
  }
  if (value.objectives === null && (hasKey(value, 'total_score') || hasKey(value, 'spec_version') || hasKey(value, 'comparison'))) {
    return { kind: 'slo', variant: 'standard' };
  }
  if (Array.isArray(value.objectives)) {
    const first = asArray(value.objectives).find(isDict);
    if (first && ('metric' in first || 'threshold' in first) && !('sli' in first)) return { kind: 'slo', variant: 'pitometer' };
    if (!first || 'sli' in first || hasKey(value, 'total_score') || hasKey(value, 'spec_version')) return { kind: 'slo', variant: 'standard' };
  }
  if (hasKey(value, 'indicators')) {
    if (Array.isArray(value.indicators)) return { kind: 'sli', variant: 'pitometer' };
    if (isDict(value.indicators) || value.indicators === null) return { kind: 'sli', variant: sliProvider(value, parentDir, base) };
  }
  if (Array.isArray(value.remediations) && !apiVersion) return { kind: 'remediation', variant: 'legacy' };
  if (Array.isArray(value.actions) && asArray(value.actions).some((a) => isDict(a) && ('tasks' in a || 'events' in a))) {
    return { kind: 'job-config', variant: apiVersion || 'v0' };
  }
  if (hasKey(value, 'dtCreds') || hasKey(value, 'attachRules') || (hasKey(value, 'dashboard') && hasKey(value, 'spec_version'))) {
    return { kind: 'dynatrace-conf' };
  }
  if (Array.isArray(value.workloads) && asArray(value.workloads).some((w) => isDict(w) && 'teststrategy' in w)) {
    return { kind: base.startsWith('locust') ? 'locust-conf' : 'jmeter-conf' };
  }
  if (hasKey(value, 'deploymentURIsLocal') || hasKey(value, 'deploymentURIsPublic')) return { kind: 'helm-endpoints' };
  if (hasKey(value, 'projectName') || hasKey(value, 'isUsingDirectoryStructure') || hasKey(value, 'StageName') || hasKey(value, 'ServiceName') || hasKey(value, 'stageName') || hasKey(value, 'serviceName')) {
    if (base === 'metadata.yaml' || hasKey(value, 'creationTimestamp') || hasKey(value, 'CreationTimestamp')) return { kind: 'keptn-metadata' };
  }
  if (base === 'chart.yaml' && hasKey(value, 'name')) return { kind: 'helm-chart' };
  if (/^kustomization\.ya?ml$/.test(base) || (kind === 'Kustomization' && apiVersion.startsWith('kustomize.config.k8s.io'))) {
    return { kind: 'kustomization' };
  }
  if (isCiConfig(value, relPath)) return { kind: 'ci-config', variant: ciFlavour(relPath) };
  if (apiVersion && kind) {
    if (kind === 'ConfigMap' && isLighthouseConfig(value)) return { kind: 'lighthouse-config' };
    return { kind: 'k8s-manifest', variant: kind };
  }
  if (base === 'values.yaml' || base === 'values.yml') return { kind: 'helm-values' };
  return { kind: 'unknown' };
}

function isAlphaShipyard(value: Record<string, unknown>): boolean {
  for (const stage of asArray(get(value, 'spec', 'stages'))) {
    for (const seq of asArray(get(stage, 'sequences'))) if (hasKey(seq, 'triggers')) return true;
  }
  return false;
}

function sliProvider(value: Record<string, unknown>, parentDir: string, base: string): string {
  if (PROVIDER_DIRS.has(parentDir)) return parentDir;
  const m = /^(?:sli[-_])?([a-z0-9]+)[-_]?sli/.exec(base) ?? /^sli[-_]([a-z0-9]+)/.exec(base);
  if (m?.[1] && PROVIDER_DIRS.has(m[1])) return m[1];
  const queries = Object.values(asDict(value.indicators) ?? {}).filter((q) => typeof q === 'string').join('\n');
  if (/metricSelector=|builtin:|entitySelector=|^(MV2|SLO|PV2|SECPV2|USQL);/m.test(queries)) return 'dynatrace';
  if (/\b(sum|rate|avg|histogram_quantile|count)\s*\(|\[\$DURATION_SECONDS\]|\{[a-z_]+=~?"/.test(queries)) return 'prometheus';
  if (/^(avg|sum|max|min):[\w.]+\{/m.test(queries)) return 'datadog';
  if (parentDir && parentDir !== '' && !['slo', 'keptn', 'quality-gates', '.'].includes(parentDir) && /^[a-z][a-z0-9-]*$/.test(parentDir) && base === 'sli.yaml') {
    return parentDir;
  }
  return 'unknown';
}

function isLighthouseConfig(value: Record<string, unknown>): boolean {
  const name = asString(get(value, 'metadata', 'name')) ?? '';
  return name.startsWith('lighthouse-config') || hasKey(get(value, 'data'), 'sli-provider');
}

function isCiConfig(value: Record<string, unknown>, relPath: string): boolean {
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(relPath)) return true;
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(relPath) || /(^|\/)azure-pipelines[^/]*\.ya?ml$/.test(relPath)) return true;
  if (hasKey(value, 'jobs') && (hasKey(value, 'on') || hasKey(value, 'true'))) return true;
  if (hasKey(value, 'stages') && Array.isArray(value.stages) && value.stages.every((s) => typeof s === 'string')) return true;
  return false;
}

function ciFlavour(relPath: string): string {
  if (relPath.includes('.github/workflows/')) return 'github';
  if (relPath.includes('gitlab-ci')) return 'gitlab';
  if (relPath.includes('azure-pipelines')) return 'azure';
  return 'other';
}

const SNIFFS: [RegExp | ((text: string) => boolean), DocKind][] = [
  [/^apiVersion:\s*["']?webhookconfig\.keptn\.sh\//m, 'webhook-config'],
  [/^kind:\s*["']?Shipyard/m, 'shipyard'],
  [/^kind:\s*["']?Remediation/m, 'remediation'],
  [looksLikeJobConfig, 'job-config'],
  [/^objectives:/m, 'slo'],
  [/^indicators:/m, 'sli'],
];

/** What a file that does not parse most likely is, from its text; used to name it in findings, never to read it. */
export function sniffKind(text: string): DocKind | undefined {
  for (const [test, kind] of SNIFFS) if (typeof test === 'function' ? test(text) : test.test(text)) return kind;
  return undefined;
}

/**
 * An `actions:` line, then an indented `tasks:` line. Two searches in a row: one regular expression for both
 * (`/^actions:\s*$[\s\S]*^\s+tasks:/m`) read to the end of the text again from every `actions:` line and every
 * blank line after one.
 */
function looksLikeJobConfig(text: string): boolean {
  const actions = /^actions:[^\S\n\r\u2028\u2029]*$/m.exec(text);
  return actions !== null && /^[ \t]+tasks:/m.test(text.slice(actions.index + actions[0].length));
}
