import { defineRule } from '../engine/rule.js';
import type { SourceRef } from '../model/source-ref.js';
import { describeWorkload, KEYS, kltWorkloads, workloadKeyOf, workloadMeta } from './lib/manifests.js';

const TASK_NAME_MAX = 40;
const LABEL_MAX = 63;
const TASK_KEYS = ['keptn.sh/pre-deployment-tasks', 'keptn.sh/post-deployment-tasks'];

export default defineRule({
  id: 'resource-name-too-long',
  meta: {
    description: 'A Keptn app, workload or task definition name exceeds the length Kubernetes allows where KLT uses it',
    pack: 'keptn',
    category: 'manifests',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Keptn v1 kept service names in its own database. KLT turns names into Kubernetes objects and labels: label values are limited ' +
        'to 63 characters, so a `keptn.sh/*` or `app.kubernetes.io/*` label with a longer value is rejected by the API server (annotations ' +
        'have no such limit). KLT names the KeptnWorkload `<app>-<workload>` and its versions `<app>-<workload>-<version>`; past 63 ' +
        'characters these names no longer fit a label value (lifecycle-toolkit#1424). Each task runs as a Job named ' +
        '`<checkType>-<definition>-<5 digits>-<5 digits>`, and Kubernetes rejects Jobs whose name, copied into the pod\'s job-name label, ' +
        'exceeds 63 characters: keep KeptnTaskDefinition names within 40 characters.',
      instead:
        'Shorten the names, or move long app/workload names from labels to the `keptn.sh/app` / `keptn.sh/workload` annotations.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/common/common.go (CreateResourceName, GenerateTaskName, GenerateJobName)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/guides/integrate.md (label values limited to 63 characters)',
        'https://github.com/keptn/lifecycle-toolkit/issues/1424',
        'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
      ],
    },
  },
  check(project, context) {
    const definitions = new Set<string>();
    for (const r of project.kltResources) {
      if (r.kind !== 'KeptnTaskDefinition' || !r.name) continue;
      definitions.add(r.name);
      if (r.name.length > TASK_NAME_MAX) {
        context.report({
          message: `KeptnTaskDefinition name "${r.name}" has ${r.name.length} characters: KLT derives Job names from it and Kubernetes rejects Job names over 63 characters; keep it within ${TASK_NAME_MAX}`,
          at: r.src.at('metadata', 'name'),
        });
      }
    }
    const reported = new Set<SourceRef>();
    for (const w of kltWorkloads(project)) {
      const meta = workloadMeta(project, w);
      for (const map of [meta.pod.labels, meta.owner.labels]) {
        for (const key of [...KEYS.workload, ...KEYS.app, ...KEYS.version]) {
          const e = map.entries.get(key);
          if (!e?.ref || e.templated || e.value.length <= LABEL_MAX) continue;
          reported.add(e.ref);
          context.report({
            message: `label ${key} of ${describeWorkload(w)} has ${e.value.length} characters; label values are limited to ${LABEL_MAX}: shorten it or use the ${key.replace('app.kubernetes.io/name', 'keptn.sh/workload').replace('app.kubernetes.io/part-of', 'keptn.sh/app').replace('app.kubernetes.io/version', 'keptn.sh/version')} annotation`,
            at: e.ref,
          });
        }
      }
      for (const map of [meta.pod.annotations, meta.owner.annotations]) {
        for (const key of TASK_KEYS) {
          const e = map.entries.get(key);
          if (!e?.ref || e.templated) continue;
          for (const name of e.value.split(',')) {
            if (name.length > TASK_NAME_MAX && !definitions.has(name)) {
              context.report({
                message: `${key} of ${describeWorkload(w)} names the task definition "${name}" (${name.length} characters): KLT derives Job names from it and Kubernetes rejects Job names over 63 characters; keep it within ${TASK_NAME_MAX}`,
                at: e.ref,
              });
            }
          }
        }
      }
      const workload = workloadKeyOf(project, w, 'workload');
      const app = workloadKeyOf(project, w, 'app');
      if (workload.state !== 'present' || !workload.entry?.ref || workload.entry.templated || reported.has(workload.entry.ref)) continue;
      if (app.state === 'unknown' || app.entry?.templated) continue;
      const appName = app.entry?.value ?? workload.entry.value;
      const full = `${appName}-${workload.entry.value}`.toLowerCase();
      if (full.length <= LABEL_MAX || (app.entry?.ref && reported.has(app.entry.ref))) continue;
      context.report({
        message: `KLT names the KeptnWorkload of ${describeWorkload(w)} "${full}" (${full.length} characters; ${app.entry ? `app "${appName}"` : 'the app name defaults to the workload name'}): over ${LABEL_MAX} characters it no longer fits a label value; shorten the ${app.entry ? 'app or workload name' : 'workload name or set keptn.sh/app'}`,
        at: workload.entry.ref,
      });
    }
  },
});
