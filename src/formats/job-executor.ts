import { asArray, asDict, asString, get } from '../core/values.js';
import type { SourceRef } from '../model/source-ref.js';
import type { JobAction, JobConfig, JobTask, Scope } from '../model/types.js';

/** job-executor-service `job/config.yaml`, all three generations (keptn-v1-formats.md §6). */
export function readJobConfig(src: SourceRef, value: unknown, scope: Scope): JobConfig {
  const apiVersion = asString(get(value, 'apiVersion'));
  const generation = apiVersion === undefined ? 'v0' : apiVersion === 'v1' ? 'v1' : apiVersion === 'v2' ? 'v2' : 'unknown';
  return {
    src,
    scope,
    generation,
    apiVersion,
    actions: asArray(get(value, 'actions')).map((a, i) => readAction(src.at('actions', i), a)),
  };
}

function readAction(src: SourceRef, value: unknown): JobAction {
  return {
    src,
    name: asString(get(value, 'name')) ?? '',
    silent: get(value, 'silent') === true,
    events: asArray(get(value, 'events')).map((e, i) => {
      const jp = asDict(get(e, 'jsonpath'));
      return {
        src: src.at('events', i),
        name: asString(get(e, 'name')) ?? '',
        jsonpath: jp ? { property: asString(jp.property), match: asString(jp.match) } : undefined,
      };
    }),
    tasks: asArray(get(value, 'tasks')).map((t, i) => readTask(src.at('tasks', i), t)),
  };
}

function readTask(src: SourceRef, value: unknown): JobTask {
  const cmd = get(value, 'cmd');
  return {
    src,
    name: asString(get(value, 'name')) ?? '',
    image: asString(get(value, 'image')),
    cmd: typeof cmd === 'string' ? [cmd] : asArray(cmd).map((c) => asString(c) ?? ''),
    args: asArray(get(value, 'args')).map((c) => asString(c) ?? ''),
    files: asArray(get(value, 'files')).map((c) => asString(c) ?? ''),
    env: asArray(get(value, 'env')).map((e, i) => ({
      src: src.at('env', i),
      name: asString(get(e, 'name')) ?? '',
      valueFrom: asString(get(e, 'valueFrom')),
      value: asString(get(e, 'value')),
      as: asString(get(e, 'as')),
    })),
    raw: asDict(value) ?? {},
  };
}

/** Keys job-executor-service accepted per generation; it parsed v1/v2 with yaml.UnmarshalStrict. */
export const JES_TASK_KEYS: Record<'v0' | 'v1' | 'v2', Set<string>> = {
  v0: new Set(['name', 'files', 'image', 'cmd', 'env', 'silent']),
  v1: new Set(['name', 'files', 'image', 'cmd', 'env', 'resources']),
  v2: new Set([
    'name', 'files', 'image', 'imagePullPolicy', 'cmd', 'args', 'workingDir', 'env', 'resources', 'maxPollDuration',
    'namespace', 'ttlSecondsAfterFinished', 'serviceAccount', 'securityContext', 'annotations',
  ]),
};
export const JES_ACTION_KEYS = new Set(['name', 'events', 'tasks', 'silent']);
export const JES_TOP_KEYS = new Set(['apiVersion', 'actions']);
export const JES_ENV_KEYS = new Set(['name', 'value', 'valueFrom', 'as']);
export const JES_EVENT_KEYS = new Set(['name', 'jsonpath']);
