import { defineRule } from '../engine/rule.js';
import type { CiUsage } from '../model/types.js';
import { allCiUsages, ciConcern, ciTarget, commandLine, flagValue, nearbyEventType } from './lib/manifests.js';

const ANALYSIS =
  "create an Analysis (metrics.keptn.sh/v1) with spec.timeframe and spec.args and wait for it (kubectl wait analysis/<name> --for=jsonpath='{.status.state}'=Completed, then read .status.pass), or run a KeptnEvaluationDefinition post-deployment";

function message(u: CiUsage): string {
  const line = commandLine(u);
  const service = flagValue(line, 'service');
  const timeframe = flagValue(line, 'timeframe');
  const detail = [service && `service ${service}`, timeframe && `timeframe ${timeframe}`].filter(Boolean).join(', ');
  const suffix = detail ? ` (${detail})` : '';
  if (u.command === 'GET /api/mongodb-datastore/event') {
    return 'GET /api/mongodb-datastore/event reads Keptn v1 evaluation results: KLT keeps results in the Analysis status; read .status.pass, .status.warning and .status.raw with kubectl';
  }
  if (u.command === 'get evaluation' || u.command === 'get evaluations') {
    return `'keptn ${u.command}' reads Keptn v1 evaluation results: KLT keeps results in the Analysis status; read .status.pass and .status.raw with kubectl`;
  }
  if (u.command === 'waitForEvaluationDoneEvent') {
    return `waitForEvaluationDoneEvent (Keptn CI library) polls Keptn v1 for the evaluation result: kubectl wait analysis/<name> --for=jsonpath='{.status.state}'=Completed and read .status.pass`;
  }
  const head =
    u.via === 'library'
      ? `${u.command} (Keptn CI library) drives a Keptn v1 quality-gate evaluation`
      : u.via === 'cli'
        ? `'keptn ${u.command}'${suffix} asks Keptn v1 for a quality-gate evaluation`
        : `${u.command} with ${nearbyEventType(u) ?? 'an event'} starts a Keptn v1 quality-gate evaluation`;
  return `${head}: ${ANALYSIS}`;
}

export default defineRule({
  id: 'ci-keptn-evaluation-trigger',
  meta: {
    description: 'A CI pipeline starts or waits for a Keptn v1 quality-gate evaluation',
    pack: 'keptn',
    category: 'ci',
    severity: 'warning',
    fix: 'none',
    effort: 3,
    docs: {
      why:
        'Keptn v1 quality gates were started from CI (`keptn trigger evaluation --timeframe=5m`, `keptn send event start-evaluation`, ' +
        'the Jenkins library) and their result polled from the mongodb-datastore. KLT has no evaluation API: an evaluation is a Kubernetes ' +
        'resource. The pipeline step has to create it and wait on its status instead.',
      instead:
        'Convert slo.yaml/sli.yaml to an AnalysisDefinition and AnalysisValueTemplates, then per run: `kubectl apply` an Analysis with a ' +
        'unique name, `spec.analysisDefinition.name`, `spec.timeframe.recent: 5m` (or from/to) and `spec.args` for the former ' +
        '$SERVICE/$STAGE placeholders; `kubectl wait --for=jsonpath=\'{.status.state}\'=Completed analysis/carts-1234` and fail the job ' +
        'unless `.status.pass` is true. Checks tied to a deployment can run as a post-deployment KeptnEvaluationDefinition.',
      sources: [
        'keptn/keptn@318a3d5 cli/cmd/trigger_evaluation.go',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 docs/docs/migrate/keptn/metrics-observe.md (steps 4-5: create an Analysis)',
        'keptn/lifecycle-toolkit@keptn-v2.5.0 metrics-operator/api/v1/analysis_webhook.go (timeframe: recent or from/to)',
        'keptn-sandbox/keptn-jenkins-library (sendStartEvaluationEvent, waitForEvaluationDoneEvent)',
      ],
    },
  },
  check(project, context) {
    for (const u of allCiUsages(project)) {
      if (ciConcern(project, u) !== 'evaluation') continue;
      context.report({ message: message(u), at: ciTarget(u) });
    }
  },
});
