import { isDict, lookup } from '../core/values.js';
import { defineRule } from '../engine/rule.js';
import { JES_ACTION_KEYS, JES_ENV_KEYS, JES_EVENT_KEYS, JES_TASK_KEYS, JES_TOP_KEYS } from '../formats/job-executor.js';
import type { SourceRef } from '../model/source-ref.js';
import { JES_NESTED_KEYS, keyTarget, v2FeatureOf, valueAt } from './lib/integrations.js';

const ALIASES: Record<string, string> = {
  command: 'cmd', commands: 'cmd', arguments: 'args', environment: 'env', envs: 'env', event: 'events', task: 'tasks', file: 'files',
  workdir: 'workingDir', working_dir: 'workingDir', serviceAccountName: 'serviceAccount', pullPolicy: 'imagePullPolicy', type: 'name',
  value: 'match', path: 'property',
};

function suggest(key: string, allowed: Set<string>): string {
  const alias = lookup(ALIASES, key);
  if (alias && allowed.has(alias)) return ` (did you mean "${alias}"?)`;
  for (const a of allowed) if (a.toLowerCase() === key.toLowerCase()) return ` (did you mean "${a}"?)`;
  if (key.length >= 5) for (const a of allowed) if (distance(key.toLowerCase(), a.toLowerCase()) <= 2) return ` (did you mean "${a}"?)`;
  return '';
}

/** Levenshtein distance, for "did you mean" hints on misspelt keys */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const REJECTED = 'its strict parser (yaml.UnmarshalStrict) rejected the whole file, so this config never worked in Keptn v1';

export default defineRule({
  id: 'jes-rejected-keys',
  meta: {
    description: 'A job/config.yaml that job-executor-service refused: unknown keys, wrong shapes or apiVersion under its strict parsing',
    pack: 'keptn',
    category: 'job-executor',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'From 0.1.2 on, job-executor-service parsed job/config.yaml with yaml.UnmarshalStrict: one unknown key anywhere (a typo such as ' +
        '`command:`, a field of a newer release, `ephemeral-storage` under resources), a list where a map is expected (`annotations` ' +
        'written as a list, as FEATURES.md itself shows) or a string where v2 expects a list (`cmd: "locust ..."`) made the whole file ' +
        'fail, and a file without `apiVersion` or with any value but `v2` (0.1.3+) was refused. Such a config never ran: migrating it ' +
        'as if it worked would add behaviour the project never had.',
      instead:
        'Confirm with the team what the job was meant to do before turning it into a KeptnTaskDefinition; fix the key while porting it ' +
        '(KeptnTaskDefinition `container` takes the Kubernetes field names: command, args, env, workingDir, resources, securityContext).',
      codeVsSpec:
        'docs/FEATURES.md documents `annotations` as a list of one-key maps (`- key1: value1`); pkg/config/config.go declares ' +
        '`Annotations map[string]string`, so the documented form fails strict parsing. The rule follows the code.',
      sources: [
        'keptn-contrib/job-executor-service@4511213 pkg/config/config.go (NewConfig: yaml.UnmarshalStrict, supportedAPIVersion "v2")',
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md (Specify annotations for Job)',
      ],
    },
  },
  check(project, context) {
    for (const config of project.jobConfigs) {
      if (config.generation === 'unknown') {
        context.report({
          message: `apiVersion "${config.apiVersion ?? ''}" is refused: job-executor-service 0.1.3+ accepts only v2 (0.1.2 only v1), so this config never worked in Keptn v1`,
          at: config.src.at('apiVersion'),
        });
        continue;
      }
      if (config.generation === 'v0') {
        const feature = v2FeatureOf(config);
        if (feature) {
          context.report({
            message:
              `job config has no apiVersion but uses ${feature}: job-executor-service 0.1.2+ refused it ("apiVersion must be specified") ` +
              'and 0.1.0/0.1.1 could not read it, so it never worked in Keptn v1; add apiVersion: v2',
            at: keyTarget(config.src, 'actions'),
          });
        }
        continue;
      }
      const gen = config.generation;
      const unknownKeys = (src: SourceRef, allowed: Set<string>, where: string) => {
        for (const { key } of src.doc.keysAt(src.path)) {
          if (key === null || allowed.has(key)) continue;
          const newer = gen === 'v1' && JES_TASK_KEYS.v2.has(key) && allowed === JES_TASK_KEYS.v1 ? ' (it needs apiVersion v2)' : suggest(key, allowed);
          context.report({ message: `key "${key}" ${where} is not in the ${gen} schema${newer}: ${REJECTED}`, at: keyTarget(src, key) });
        }
      };
      const nested = (src: SourceRef, name: string, where: string) => {
        const allowed = JES_NESTED_KEYS[name];
        if (allowed && isDict(valueAt(src))) unknownKeys(src, allowed, where);
      };
      unknownKeys(config.src, JES_TOP_KEYS, 'at the top level');
      for (const action of config.actions) {
        unknownKeys(action.src, JES_ACTION_KEYS, `in action "${action.name}"`);
        for (const event of action.events) {
          unknownKeys(event.src, JES_EVENT_KEYS, `in event "${event.name}"`);
          nested(event.src.at('jsonpath'), 'jsonpath', `in the jsonpath of event "${event.name}"`);
        }
        for (const task of action.tasks) {
          const where = `in task "${task.name}"`;
          unknownKeys(task.src, JES_TASK_KEYS[gen], where);
          const cmd = task.raw.cmd;
          if (gen === 'v2' && typeof cmd === 'string') {
            context.report({ message: `cmd of task "${task.name}" is a string, but v2 expects a list: ${REJECTED}`, at: task.src.at('cmd') });
          } else if (gen === 'v1' && Array.isArray(cmd)) {
            context.report({ message: `cmd of task "${task.name}" is a list, but v1 expects one string (lists need apiVersion v2): ${REJECTED}`, at: task.src.at('cmd') });
          }
          if (typeof task.raw.args === 'string') {
            context.report({ message: `args of task "${task.name}" is a string, but v2 expects a list: ${REJECTED}`, at: task.src.at('args') });
          }
          if (Array.isArray(task.raw.annotations)) {
            context.report({
              message: `annotations of task "${task.name}" are written as a list (the form docs/FEATURES.md shows), but the parser expects a map: ${REJECTED}`,
              at: keyTarget(task.src, 'annotations'),
            });
          }
          nested(task.src.at('resources'), 'resources', `in the resources of task "${task.name}"`);
          nested(task.src.at('resources', 'limits'), 'limits', `in the resource limits of task "${task.name}"`);
          nested(task.src.at('resources', 'requests'), 'requests', `in the resource requests of task "${task.name}"`);
          nested(task.src.at('securityContext'), 'securityContext', `in the securityContext of task "${task.name}"`);
          nested(task.src.at('securityContext', 'capabilities'), 'capabilities', `in the capabilities of task "${task.name}"`);
          nested(task.src.at('securityContext', 'seccompProfile'), 'seccompProfile', `in the seccompProfile of task "${task.name}"`);
          for (const env of task.env) unknownKeys(env.src, JES_ENV_KEYS, `in env "${env.name}" of task "${task.name}"`);
        }
      }
    }
  },
});
