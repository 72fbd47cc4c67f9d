import { defineTransform } from '../engine/transform.js';
import { migratedWorkloads } from '../migration/workloads.js';
import type { MigrationProject } from '../model/project.js';

export default defineTransform({
  id: 'create-keptn-apps',
  meta: {
    description: 'A KeptnApp per Keptn v1 project with migrated workloads, and a KeptnAppContext with the app-level tasks and evaluations',
    pack: 'keptn',
    safety: 'safe',
    produces: ['KeptnApp', 'KeptnAppContext'],
    phase: 'wiring',
    docs: {
      converts:
        'the project and its services → KeptnApp (label app.kubernetes.io/managed-by: keptn on keptn-v2, so the operator keeps it up to date) + KeptnAppContext holding app-level pre/post-deployment tasks and evaluations; on klt-0.9 the lists go into KeptnApp',
      loses: 'stages, sequences and promotion (KLT does not orchestrate delivery: see the shipyard rules); workloads without a derivable version are left out of spec.workloads',
    },
  },
  run(project: MigrationProject, ctx) {
    const byApp = new Map<string, ReturnType<typeof migratedWorkloads>>();
    for (const m of migratedWorkloads(project, ctx.appName)) byApp.set(m.app, [...(byApp.get(m.app) ?? []), m]);
    for (const [app, members] of [...byApp].sort(([a], [b]) => a.localeCompare(b))) {
      const projectDir = members[0]?.project.dir ?? '';
      const lists: Record<string, string[]> = {};
      for (const w of ctx.wirings()) {
        if (w.project !== projectDir || w.service !== undefined) continue;
        (lists[w.phase] ??= []).push(w.name);
      }
      const workloads = [...new Map(members.filter((m) => m.version).map((m) => [workloadName(m), { name: workloadName(m), version: m.version as string }])).values()].sort((a, b) => a.name.localeCompare(b.name));
      const spec: Record<string, unknown> = { version: '1', ...(workloads.length ? { workloads } : {}) };
      const appName = ctx.uniqueName(app, 'KeptnApp', app);
      const origin = `Keptn v1 project ${members[0]?.project.name ?? app} (${members[0]?.project.dir || '.'}), services ${[...new Set(members.map((m) => m.service))].join(', ')}`;
      if (!ctx.profile.appContext) {
        ctx.emit({ app, origin, resource: { apiVersion: ctx.profile.apiVersion('KeptnApp'), kind: 'KeptnApp', metadata: { name: appName }, spec: { ...spec, ...lists } } });
        continue;
      }
      const metadata: Record<string, unknown> = { name: appName };
      if (ctx.options.target === 'keptn-v2') metadata.labels = { 'app.kubernetes.io/managed-by': 'keptn' };
      ctx.emit({ app, origin, resource: { apiVersion: ctx.profile.apiVersion('KeptnApp'), kind: 'KeptnApp', metadata, spec } });
      ctx.emit({
        app,
        origin: `${origin}: app-level pre/post-deployment checks`,
        resource: { apiVersion: ctx.profile.apiVersion('KeptnAppContext'), kind: 'KeptnAppContext', metadata: { name: appName }, spec: lists },
      });
    }
  },
});

/** the name KLT will give the workload: an existing workload key wins over the service name keptn-migrate adds */
function workloadName(m: ReturnType<typeof migratedWorkloads>[number]): string {
  const w = m.workload;
  return w.podAnnotations['keptn.sh/workload'] ?? w.podLabels['keptn.sh/workload'] ?? w.podAnnotations['app.kubernetes.io/name'] ?? w.podLabels['app.kubernetes.io/name'] ?? m.service;
}
