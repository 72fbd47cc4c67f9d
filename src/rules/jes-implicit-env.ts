import { defineRule } from '../engine/rule.js';
import { KEPTN_CONTEXT_FIELDS, taskStrings, jobTasks } from './lib/integrations.js';

const IMPLICIT = /\$(?:\(|\{)?((?:KEPTN|LABELS)_[A-Za-z0-9_]+)/g;

function replacementOf(name: string): string {
  if (name === 'KEPTN_SERVICE') return 'KEPTN_CONTEXT workloadName';
  if (name === 'KEPTN_PROJECT') return 'no KEPTN_CONTEXT field (appName is the closest); set it as a fixed env value of the container';
  if (name === 'KEPTN_STAGE') return 'no KEPTN_CONTEXT field; set it as a fixed env value of the container per namespace or cluster';
  if (name === 'LABELS_VERSION') return 'KEPTN_CONTEXT workloadVersion';
  if (name.startsWith('LABELS_')) return `KEPTN_CONTEXT metadata, if the workload sets ${name.slice(7).toLowerCase()} in its keptn.sh/metadata annotation`;
  return `no KEPTN_CONTEXT field (it holds ${KEPTN_CONTEXT_FIELDS})`;
}

export default defineRule({
  id: 'jes-implicit-env',
  meta: {
    description: "A job-executor-service command, argument or env value that uses the service's implicit KEPTN_* / LABELS_* variables",
    pack: 'keptn',
    category: 'job-executor',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'job-executor-service added KEPTN_PROJECT, KEPTN_STAGE and KEPTN_SERVICE to every job, plus LABELS_<KEY> for each label of the ' +
        'triggering event, and commands used them as `$(KEPTN_SERVICE)` (expanded by Kubernetes) or `$KEPTN_SERVICE` (expanded by a shell). ' +
        `A KLT container task gets none of them: the operator injects only KEPTN_CONTEXT (JSON: ${KEPTN_CONTEXT_FIELDS}), ` +
        'so `$(KEPTN_STAGE)` stays a literal string and `$KEPTN_STAGE` becomes empty.',
      instead:
        'Either define the variables yourself in the container (`env: [{name: KEPTN_STAGE, value: production}]`, so `$(KEPTN_STAGE)` keeps ' +
        'working) or read KEPTN_CONTEXT: `sh -c \'svc=$(echo "$KEPTN_CONTEXT" | jq -r .workloadName); ...\'`. Labels become ' +
        '`keptn.sh/metadata` entries on the workload and arrive as KEPTN_CONTEXT `metadata`.',
      sources: [
        'keptn-contrib/job-executor-service@4511213 docs/FEATURES.md (Kubernetes Job Environment Variables)',
        'keptn-contrib/job-executor-service pkg/k8sutils/job.go (prepareJobEnv: KEPTN_PROJECT, KEPTN_STAGE, KEPTN_SERVICE)',
        'keptn/lifecycle-toolkit lifecycle-operator/controllers/lifecycle/keptntask/container_builder.go (KEPTN_CONTEXT only)',
      ],
    },
  },
  check(project, context) {
    for (const { task } of jobTasks(project)) {
      const own = new Set(task.env.map((e) => e.name));
      for (const { where, text, src } of taskStrings(task)) {
        const seen = new Set<string>();
        for (const m of text.matchAll(IMPLICIT)) {
          const name = m[1] as string;
          if (name === 'KEPTN_CONTEXT' || own.has(name) || seen.has(name)) continue;
          seen.add(name);
          context.report({
            message: `${where} of task "${task.name}" uses ${m[0].startsWith('$(') ? `$(${name})` : m[0].startsWith('${') ? `\${${name}}` : `$${name}`}, which only job-executor-service set: in KLT use ${replacementOf(name)}`,
            at: src,
          });
        }
      }
    }
    }
});
