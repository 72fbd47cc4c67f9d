// `npm run build` compiles the schemas of src/klt/schemas.ts into dist/klt/validators.cjs (scripts/validators.js), and
// the compiled validate.js uses those instead of compiling at every run: they must be used, and judge exactly as the
// validators compiled from the schemas at run time do (the sources here compile at run time: no validators.cjs in src/).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsYaml } from '../src/core/js-yaml.js';
import { migrate } from '../src/engine/migrate.js';
import { validateResource, validatorSource } from '../src/klt/validate.js';
import { TARGETS } from '../src/klt/targets.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const COMPILED = path.join(ROOT, 'dist/klt/validate.js');

describe('validators compiled by the build', () => {
  it('are used by the compiled CLI (their digest is that of the current schemas); the sources compile at run time', async () => {
    expect(existsSync(path.join(ROOT, 'dist/klt/validators.cjs'))).toBe(true);
    const dist = (await import(pathToFileURL(COMPILED).href)) as { validatorSource: typeof validatorSource };
    expect(dist.validatorSource()).toBe('build');
    expect(validatorSource()).toBe('run');
  });

  it('judge every generated resource, and broken copies of them, as the run-time validators do, for every target', { timeout: 120_000 }, async () => {
    const dist = (await import(pathToFileURL(COMPILED).href)) as { validateResource: typeof validateResource };
    let checked = 0;
    for (const target of TARGETS) {
      const { changes } = await migrate({ paths: [path.join(ROOT, 'examples/sockshop')], migrate: { target, outDir: 'keptn', keys: 'k8s', evaluations: true, autoscaler: 'hpa', unsafe: true } });
      const resources = changes.files.filter((f) => f.status === 'created' && !f.path.endsWith('kustomization.yaml')).map((f) => parseResource(f.after));
      expect(resources.length).toBeGreaterThan(5);
      for (const r of resources) {
        const broken = [r, { ...r, spec: { ...(r.spec as object), unknownField: 1 } }, { ...r, metadata: { name: 'Not_A_Name' } }, { ...r, apiVersion: 'x/v0' }, { kind: r.kind }];
        for (const b of broken) {
          expect(dist.validateResource(b, target)).toEqual(validateResource(b, target));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

/** a generated file: a header comment and one YAML document */
function parseResource(text: string): Record<string, unknown> {
  return jsYaml.load(text) as Record<string, unknown>;
}
