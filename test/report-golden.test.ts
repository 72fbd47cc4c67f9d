import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { cli } from './support/cli.js';

/**
 * Golden files for every output format, all from ONE shared result: a scan of fixtures/report/input (two Keptn v1
 * projects, manifests, a CI script, suppression directives and a .keptn-migrate.yaml). Run with UPDATE_FIXTURES=1 to
 * rewrite fixtures/report/golden/ after a deliberate change, then review the diff.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const INPUT = path.join(ROOT, 'fixtures/report/input');
const GOLDEN = path.join(ROOT, 'fixtures/report/golden');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

const normalise = (s: string) => s.split(VERSION).join('<version>');

const outputs = new Map<string, string>();

async function run(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const r = await cli(args, { cwd: INPUT, env });
  expect(r.stderr.replace(/keptn-migrate: readiness report written to .*\n/, ''), `${name}: nothing on stderr`).toBe('');
  expect(r.code, `${name}: exit code`).toBe(0);
  outputs.set(name, normalise(r.stdout));
}

beforeAll(async () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'km-golden-'));
  await run('scan.stylish.txt', ['scan', '--fail-on', 'never', '--no-color']);
  await run('scan.json', ['scan', '-f', 'json', '--fail-on', 'never']);
  await run('scan.sarif', ['scan', '-f', 'sarif', '--fail-on', 'never']);
  await run('scan.junit.xml', ['scan', '-f', 'junit', '--fail-on', 'never']);
  await run('scan.gitlab.json', ['scan', '-f', 'gitlab', '--fail-on', 'never']);
  const summary = path.join(tmp, 'summary.md');
  writeFileSync(summary, '');
  await run('scan.github.txt', ['scan', '-f', 'github', '--fail-on', 'never'], { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true', CI: 'true' });
  outputs.set('scan.github-step-summary.md', normalise(readFileSync(summary, 'utf8')));
  await run('report.json', ['report', '-f', 'json', '--name', 'sockshop-platform']);
  await run('report.md', ['report', '-f', 'markdown', '--name', 'sockshop-platform']);
  await run('report.html', ['report', '-f', 'html', '--name', 'sockshop-platform']);
  const body = path.join(tmp, 'pr-body.md');
  const pr = await cli(['migrate', '--pr-body', body], { cwd: INPUT, env: {} });
  expect(pr.code).toBe(0);
  outputs.set('pr-body.md', normalise(readFileSync(body, 'utf8')).split(body).join('<pr-body>'));
}, 120_000);

describe('golden outputs of the shared report fixture', () => {
  const names = [
    'scan.stylish.txt',
    'scan.json',
    'scan.sarif',
    'scan.junit.xml',
    'scan.gitlab.json',
    'scan.github.txt',
    'scan.github-step-summary.md',
    'report.json',
    'report.md',
    'report.html',
    'pr-body.md',
  ];
  it.each(names)('%s', (name) => {
    const actual = outputs.get(name);
    expect(actual, `${name} was produced`).toBeDefined();
    const file = path.join(GOLDEN, name);
    if (UPDATE || !existsSync(file)) writeFileSync(file, actual as string);
    expect(actual).toBe(readFileSync(file, 'utf8'));
  });

  it('covers suppressions, configuration and every severity', () => {
    const report = JSON.parse(outputs.get('report.json') as string);
    expect(report.counts.suppressed).toBe(2);
    const rules = new Set(report.repositories[0].findings.map((f: { ruleId: string }) => f.ruleId));
    expect(rules.has('unused-suppression')).toBe(true);
    expect(rules.has('namespace-not-enabled'), 'turned off in .keptn-migrate.yaml').toBe(false);
    expect(report.repositories[0].findings.find((f: { ruleId: string }) => f.ruleId === 'shipyard-triggered-after')?.severity, 'severity from the config').toBe('info');
    expect(report.counts.blocker).toBeGreaterThan(0);
    expect(report.counts.warning).toBeGreaterThan(0);
    expect(report.counts.info).toBeGreaterThan(0);
  });
});
