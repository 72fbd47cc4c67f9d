import { defineRule } from '../engine/rule.js';
import { keyTarget, v2FeatureOf } from './lib/integrations.js';

export default defineRule({
  id: 'jes-legacy-generation',
  meta: {
    description: 'A job/config.yaml of an older job-executor-service generation (no apiVersion: 0.1.0/0.1.1, apiVersion v1: 0.1.2)',
    pack: 'keptn',
    category: 'job-executor',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Configs without apiVersion (job-executor-service 0.1.0/0.1.1) and `apiVersion: v1` (0.1.2) predate the v2 schema every later ' +
        'release required: they only worked on an installation that was never upgraded, which tells how old and possibly unused the job ' +
        'is. Their `cmd` is one string that job-executor-service split on single spaces into the container command (no shell, no quoting), ' +
        'so it cannot be copied into a KeptnTaskDefinition as it is.',
      instead:
        'Check the job is still in use, then write the container task with the split command as a list: `cmd: "locust -f /keptn/basic.py"` ' +
        'becomes `command: [locust, -f, /keptn/basic.py]`. Use `command: [sh, -c, "..."]` only when you want shell behaviour, which the ' +
        'job never had.',
      codeVsSpec:
        'The early job executor created the container with `Command: strings.Split(task.Cmd, " ")` rather than a shell; the rule describes ' +
        'that behaviour.',
      sources: [
        'keptn-contrib/job-executor-service@4511213 pkg/config/config.go (v0: Cmd string, v2: supportedAPIVersion)',
        'didiladi/keptn-generic-job-service pkg/k8s/job.go (predecessor of job-executor-service 0.1.0: strings.Split(task.Cmd, " "))',
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md',
      ],
    },
  },
  check(project, context) {
    for (const config of project.jobConfigs) {
      if (config.generation !== 'v0' && config.generation !== 'v1') continue;
      if (config.generation === 'v0' && v2FeatureOf(config)) continue; // jes-rejected-keys
      context.report({
        message:
          config.generation === 'v0'
            ? 'job config without apiVersion is the job-executor-service 0.1.0/0.1.1 format, refused by every release since 0.1.2: check the job is still used before porting it'
            : 'apiVersion v1 is the job-executor-service 0.1.2 format, refused by every release since 0.1.3: check the job is still used before porting it',
        at: config.generation === 'v0' ? keyTarget(config.src, 'actions') : config.src.at('apiVersion'),
      });
      for (const action of config.actions) {
        for (const task of action.tasks) {
          const cmd = task.raw.cmd;
          if (typeof cmd !== 'string') continue;
          const split = cmd.split(' ').map((p) => JSON.stringify(p)).join(', ');
          context.report({
            message: `cmd of task "${task.name}" is one string that job-executor-service split on single spaces (no shell): in KLT write command: [${split}]`,
            at: task.src.at('cmd'),
          });
        }
      }
    }
  },
});
