import { lookup } from '../core/values.js';
import { printYaml } from '../edit/print-yaml.js';
import { horizontalPodAutoscaler, keptnMetric, NAMESPACE_PLACEHOLDER, scaledObject, taskTemplate } from '../day2/autoscalers.js';
import { planRemediations, showValue, type ServiceScaling } from '../day2/remediation-plan.js';
import { defineTransform, type TransformContext } from '../engine/transform.js';
import { KLT_PROVIDERS } from '../formats/sli.js';
import { kubeName } from '../klt/names.js';
import { providersFor, type MigrationProject } from '../model/project.js';

const PROVIDER_SERVER: Record<string, string> = {
  prometheus: 'http://REPLACE-ME.prometheus.example:9090',
  thanos: 'http://REPLACE-ME.thanos.example:9090',
  cortex: 'http://REPLACE-ME.cortex.example:9009',
  dynatrace: 'https://REPLACE-ME.live.dynatrace.com',
  dql: 'https://REPLACE-ME.apps.dynatrace.com',
  datadog: 'https://api.datadoghq.com',
  elastic: 'https://REPLACE-ME.elastic.example:9200',
};
const PROVIDER_SECRET: Record<string, { name: string; key: string }> = {
  dynatrace: { name: 'dynatrace', key: 'DT_API_TOKEN' },
  dql: { name: 'dynatrace', key: 'DT_API_TOKEN' },
  datadog: { name: 'datadog', key: 'DD_CLIENT_API_KEY' },
};

export default defineTransform({
  id: 'convert-remediation-to-day2',
  meta: {
    description: 'remediation.yaml (0.1.4 and the Keptn 0.6 list) becomes Day 2 resources: scaling → KeptnMetric + HorizontalPodAutoscaler (or KEDA ScaledObject); other actions → task-definition templates',
    pack: 'keptn',
    safety: 'safe',
    produces: ['KeptnMetric', 'HorizontalPodAutoscaler', 'ScaledObject', 'KeptnTaskDefinition', 'KeptnMetricsProvider'],
    phase: 'resources',
    docs: {
      converts:
        'a `scaling` action → a KeptnMetric on the SLI behind the problem type (its sli.yaml query with $PROJECT/$STAGE/$SERVICE filled in) and one HorizontalPodAutoscaler per service workload reading it through the KLT custom metrics API (`--autoscaler keda`: a KEDA ScaledObject with the metrics-api trigger); target value = the slo.yaml pass (else warning) upper bound; minReplicas/maxReplicas = the workload replicas plus the most negative / largest total a problem\'s scaling values add; every other action (toggle-feature, featuretoggle, custom and vendor actions) → a container KeptnTaskDefinition template that fails until implemented, plus a manual step naming the problem type',
      loses:
        'problem-driven remediation itself (KLT has no problem events: the autoscaler reacts to the metric continuously); the problem type → SLI link when the type is a free text (a guess, reported); scale-down actions (become a lower minReplicas); the SLI evaluation window ($DURATION_SECONDS fixed to 60s); every non-scaling action (a template and a manual step)',
    },
  },
  run(project: MigrationProject, ctx) {
    const plan = planRemediations(project, ctx.appName);
    for (const n of plan.losses) ctx.loss(n.at, n.message);
    for (const n of plan.manual) ctx.manual(n.at, n.message);

    // autoscaler names: qualified with the stage when one service is scaled in several stages of an app
    const clash = new Map<string, number>();
    for (const s of plan.scaling) clash.set(`${s.app}/${s.name}`, (clash.get(`${s.app}/${s.name}`) ?? 0) + 1);
    for (const s of plan.scaling) if ((clash.get(`${s.app}/${s.name}`) ?? 0) > 1 && s.scope.stage) s.name = kubeName(`${s.name}-${s.scope.stage}`);

    const providersDone = new Set<string>();
    const planned = plannedProviders(project, ctx.appName);
    for (const s of plan.scaling) emitScaling(s, ctx, planned, providersDone);

    for (const t of plan.templates) {
      const who = t.service ? `service ${t.service}` : `every service of ${t.scope.stage ? `stage ${t.scope.stage}` : 'the project'}`;
      const value = showValue(t.action.value);
      const problems = t.problems.map((p) => `"${p.problemType}"`).join(', ');
      const label = t.action.action.trim() || t.action.name || 'action';
      const name = ctx.uniqueName(t.app, 'KeptnTaskDefinition', `${t.service ?? t.scope.stage ?? 'remediation'}-${label}`, 40);
      const message =
        `keptn-migrate template: implement the Keptn v1 remediation action "${label}"${value ? ` (value: ${value})` : ''} for ${who}` +
        ` (it answered problem type ${problems} in ${t.remediation.src.file.displayPath}); this task fails until you replace its container.`;
      ctx.emit({ app: t.app, origin: `${t.remediation.src.file.displayPath}: action "${label}" for problem type ${problems}`, resource: taskTemplate(ctx.profile, name, message) });
      const snippet = printYaml({ apiVersion: ctx.profile.apiVersion('KeptnTaskDefinition'), kind: 'KeptnTask', metadata: { name: `${name}-1` }, spec: { taskDefinition: name } });
      for (const p of t.problems) {
        ctx.manual(
          t.action.src.at('action').exists() ? t.action.src.at('action') : t.action.src,
          `problem type "${p.problemType}" was answered by remediation action "${label}"${value ? ` (value: ${value})` : ''}${t.note ? `; ${t.note}` : ''}: KLT has no problem-driven remediation. Implement KeptnTaskDefinition "${name}" (a template that fails until you do) and start it from your alerting (create a KeptnTask for it), or move the action to your alerting or feature-flag tool`,
          snippet,
        );
      }
    }
  },
});

