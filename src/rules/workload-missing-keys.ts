import { defineRule } from '../engine/rule.js';
import { insertNested } from '../edit/yaml-insert.js';
import { kubeName } from '../klt/names.js';
import { migratedWorkloads } from '../migration/workloads.js';
import { describeWorkload, kltWorkloads, versionSource, workloadKeyOf, workloadMeta, KEYS } from './lib/manifests.js';

export default defineRule({
  id: 'workload-missing-keys',
  meta: {
    description: 'A Deployment, StatefulSet, DaemonSet, ReplicaSet or Rollout lacks the workload or version key KLT needs',
    pack: 'keptn',
    category: 'manifests',
    severity: 'info',
    fix: 'safe',
    effort: 1,
    docs: {
      why:
        'Keptn v1 found services by its own project/service model; KLT finds workloads only through metadata on the pod. Its webhook ' +
        'tracks a pod only when the pod template (or, when the pod has no workload key at all, the owning Deployment/StatefulSet/' +
        'DaemonSet/Rollout) carries `keptn.sh/workload` or `app.kubernetes.io/name`; without one, no KeptnWorkload, no ' +
        'pre/post-deployment checks and no traces. The version comes from `keptn.sh/version` or `app.kubernetes.io/version`, else from ' +
        "the tag of the pod's only container (or of the container named by `keptn.sh/container`), else from a hash of the pod spec. " +
        'Keys on the owner are not read when the pod template has a workload key of its own. Empty values count as absent. (KLT\'s ' +
        'docs say the version falls back to the image tag; its code uses a tag only when the pod has exactly one container or ' +
        '`keptn.sh/container` names one, never `latest`: this rule follows the code.) Helm templates are read without rendering: ' +
        'keys written by `include` helpers of the chart and `toYaml .Values.x` are resolved, other template actions make the workload undecidable and it is skipped.',
      instead:
        'Add the keys to `spec.template.metadata` (keptn-migrate migrate does this), e.g. `annotations: {keptn.sh/workload: carts, ' +
        'keptn.sh/version: "1.4.2", keptn.sh/app: sockshop}`. Annotations have no 63-character limit; labels work too.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/webhooks/pod_mutator/handlers/pod_annotation.go (isPodAnnotated, copyResourceLabelsIfPresent)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/webhooks/pod_mutator/handlers/objectmeta.go (GetLabelOrAnnotation, calculateVersion)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/guides/integrate.md',
      ],
    },
  },
  check(project, context) {
    const appNames = new Map(project.projects.map((p) => [p.dir, kubeName(p.name, 63) || 'app']));
    const migrated = new Map(migratedWorkloads(project, (dir) => appNames.get(dir) ?? 'app').map((m) => [m.workload, m]));
    for (const w of kltWorkloads(project)) {
      const workload = workloadKeyOf(project, w, 'workload');
      if (workload.state === 'unknown') continue;
      const source = versionSource(project, w);
      const noWorkload = workload.state === 'absent';
      const noVersion =
        source.kind === 'multiple' ||
        (source.kind === 'image' && ['untagged', 'latest', 'digest', 'registry-port'].includes(source.verdict.kind));
      if (!noWorkload && !noVersion) continue;
      const missing: string[] = [];
      if (noWorkload) missing.push('no workload key (keptn.sh/workload or app.kubernetes.io/name)');
      if (noVersion) missing.push('no version key (keptn.sh/version or app.kubernetes.io/version) while its image gives none');
      let note = '';
      if (workload.where === 'pod' && noVersion) {
        const meta = workloadMeta(project, w);
        const ownerVersion = KEYS.version.find((k) => meta.owner.annotations.entries.has(k) || meta.owner.labels.entries.has(k));
        if (ownerVersion) note = ` (${ownerVersion} on the ${w.kind}'s own metadata is not read because the pod template has a workload key)`;
      }
      const verdict = source.kind === 'image' ? source.verdict.kind : 'multiple';
      const effect = noWorkload
        ? 'KLT does not track its pods'
        : verdict === 'digest'
          ? 'KLT versions it by the image digest'
          : verdict === 'registry-port'
            ? 'KLT would take the registry port and path of the image as its version'
            : 'KLT versions it by a hash of the pod spec';
      const podMeta = w.src.at(...w.podTemplatePath, 'metadata');
      // the same edit `migrate` makes (k8s keys), for workloads that belong to a Keptn v1 service
      const m = migrated.get(w);
      const labels: [string, string][] = [];
      if (m && !w.podLabels['app.kubernetes.io/name']) labels.push(['app.kubernetes.io/name', m.service]);
      if (m?.version && !w.podLabels['app.kubernetes.io/version']) labels.push(['app.kubernetes.io/version', m.version]);
      if (m && !w.podLabels['app.kubernetes.io/part-of']) labels.push(['app.kubernetes.io/part-of', m.app]);
      const edit = insertNested({ file: w.src.file, doc: w.src.doc, templateActions: w.templateActions }, [...w.podTemplatePath, 'metadata'], { labels });
      context.report({
        message: `${describeWorkload(w)} has ${missing.join(' and ')}${note}: ${effect}; keptn-migrate migrate adds the missing keys to the pod template`,
        at: { ref: podMeta.exists() ? podMeta : w.src.at('metadata'), target: 'key' },
        ...(edit.refused.length === 0 && edit.edits.length > 0
          ? { fix: { safety: 'safe' as const, title: `add ${labels.map(([k]) => k).join(', ')} to the pod template`, edits: edit.edits.map((e) => ({ ...e, file: w.src.file.displayPath })) } }
          : {}),
      });
    }
  },
});
