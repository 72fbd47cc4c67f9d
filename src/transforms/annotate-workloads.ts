import { defineTransform, type Wiring } from '../engine/transform.js';
import { insertNested } from '../edit/yaml-insert.js';
import { migratedWorkloads, type MigratedWorkload } from '../migration/workloads.js';
import type { MigrationProject } from '../model/project.js';

const PHASE_ANNOTATION: Record<Wiring['phase'], string> = {
  preDeploymentTasks: 'keptn.sh/pre-deployment-tasks',
  postDeploymentTasks: 'keptn.sh/post-deployment-tasks',
  preDeploymentEvaluations: 'keptn.sh/pre-deployment-evaluations',
  postDeploymentEvaluations: 'keptn.sh/post-deployment-evaluations',
};

export default defineTransform({
  id: 'annotate-workloads',
  meta: {
    description: 'Adds the workload, version and app keys and the pre/post-deployment checks to the pod template of each workload of a Keptn v1 service',
    pack: 'keptn',
    safety: 'safe',
    produces: ['app.kubernetes.io/name|version|part-of labels or keptn.sh/* annotations', 'keptn.sh/container', 'keptn.sh/*-deployment-* annotations'],
    phase: 'wiring',
    docs: {
      converts:
        'a Keptn v1 service → its Deployment/StatefulSet/DaemonSet/ReplicaSet/Rollout: workload = service name, version = the image tag of the service\'s container (keptn.sh/container when there are several), app = the project; tasks and evaluations other transforms produced for the service → keptn.sh/pre|post-deployment-tasks|evaluations',
      loses:
        'nothing is overwritten: a key that already has another value is a reported conflict; untagged, `latest` and templated images give no version; Helm blocks built by template actions become manual steps with the snippet',
    },
  },
  run(project: MigrationProject, ctx) {
    const keys = ctx.options.keys;
    const wired = new Map<string, string[]>();
    for (const x of ctx.wirings()) {
      const key = `${x.project}\u0000${x.service}\u0000${x.phase}`;
      const names = wired.get(key);
      if (names) names.push(x.name);
      else wired.set(key, [x.name]);
    }
    for (const m of migratedWorkloads(project, ctx.appName)) {
      const w = m.workload;
      const labels: [string, string][] = [];
      const annotations: [string, string][] = [];
      const wanted: [string, string, 'label' | 'annotation'][] = [];
      const mode = keys === 'keptn' ? 'annotation' : 'label';
      const prefix = keys === 'keptn' ? 'keptn.sh/' : 'app.kubernetes.io/';
      wanted.push([`${prefix}${keys === 'keptn' ? 'workload' : 'name'}`, m.service, mode]);
      if (m.version) wanted.push([`${prefix}version`, m.version, mode]);
      wanted.push([`${prefix}${keys === 'keptn' ? 'app' : 'part-of'}`, m.app, mode]);
      if (w.containers.length > 1 && m.container && ctx.profile.containerAnnotation) wanted.push(['keptn.sh/container', m.container.name, 'annotation']);
      for (const [phase, annotation] of Object.entries(PHASE_ANNOTATION)) {
        const names = wired.get(`${m.project.dir}\u0000${m.service}\u0000${phase}`) ?? [];
        if (names.length) wanted.push([annotation, [...new Set(names)].join(','), 'annotation']);
      }
      for (const [key, value, where] of wanted) {
        const existing = (where === 'label' ? w.podLabels : w.podAnnotations)[key];
        if (existing === value) continue;
        if (existing !== undefined) {
          ctx.manual(w.src.at(...w.podTemplatePath, 'metadata', where === 'label' ? 'labels' : 'annotations', key), `${w.kind} "${w.name}": ${key} is "${existing}", keptn-migrate would set "${value}"; kept as it is, decide which is right`);
          continue;
        }
        (where === 'label' ? labels : annotations).push([key, value]);
      }
      if (!m.version && !w.podLabels[`${prefix}version`] && !w.podAnnotations[`${prefix}version`]) {
        ctx.loss(m.container?.src.at('image') ?? w.src, `${w.kind} "${w.name}": no version key added, the image has no usable tag; KLT will hash the pod spec`);
      }
      apply(ctx, m, labels, annotations);
    }
  },
});

/** labels and annotations in one insertion: when the pod template has no metadata, both go into one new block */
function apply(ctx: Parameters<Parameters<typeof defineTransform>[0]['run']>[1], m: MigratedWorkload, labels: [string, string][], annotations: [string, string][]): void {
  const w = m.workload;
  const result = insertNested({ file: w.src.file, doc: w.src.doc, templateActions: w.templateActions }, [...w.podTemplatePath, 'metadata'], { labels, annotations });
  if (result.edits.length > 0) ctx.edit(w.src.file, result.edits);
  for (const r of result.refused) ctx.manual(w.src.at(...w.podTemplatePath), `${w.kind} "${w.name}": ${r.reason}; add the ${r.key} by hand`, r.snippet);
}