/**
 * The providers create-metrics-providers emits (one per SLI provider the slo.yaml files of an app use, as the quality-gate
 * plan decides them): the KeptnMetrics here reference those; any other provider is emitted here.
 */
function plannedProviders(project: MigrationProject, appName: (dir: string) => string): { app: string; provider: string }[] {
  const out: { app: string; provider: string }[] = [];
  for (const slo of project.slos) {
    if (slo.variant === 'pitometer') continue;
    const app = appName(slo.scope.project);
    for (const p of providersFor(project, slo.scope)) if (KLT_PROVIDERS.has(p) && !out.some((x) => x.app === app && x.provider === p)) out.push({ app, provider: p });
  }
  return out;
}

function emitScaling(s: ServiceScaling, ctx: TransformContext, plannedProviders: readonly { app: string; provider: string }[], done: Set<string>): void {
  for (const n of s.losses) ctx.loss(n.at, n.message);
  for (const n of s.manual) ctx.manual(n.at, n.message);
  if (s.metrics.length === 0) return;
  const origin = `${s.remediation.src.file.displayPath} (service ${s.scope.service}${s.scope.stage ? `, stage ${s.scope.stage}` : ''})`;
  const names = new Map<string, string>();
  for (const m of s.metrics) {
    const provider = kubeName(m.provider);
    const key = `${s.app}/${m.provider}`;
    if (!plannedProviders.some((p) => p.app === s.app && p.provider === m.provider) && !done.has(key)) {
      done.add(key);
      const name = ctx.uniqueName(s.app, 'KeptnMetricsProvider', provider);
      const secret = lookup(PROVIDER_SECRET, m.provider);
      ctx.emit({
        app: s.app,
        origin: `the ${m.provider} SLI provider used by ${s.remediation.src.file.displayPath}`,
        resource: {
          apiVersion: ctx.profile.apiVersion('KeptnMetricsProvider'),
          kind: 'KeptnMetricsProvider',
          metadata: { name },
          spec: { type: m.provider, targetServer: lookup(PROVIDER_SERVER, m.provider) ?? 'REPLACE-ME', ...(secret ? { secretKeyRef: secret } : {}) },
        },
      });
      ctx.manual(s.remediation.src, `set targetServer of KeptnMetricsProvider "${name}" to your ${m.provider} endpoint (the Keptn v1 integration kept it outside the repository)`, `targetServer: ${lookup(PROVIDER_SERVER, m.provider) ?? ''}`);
    }
    const name = ctx.uniqueName(s.app, 'KeptnMetric', `${s.name}-${m.sli}`);
    names.set(m.sli, name);
    ctx.emit({ app: s.app, origin: `${origin}: SLI "${m.sli}" behind problem type ${m.problems.map((p) => `"${p}"`).join(', ')}`, resource: keptnMetric(ctx.profile, name, provider, m.query) });
  }
  const ready = s.metrics.filter((m) => m.threshold);
  for (const m of ready.length > 0 ? s.metrics.filter((x) => !x.threshold) : []) {
    for (const step of m.steps) {
      ctx.manual(
        step.action.src,
        `SLI "${m.sli}" has no upper-bound criterion (<, <=) in ${m.slo ?? 'any slo.yaml of this service'}, so KeptnMetric "${names.get(m.sli) ?? m.sli}" (problem type "${step.problemType}", scaling ${String(step.action.value)}) is left out of the autoscaler: add it with the value above which to scale`,
      );
    }
  }
  const keda = ctx.options.autoscaler === 'keda';
  const kind = keda ? 'ScaledObject' : 'HorizontalPodAutoscaler';
  const build = keda ? scaledObject : horizontalPodAutoscaler;
  if (ready.length === 0) {
    const draft = build(ctx.profile, { ...s, metrics: s.metrics.map((m) => ({ ...m, threshold: { value: 0, from: '' } })) }, names);
    const slis = s.metrics.map((m) => `"${m.sli}"`).join(', ');
    ctx.manual(s.remediation.src, `no slo.yaml upper-bound criterion (<, <=) for SLI ${slis} of service ${s.scope.service}, so the autoscaler has no target value: create the ${kind} from this draft with the value above which to scale`, printYaml(draft).replace(/: "0"$/gm, ': "REPLACE-ME"'));
    return;
  }
  if (s.minReplicas >= s.maxReplicas) {
    ctx.manual(s.remediation.src, `the scaling values for service ${s.scope.service} leave no room to scale (minReplicas ${s.minReplicas}, maxReplicas ${s.maxReplicas}): no ${kind} generated; create one with the replica range you want`);
    return;
  }
  const name = ctx.uniqueName(s.app, kind, s.name);
  const resource = build(ctx.profile, { ...s, name }, names);
  const targets = ready.map((m) => `${names.get(m.sli) ?? m.sli} < ${m.threshold?.value ?? ''} (${m.threshold?.from ?? ''})`).join('; ');
  ctx.emit({ app: s.app, origin: `${origin}: scale ${s.target.kind} ${s.target.name} between ${s.minReplicas} and ${s.maxReplicas} replicas; targets: ${targets}`, resource });
  ctx.loss(s.remediation.src, `Keptn v1 scaled ${s.target.kind} "${s.target.name}" once per open problem; ${kind} "${name}" scales it continuously on ${targets}`);
  if (keda && !s.target.namespace) {
    ctx.manual(s.remediation.src, `ScaledObject "${name}" reads the KeptnMetrics over the metrics-operator's HTTP endpoint, whose URL names the namespace: replace ${NAMESPACE_PLACEHOLDER} with the namespace of the KeptnMetrics (and keptn-system if Keptn runs elsewhere)`);
  }
}
