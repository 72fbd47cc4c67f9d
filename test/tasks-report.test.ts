import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/engine/scan.js';
import type { MigrateOptions, TransformContext, Wiring } from '../src/engine/transform.js';
import { kubeName } from '../src/klt/names.js';
import { profile } from '../src/klt/targets.js';
import { validateResource } from '../src/klt/validate.js';
import convertJes from '../src/transforms/convert-jes-to-task-definitions.js';
import convertShipyard from '../src/transforms/convert-shipyard-tasks.js';
import convertWebhooks from '../src/transforms/convert-webhooks-to-deno-tasks.js';
import { FIXTURES, UPDATE, listCases } from './support/fixture-harness.js';

/**
 * The golden trees (migrate-fixtures.test.ts) hold the generated files; this test pins what they cannot show: the
 * losses, manual steps and wirings of every tasks-* case (fixtures/migrate/<case>/report.txt).
 */
const dir = path.join(FIXTURES, 'migrate');
const cases = listCases(dir).filter((c) => c.startsWith('tasks-'));

async function report(caseDir: string): Promise<string[]> {
  const optionsFile = path.join(caseDir, 'options.json');
  const o = existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as Partial<MigrateOptions>) : {};
  const options: MigrateOptions = { target: 'keptn-v2', outDir: 'keptn', keys: 'k8s', evaluations: false, autoscaler: 'hpa', unsafe: false, ...o };
  const result = await scan({ paths: ['.'], cwd: path.join(caseDir, 'input'), rules: [] });
  const lines: string[] = [];
  const wirings: Wiring[] = [];
  const names = new Map<string, Set<string>>();
  let current = '';
  const where = (at: unknown) => {
    const ref = at as { file: { displayPath: string; position(o: number): { line: number } }; range(): { start: number } };
    return `${ref.file.displayPath}:${ref.file.position(ref.range().start).line}`;
  };
  const ctx: TransformContext = {
    options,
    profile: profile(options.target),
    emit: (r) => {
      const problems = validateResource(r.resource, options.target);
      lines.push(`${current} emit ${String(r.resource.kind)}/${String((r.resource.metadata as { name: string }).name)}${problems.length ? ` INVALID ${JSON.stringify(problems)}` : ''}`);
    },
    edit: () => undefined,
    loss: (at, message) => lines.push(`${current} loss ${where(at)} ${message}`),
    manual: (at, message) => lines.push(`${current} manual ${where(at)} ${message}`),
    wire: (w) => {
      wirings.push(w);
      lines.push(`${current} wire ${w.service ?? '(app)'} ${w.phase} ${w.name}`);
    },
    wirings: () => wirings,
    uniqueName: (app, kind, wanted, max = 63) => {
      const taken = names.get(`${app}/${kind}`) ?? new Set<string>();
      names.set(`${app}/${kind}`, taken);
      const base = kubeName(wanted, max) || kind.toLowerCase();
      let name = base;
      for (let n = 2; taken.has(name); n++) name = `${base.slice(0, max - String(n).length - 1)}-${n}`;
      taken.add(name);
      return name;
    },
    appName: (d) => kubeName(result.project.projects.find((p) => p.dir === d)?.name ?? 'app', 63),
  };
  for (const t of [convertJes, convertShipyard, convertWebhooks]) {
    current = t.id;
    t.run(result.project, ctx);
  }
  return lines;
}

describe.each(cases)('task report %s', (name) => {
  it('losses, manual steps and wirings match report.txt, and every emitted resource validates', async () => {
    const caseDir = path.join(dir, name);
    const lines = await report(caseDir);
    const file = path.join(caseDir, 'report.txt');
    if (UPDATE) writeFileSync(file, `${lines.join('\n')}\n`);
    expect(lines.filter((l) => l.includes(' INVALID '))).toEqual([]);
    expect(lines).toEqual(readFileSync(file, 'utf8').split('\n').filter((l) => l !== ''));
  });
});
