import { defineRule } from '../engine/rule.js';
import { describeWorkload, kltWorkloads, rawText, versionSource, type ImageVerdict } from './lib/manifests.js';

const HASH = 'KLT falls back to a hash of the containers\' names, images and env, so every change of them is a new version that re-runs the pre/post-deployment checks';

function explain(verdict: ImageVerdict, image: string): string | undefined {
  switch (verdict.kind) {
    case 'untagged':
      return `image "${image}" has no tag: ${HASH}`;
    case 'latest':
      return `image "${image}" is tagged latest, which KLT never uses as a version: ${HASH}`;
    case 'digest':
      return `image "${image}" is pinned by digest: KLT splits the image at ':' and takes the digest's hex as the version, a hash that says nothing about the release`;
    case 'registry-port':
      return `image "${image}" has no tag: KLT splits the image at the last ':' and would take "${image.slice(image.lastIndexOf(':') + 1)}" (the registry port and path) as the version`;
    case 'templated':
      return `image "${image}" comes from the Helm template: KLT takes the version from the rendered tag and falls back to a hash of the pod spec when it is empty or latest`;
    default:
      return undefined;
  }
}

export default defineRule({
  id: 'workload-version-underivable',
  meta: {
    description: 'A workload has no version key and KLT cannot derive a meaningful version from its image',
    pack: 'keptn',
    category: 'manifests',
    severity: 'warning',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'In Keptn v1 the version was the image given to `keptn trigger delivery`. KLT takes it from `keptn.sh/version` / ' +
        '`app.kubernetes.io/version`, else from the image tag after the last `:` of the version-giving container, but not `latest`; ' +
        'otherwise it hashes all container names, images and env (FNV-32a). With a hash, any env change starts a new KeptnWorkloadVersion ' +
        'and re-runs every pre/post-deployment task and evaluation, while re-deploying a moved `latest` tag does not. A digest yields ' +
        'its hex as the version, and `registry:5000/app` yields `5000/app`. A Helm-templated image is only known once rendered.',
      instead:
        'Set the version explicitly on the pod template, from the same source as the image: `keptn.sh/version: "1.4.2"`, or in a ' +
        'chart `keptn.sh/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}`.',
      sources: [
        'keptn/lifecycle-toolkit@keptn-v2.5.0 lifecycle-operator/webhooks/pod_mutator/handlers/objectmeta.go (calculateVersion)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/use-cases/day-2-operations.md (checks re-run when the version changes)',
      ],
    },
  },
  check(project, context) {
    for (const w of kltWorkloads(project)) {
      const source = versionSource(project, w);
      if (source.kind !== 'image') continue;
      const ref = source.container.src.at('image');
      const image = source.verdict.kind === 'templated' ? rawText(ref) : (source.container.image ?? '');
      const why = explain(source.verdict, image);
      if (!why) continue;
      context.report({
        message: `${describeWorkload(w)} has no version key and its ${why}; set keptn.sh/version on the pod template`,
        at: ref,
      });
    }
  },
});
