import { asString, get } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';
import type { DynatraceConf, KeptnMetadata, KltResource, LighthouseConfig, Scope } from '../model/types.js';
import { asDict } from '../core/values.js';

export function readDynatraceConf(src: SourceRef, value: unknown, scope: Scope): DynatraceConf {
  return {
    src,
    scope,
    specVersion: asString(get(value, 'spec_version')),
    dtCreds: asString(get(value, 'dtCreds')),
    dashboard: asString(get(value, 'dashboard')),
  };
}

export function readLighthouseConfig(src: SourceRef, value: unknown): LighthouseConfig {
  const name = asString(get(value, 'metadata', 'name')) ?? '';
  const m = /^lighthouse-config-(.+)$/.exec(name);
  return { src, project: m?.[1], provider: asString(get(value, 'data', 'sli-provider')) };
}

export function readKltResource(src: SourceRef, value: unknown): KltResource {
  const apiVersion = asString(get(value, 'apiVersion')) ?? '';
  const [group = '', version = ''] = apiVersion.split('/');
  return {
    src,
    apiVersion,
    group,
    version,
    kind: asString(get(value, 'kind')) ?? '',
    name: asString(get(value, 'metadata', 'name')),
    spec: asDict(get(value, 'spec')) ?? {},
  };
}

export function readKeptnMetadata(src: SourceRef, value: unknown): KeptnMetadata {
  const pick = (...keys: string[]) => keys.map((k) => asString(get(value, k))).find((v) => v !== undefined);
  const dir = get(value, 'isUsingDirectoryStructure');
  return {
    src,
    projectName: pick('projectName', 'ProjectName'),
    stageName: pick('stageName', 'StageName'),
    serviceName: pick('serviceName', 'ServiceName'),
    directoryStructure: typeof dir === 'boolean' ? dir : undefined,
  };
}
