import { asString, get } from '../core/values.js';
import { defineRule } from '../engine/rule.js';

export default defineRule({
  id: 'helm-values-image-contract',
  meta: {
    description: "A chart's values.yaml has the top-level image value Keptn v1 helm-service set from `keptn trigger delivery --image`",
    pack: 'keptn',
    category: 'helm',
    severity: 'info',
    fix: 'none',
    effort: 1,
    docs: {
      why:
        'Keptn v1 charts had to accept a top-level `image` value: helm-service set it to the image of `keptn trigger delivery --image` ' +
        '(or `keptn send event new-artifact`). KLT does not deploy, so nothing sets it any more; your CD tool has to. The workload version ' +
        'KLT records should follow the same image, or pre/post-deployment checks run against the wrong version.',
      instead:
        'Set the image from your pipeline (`helm upgrade --install carts ./carts --set image=docker.io/acme/carts:1.4.2`, an Argo CD ' +
        'parameter, a Flux image policy) and derive the version key from it in the template, e.g. ' +
        '`keptn.sh/version: {{ (splitList ":" .Values.image) | last | quote }}`.',
      sources: [
        'keptn/keptn@0.18.1 helm-service/pkg/helm/helm_helper.go (image value)',
        'keptn/keptn@318a3d5 cli/cmd/trigger_delivery.go (--image)',
      ],
    },
  },
  check(project, context) {
    for (const v of project.helmValues) {
      const image = asString(get(v.src.doc.value, 'image'));
      if (image === undefined || typeof get(v.src.doc.value, 'image') !== 'string') continue;
      context.report({
        message: `${v.src.file.baseName} sets a top-level image ("${image}"), the value Keptn v1 helm-service replaced with the image of 'keptn trigger delivery --image': your CD tool sets it now, and the workload's keptn.sh/version should follow it`,
        at: v.src.at('image'),
      });
    }
  },
});
