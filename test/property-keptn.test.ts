// Property: mutated Keptn v1 files (a key dropped, duplicated, renamed or given another type; the text truncated or
// salted with garbage lines) never make scan or migrate throw or a rule crash, and migrate's output always
// validates or the file is refused with a reason. In-process (src/engine/scan.ts, src/engine/migrate.ts), fixed seeds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { baseRepository, checkRepository, describeMutationProperties } from './support/hostile.js';

const BASE = baseRepository();
const KEPTN_FILES = Object.keys(BASE).filter((f) => /shipyard|slo\.yaml|sli\.yaml|job\/config|remediation|webhook/.test(f)).sort();
const dir = mkdtempSync(path.join(tmpdir(), 'km-prop-keptn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeMutationProperties('property: mutated Keptn v1 files', BASE, KEPTN_FILES, 20_260_701);

// Regressions the property found with other seeds (long runs), kept as examples with explicit inputs (in `dir`).
describe('property counterexamples: Keptn v1 files', () => {
  const settings = { target: 'keptn-v2' as const, keys: 'k8s' as const, evaluations: false, autoscaler: 'hpa' as const };

  // Regression test. The bug it caught (now fixed): the job-executor transform (src/transforms/convert-jes-to-task-definitions.ts) copies
  // a task's `resources` into the KeptnTaskDefinition container unchecked; `limits: {cpu: yes}` (or any value that is
  // not a Kubernetes quantity) gives a resource that fails validation, so `changes.invalid` is not empty and
  // `migrate` exits 2 ("internal failure") on user input. Expected: the value is left out with a loss (or the task
  // refused with a manual step) and every emitted resource validates.
  it('a job-executor task whose resource limits are not quantities still yields only valid resources', { timeout: 30_000 }, async () => {
    const job = (BASE['keptn/carts/job/config.yaml'] ?? '').replace(/limits: \{cpu: 500m, memory: 256Mi\}/, 'limits: {cpu: yes, memory: 256Mi}');
    expect(job).toContain('cpu: yes');
    await checkRepository(dir, { ...BASE, 'keptn/carts/job/config.yaml': job }, settings);
  });
});
