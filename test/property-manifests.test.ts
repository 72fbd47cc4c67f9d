// Property: mutated workload manifests, Helm chart files and Kustomize bases/overlays (a key dropped, duplicated,
// renamed or given another type; the text truncated or salted with garbage lines), next to an intact Keptn v1
// project, never make scan or migrate throw or a rule crash; migrate's edits only insert lines and never break what
// parsed, its output always validates or the file is refused with a reason. In-process, fixed seeds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/engine/migrate.js';
import { baseRepository, checkRepository, describeMutationProperties } from './support/hostile.js';

const TINY = baseRepository();
const KUSTOMIZE_DEPLOYMENT = (TINY['keptn/carts/manifests/carts.yaml'] ?? '').split(/^---$/m).find((d) => d.includes('kind: Deployment')) ?? '';
// the webhook is left out: its Deno tasks are type-checked with ts-morph (about a second per run) and it is not
// what this property mutates
const BASE: Record<string, string> = {
  ...Object.fromEntries(Object.entries(TINY).filter(([f]) => !f.includes('webhook'))),
  'keptn/base/carts/deployment.yaml': KUSTOMIZE_DEPLOYMENT.replace(/^\n/, ''),
  'keptn/base/carts/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n',
  'keptn/overlays/dev/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: sockshop-dev\nresources:\n  - ../../base/carts\npatches:\n  - path: patch.yaml\n',
  'keptn/overlays/dev/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: carts\nspec:\n  replicas: 3\n',
};
const MANIFEST_FILES = Object.keys(BASE).filter((f) => /manifests\/|charts\/|base\/|overlays\//.test(f)).sort();
const dir = mkdtempSync(path.join(tmpdir(), 'km-prop-manifests-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeMutationProperties('property: mutated manifests, Helm charts and Kustomize files', BASE, MANIFEST_FILES, 20_260_711);

// Regressions the property found with other seeds (long runs), kept as examples with explicit inputs (in `dir`).
describe('property counterexamples: manifests', () => {
  const settings = { target: 'keptn-v2' as const, keys: 'k8s' as const, evaluations: false, autoscaler: 'hpa' as const };
  const DEPLOYMENT = KUSTOMIZE_DEPLOYMENT.replace(/^\n/, '');
  /** the Deployment with its pod template's `metadata:` block removed (Kustomize `commonLabels` adds the labels) */
  const WITHOUT_POD_METADATA = DEPLOYMENT.replace(/\n {4}metadata:\n(?: {6}.*\n)+/, '\n');

  // Regression test. The bug it caught (now fixed): `kind in POD_TEMPLATE_PATHS` (isWorkloadKind, src/formats/k8s.ts) is true for
  // inherited Object.prototype names; readWorkload() then spreads POD_TEMPLATE_PATHS['constructor'] (a function):
  // "TypeError: tpl is not iterable" escapes from the model build, scan() rejects and the CLI exits 2 (internal
  // error) for a one-line manifest `kind: constructor`. Use Object.hasOwn / a Map.
  it('a document of kind __proto__, constructor or toString does not crash the scan', { timeout: 30_000 }, async () => {
    const odd = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((k) => `apiVersion: v1\nkind: ${k}\nmetadata:\n  name: odd\n`).join('---\n');
    await checkRepository(dir, { ...BASE, 'keptn/carts/manifests/odd.yaml': odd }, settings);
  });

  // Regression test. The bug it caught (now fixed): when the pod template has no `metadata:` (a Kustomize base whose labels come from
  // commonLabels), the workload-keys transform and the task-annotations transform each insert their own
  // `metadata:` block (src/edit/yaml-insert.ts creates missing parents per call; the edits are not merged), so the
  // result has a duplicate `metadata` key; stillParses() catches it and the workload is skipped, not migrated.
  it('a pod template without metadata gets labels and annotations in one new metadata block', { timeout: 30_000 }, async () => {
    expect(WITHOUT_POD_METADATA).not.toMatch(/\n {4}metadata:/);
    const files = { ...BASE, 'keptn/carts/manifests/carts.yaml': WITHOUT_POD_METADATA };
    await checkRepository(dir, files, settings);
    const { changes } = await migrate({ paths: ['.'], cwd: dir, migrate: { ...settings, outDir: 'keptn-out', unsafe: false } });
    const edited = changes.files.find((f) => f.path === 'keptn/carts/manifests/carts.yaml');
    expect(edited?.status, edited?.reason).toBe('modified');
  });

  // Regression test. The bug it caught (now fixed): stillParses() in src/engine/migrate.ts compares the NUMBER of js-yaml problems before
  // and after an edit, but js-yaml stops at the first error of a stream: in a file that already had one (a duplicate
  // `apiVersion:` here) any new breakage is invisible, and the edit above (two `spec:` blocks added to a Deployment
  // without spec) is written, breaking the file further. Found by the text-mutation property (truncation).
  it('an edit never adds YAML errors to a file that already had one', { timeout: 30_000 }, async () => {
    const broken = 'apiVersion: apps/v1\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: carts\n';
    await checkRepository(dir, { ...BASE, 'keptn/carts/manifests/carts.yaml': broken }, settings);
  });
});
