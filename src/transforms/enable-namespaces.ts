import { defineTransform } from '../engine/transform.js';
import { insertEntries } from '../edit/yaml-insert.js';
import { migratedWorkloads } from '../migration/workloads.js';
import type { MigrationProject } from '../model/project.js';

const KEY = 'keptn.sh/lifecycle-toolkit';

export default defineTransform({
  id: 'enable-namespaces',
  meta: {
    description: 'Annotates each namespace the migrated workloads live in with keptn.sh/lifecycle-toolkit: "enabled", generating a Namespace where the repository has none',
    pack: 'keptn',
    safety: 'safe',
    produces: ['keptn.sh/lifecycle-toolkit annotation', 'Namespace'],
    phase: 'wiring',
    docs: {
      converts: 'the namespaces of migrated workloads: Namespace manifests in the repository get the annotation, missing ones are generated under --out',
      loses: 'workloads without metadata.namespace (the namespace comes from kubectl -n or the CD tool): a manual step',
    },
  },
  run(project: MigrationProject, ctx) {
    const byNamespace = new Map<string, string>();
    for (const m of migratedWorkloads(project, ctx.appName)) {
      if (!m.workload.namespace) {
        ctx.manual(m.workload.src.at('metadata'), `${m.workload.kind} "${m.workload.name}" has no metadata.namespace: annotate the namespace it is deployed to with ${KEY}: "enabled"`);
        continue;
      }
      if (!byNamespace.has(m.workload.namespace)) byNamespace.set(m.workload.namespace, m.app);
    }
    for (const [name, app] of [...byNamespace].sort()) {
      const manifests = project.namespaces.filter((n) => n.name === name && !n.src.file.origin.branch);
      if (manifests.length === 0) {
        ctx.emit({
          app,
          origin: `namespace of the migrated workloads of ${app}; the repository has no Namespace manifest for it`,
          resource: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations: { [KEY]: 'enabled' } } },
        });
        continue;
      }
      for (const ns of manifests) {
        const existing = ns.annotations[KEY];
        if (existing === 'enabled') continue;
        if (existing !== undefined) {
          ctx.manual(ns.src.at('metadata', 'annotations', KEY), `Namespace "${name}": ${KEY} is "${existing}"; KLT needs "enabled"`);
          continue;
        }
        const result = insertEntries({ file: ns.src.file, doc: ns.src.doc, templateActions: [] }, ['metadata', 'annotations'], [[KEY, 'enabled']]);
        if (result.ok) ctx.edit(ns.src.file, result.edits);
        else ctx.manual(ns.src.at('metadata'), `Namespace "${name}": ${result.reason}`, result.snippet);
      }
    }
  },
});
