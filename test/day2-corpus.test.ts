import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { day2CorpusStats, formatDay2Stats } from '../src/day2/corpus-stats.js';
import { migrate } from '../src/engine/migrate.js';
import { TARGETS } from '../src/klt/targets.js';
import { HAVE_CRDS, upstreamValidate } from './support/upstream-crds.js';

/** Reads ../shared/corpus in place (CI has ../shared beside the clone); skipped when it is absent. */
const CORPUS = path.resolve(import.meta.dirname, '../../shared/corpus');
const KEPTN_V1 = path.join(CORPUS, 'keptn-v1');
const KLT_EXAMPLES = path.join(CORPUS, 'klt/examples');
const OFFICIAL = path.join(CORPUS, 'klt/official-converter-fixtures/keptnapp');
const present = existsSync(KEPTN_V1) && existsSync(KLT_EXAMPLES);

const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown>).filter((d) => d && typeof d === 'object');

describe.skipIf(!present)('Day 2 transforms on the shared corpus (needs ../shared)', () => {
  it('converts every remediation.yaml and upgrades every KLT example without a crash, an invalid output or a broken file', async () => {
    const stats = await day2CorpusStats({ keptnV1: KEPTN_V1, kltExamples: KLT_EXAMPLES });
    console.log(formatDay2Stats(stats));
    const r = stats.remediation;
    const k = stats.klt;
    expect(r && k).toBeTruthy();
    if (!r || !k) return;
    expect(r.files).toBeGreaterThanOrEqual(18);
    expect(k.files).toBeGreaterThanOrEqual(36);
    for (const s of [r, k]) {
      expect(s.crashes).toEqual([]);
      expect(s.invalid).toEqual([]);
      expect(s.broken).toEqual([]);
      expect(s.counts.full + s.counts['with-losses'] + s.counts['not-at-all'] + s.counts['nothing-to-do']).toBe(s.files);
    }
    // every older example is upgraded; every v1 example is already current
    expect(k.perFile.filter((f) => f.file.startsWith('v1alpha3/') && !f.file.includes('deployments') && !f.file.includes('namespace')).every((f) => f.outcome === 'full' || f.outcome === 'with-losses')).toBe(true);
    expect(k.perFile.filter((f) => f.file.startsWith('v1/')).every((f) => f.outcome === 'nothing-to-do')).toBe(true);
  });

  it.each(TARGETS)('migrate over the Keptn v1 corpus (%s, dry run) emits only valid resources', async (target) => {
    for (const autoscaler of ['hpa', 'keda'] as const) {
      const { changes } = await migrate({ paths: ['.'], cwd: KEPTN_V1, only: ['convert-remediation-to-day2'], migrate: { target, outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler, unsafe: false } });
      expect(changes.invalid).toEqual([]);
      expect(changes.files.some((f) => f.path.endsWith('.yaml') && f.status === 'created')).toBe(true);
    }
  });

  it.skipIf(!HAVE_CRDS).each(TARGETS)('every KLT example upgraded for %s validates against the upstream CRDs', async (target) => {
    const { changes } = await migrate({ paths: ['.'], cwd: KLT_EXAMPLES, only: ['upgrade-klt-resources'], migrate: { target, outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false } });
    expect(changes.invalid).toEqual([]);
    const touched = changes.files.filter((f) => (f.status === 'modified' || f.status === 'created') && f.path.endsWith('.yaml') && !f.path.endsWith('kustomization.yaml'));
    expect(touched.length).toBeGreaterThan(0);
    for (const f of touched) {
      for (const d of docs(f.after)) {
        if (!/^(lifecycle|metrics)\.keptn\.sh\//.test(String(d.apiVersion))) continue;
        expect(upstreamValidate(d, target), `${f.path} ${String(d.kind)}`).toEqual([]);
      }
    }
  });

  it("matches the official KeptnApp converter's output, with managed-by as a label (as the controller reads it)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'day2-official-'));
    mkdirSync(path.join(dir, 'manifests'));
    writeFileSync(path.join(dir, 'manifests/app.yaml'), readFileSync(path.join(OFFICIAL, 'example_keptnapp.input.yaml')));
    const { changes } = await migrate({ paths: ['.'], cwd: dir, only: ['upgrade-klt-resources'], migrate: { target: 'keptn-v2', outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false } });
    const ours = changes.files.filter((f) => f.path.endsWith('.yaml') && !f.path.endsWith('kustomization.yaml')).flatMap((f) => docs(f.after));
    const official = docs(readFileSync(path.join(OFFICIAL, 'example_output.expected.yaml'), 'utf8'));
    const clean = (d: Record<string, unknown>) => {
      const { status: _s, ...rest } = d;
      const meta = { ...(rest.metadata as Record<string, unknown>) };
      delete meta.creationTimestamp;
      const annotations = { ...((meta.annotations as Record<string, string> | undefined) ?? {}) };
      const labels = { ...((meta.labels as Record<string, string> | undefined) ?? {}) };
      // the official converter writes managed-by as an annotation; the controller reads the label
      if (annotations['app.kubernetes.io/managed-by']) labels['app.kubernetes.io/managed-by'] = annotations['app.kubernetes.io/managed-by'] as string;
      delete annotations['app.kubernetes.io/managed-by'];
      delete meta.annotations;
      delete meta.labels;
      if (Object.keys(annotations).length) meta.annotations = annotations;
      if (Object.keys(labels).length) meta.labels = labels;
      return { ...rest, metadata: meta };
    };
    const byKind = (list: Record<string, unknown>[]) => Object.fromEntries(list.map((d) => [String(d.kind), clean(d)]));
    expect(byKind(ours)).toEqual(byKind(official));
    const app = ours.find((d) => d.kind === 'KeptnApp') as { metadata: { labels?: Record<string, string>; annotations?: unknown } };
    expect(app.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'keptn' });
    expect(app.metadata.annotations).toBeUndefined();
  });
});
