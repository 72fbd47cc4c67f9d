import { defineTransform } from '../engine/transform.js';
import { runTaskPlan } from '../tasks/apply.js';

export default defineTransform({
  id: 'convert-jes-to-task-definitions',
  meta: {
    description: 'One container KeptnTaskDefinition per job-executor-service task (job/config.yaml, all three generations), wired to the phase its event maps to',
    pack: 'keptn',
    safety: 'safe',
    produces: ['KeptnTaskDefinition', 'ConfigMap'],
    phase: 'resources',
    docs: {
      converts:
        'image, cmd (a JES 0.1.x string split on spaces as JES did), args, workingDir, env values, env from a secret (envFrom of the whole Secret), env from the event for the service and version (read from KEPTN_CONTEXT at start), files: of the scanned repository (a ConfigMap written to /keptn/<path> at start), maxPollDuration → timeout, resources, securityContext, serviceAccount and ttlSecondsAfterFinished (keptn-0.10+), $(KEPTN_PROJECT)/$(KEPTN_SERVICE) and $(KEPTN_STAGE) of stage-level configs; an action with several tasks runs them in order; test/evaluation/release.triggered and custom tasks next to a deployment are wired pre/post-deployment',
      loses:
        'other event data (project-independent jsonpaths, labels, deployment URIs), $(LABELS_*), job namespace and annotations, files missing from the repository, binary or oversized files, serviceAccount/ttl on klt-0.9; actions on deployment, remediation, .finished or wildcard events are left unwired (manual step)',
    },
  },
  run(project, ctx) {
    runTaskPlan('jes', project, ctx);
  },
});
