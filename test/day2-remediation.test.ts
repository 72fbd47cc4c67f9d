import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { metricQuery, replicaBounds, scalingDelta, type ScalingStep } from '../src/day2/remediation-plan.js';
import { matchSli, type SliCandidate } from '../src/day2/sli-match.js';
import { migrate } from '../src/engine/migrate.js';
import { validateResource } from '../src/klt/validate.js';
import { TARGETS } from '../src/klt/targets.js';
import { FIXTURES, listCases } from './support/fixture-harness.js';

const c = (name: string, inSlo = false, provider = 'prometheus'): SliCandidate => ({ name, provider, inSlo });

describe('problem type → SLI', () => {
  const slis = [c('response_time_p90', true), c('response_time_p50'), c('error_rate', true), c('throughput'), c('cpu_usage')];

  it('matches the SLI name exactly, ignoring case and punctuation', () => {
    expect(matchSli('response_time_p90', slis)).toMatchObject({ how: 'exact', sli: { name: 'response_time_p90' } });
    expect(matchSli('Response Time P90', slis)).toMatchObject({ how: 'exact', sli: { name: 'response_time_p90' } });
  });

  it('guesses by symptom, preferring SLIs of the slo.yaml, and lists the alternatives', () => {
    expect(matchSli('Response time degradation', slis)).toMatchObject({ how: 'category', category: 'response time', sli: { name: 'response_time_p90' }, alternatives: [] });
    expect(matchSli('Response time degradation', [c('response_time_p95'), c('response_time_p50')])).toMatchObject({ sli: { name: 'response_time_p50' }, alternatives: ['response_time_p95'] });
    expect(matchSli('Failure rate increase', slis)).toMatchObject({ how: 'category', sli: { name: 'error_rate' } });
    expect(matchSli('High CPU on carts', slis)).toMatchObject({ how: 'category', sli: { name: 'cpu_usage' } });
  });

  it('falls back to shared words and refuses the catch-all problem types', () => {
    expect(matchSli('number of logs', [c('logs_number'), c('x')])).toMatchObject({ how: 'words', sli: { name: 'logs_number' } });
    expect(matchSli('default', slis)).toMatchObject({ how: 'none' });
    expect(matchSli('*', slis).reason).toMatch(/every problem/);
    expect(matchSli('Disk full', slis)).toMatchObject({ how: 'none' });
    expect(matchSli('Response time degradation', [])).toMatchObject({ how: 'none' });
  });
});

describe('scaling values → replica bounds', () => {
  const step = (problemType: string, value: unknown): ScalingStep => ({ problemType, delta: scalingDelta(value) }) as ScalingStep;

  it('reads the values helm-service accepted', () => {
    expect([scalingDelta('+1'), scalingDelta('1'), scalingDelta(2), scalingDelta('-1'), scalingDelta(' +3 ')]).toEqual([1, 1, 2, -1, 3]);
    expect([scalingDelta('lots'), scalingDelta(1.5), scalingDelta(null), scalingDelta({ a: 1 })]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('max = replicas + the largest total one problem adds; min = replicas + the most negative total, at least 1', () => {
    expect(replicaBounds(2, [step('a', '+1'), step('b', '1'), step('b', 2)])).toEqual({ min: 2, max: 5 });
    expect(replicaBounds(3, [step('a', '-1'), step('a', '+1')])).toEqual({ min: 2, max: 4 });
    expect(replicaBounds(1, [step('a', '-2')])).toEqual({ min: 1, max: 1 });
  });
});

describe('SLI query → static KeptnMetric query', () => {
  it('fills the Keptn placeholders and reports what is fixed or missing', () => {
    const q = metricQuery('rate(x{job="$SERVICE-$PROJECT-$STAGE",l="$LABEL.team"}[$DURATION_SECONDS])', 'prometheus', {}, { project: 'shop', service: 'carts' });
    expect(q.query).toBe('rate(x{job="carts-shop-$STAGE",l="$LABEL.team"}[60s])');
    expect(q.notes.join('\n')).toMatch(/\$STAGE has no value/);
    expect(q.notes.join('\n')).toMatch(/\$LABEL.team/);
    const dd = metricQuery('avg:trace.http.request{service:$SERVICE,env:$STAGE}.rollup($DURATION)', 'datadog', {}, { project: 'p', service: 's', stage: 'prod' });
    expect(dd.query).toBe('avg:trace.http.request{service:s,env:prod}.rollup(60)');
    expect(metricQuery('sum(x{a="{{b}}"})', 'prometheus', {}, { project: 'p', service: 's' }).query).toBe('sum(x{a="{{b}}"})');
  });
});

const dayCases = listCases(path.join(FIXTURES, 'migrate')).filter((n) => n.startsWith('day2-'));

describe('every remediation fixture, every target and autoscaler', () => {
  it.each(dayCases.flatMap((n) => TARGETS.flatMap((t) => (['hpa', 'keda'] as const).map((a) => [n, t, a] as const))))('%s on %s with %s: every output validates', async (name, target, autoscaler) => {
    const { changes } = await migrate({
      paths: ['.'],
      cwd: path.join(FIXTURES, 'migrate', name, 'input'),
      only: ['convert-remediation-to-day2'],
      migrate: { target, outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler, unsafe: false },
    });
    expect(changes.invalid).toEqual([]);
    const created = changes.files.filter((f) => f.status === 'created' && !f.path.endsWith('kustomization.yaml'));
    expect(created.length).toBeGreaterThan(0);
    expect(created.some((f) => f.path.includes(autoscaler === 'keda' ? '/scaledobject-' : '/horizontalpodautoscaler-')) || name === 'day2-custom-actions').toBe(true);
    expect(created.some((f) => f.path.includes(autoscaler === 'keda' ? '/horizontalpodautoscaler-' : '/scaledobject-'))).toBe(false);
  });

  it('rejects an autoscaler the generator could get wrong', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 0, metrics: [{ type: 'External', external: {} }] } };
    expect(validateResource(hpa, 'keptn-v2').length).toBeGreaterThan(0);
    const so = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'x' }, spec: { scaleTargetRef: { name: 'x' }, triggers: [{ type: 'metrics-api', metadata: { targetValue: 5 } }] } };
    expect(validateResource(so, 'klt-0.9').length).toBeGreaterThan(0);
  });
});
