import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createProgress, isCi, renderProgress } from '../src/engine/progress.js';
import { cli } from './support/cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'km-ci-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const json = async (args: string[], cwd: string) => JSON.parse((await cli([...args, '-f', 'json', '--fail-on', 'never'], { cwd })).stdout);

const SLO = [
  'spec_version: "1.0"',
  'objectives:',
  '  - sli: "throughput"',
  '    # keptn-migrate-disable-next-line slo-weight-zero -- throughput is informative here',
  '    weight: 0',
  '    pass:',
  '      - criteria: [">100"]',
  '  - sli: "error_rate"',
  '    weight: 0',
  '    pass:',
  '      - criteria: ["<1"]',
  'total_score:',
  '  pass: "90%"',
  '',
].join('\n');

describe('inline suppressions', () => {
  it('hide the next line with a reason, report unused and reason-less directives', async () => {
    const cwd = tree({ 'keptn/carts/slo.yaml': SLO });
    const before = (await json(['scan'], cwd)).findings.filter((f: { ruleId: string }) => f.ruleId === 'slo-weight-zero');
    expect(before.map((f: { line: number }) => f.line)).toEqual([9]);
    // line 5 is suppressed; a directive without reason does not suppress and is reported
    writeFileSync(path.join(cwd, 'keptn/carts/slo.yaml'), SLO.replace('  - sli: "error_rate"\n    weight: 0', '  - sli: "error_rate"\n    # keptn-migrate-disable-next-line slo-weight-zero\n    weight: 0'));
    const after = (await json(['scan'], cwd)).findings.map((f: { ruleId: string; line: number; message: string }) => `${f.line} ${f.ruleId} ${f.message}`);
    expect(after.filter((l: string) => l.split(' ')[1] === 'slo-weight-zero').map((l: string) => l.split(' ')[0])).toEqual(['10']);
    expect(after).toContain('9 unused-suppression keptn-migrate-disable-next-line slo-weight-zero has no reason, so it suppresses nothing: add `-- why this is acceptable` after the rule ids');
  });

  it('file-level directives, unused ones and unknown rule ids; off in the config silences the reports only', async () => {
    const cwd = tree({
      'keptn/carts/slo.yaml': '# keptn-migrate-disable-file slo-weight-zero, slo-key-sli -- reviewed with the SRE team\n' + SLO.replace('    # keptn-migrate-disable-next-line slo-weight-zero -- throughput is informative here\n', '    # keptn-migrate-disable-next-line slo-weigth-zero -- typo\n'),
    });
    const findings = (await json(['scan'], cwd)).findings.map((f: { ruleId: string; line: number; message: string }) => `${f.line} ${f.ruleId} ${f.message}`);
    expect(findings.filter((l: string) => l.includes(' slo-weight-zero '))).toEqual([]);
    expect(findings).toContain('1 unused-suppression unused suppression: rule slo-key-sli reports nothing in this file; remove slo-key-sli from the directive');
    expect(findings).toContain('5 unused-suppression keptn-migrate-disable-next-line names unknown rule "slo-weigth-zero" (see `keptn-migrate rules`)');
    writeFileSync(path.join(cwd, '.keptn-migrate.yaml'), 'rules:\n  unused-suppression: off\n');
    const quiet = (await json(['scan'], cwd)).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(quiet).not.toContain('unused-suppression');
    expect(quiet).not.toContain('slo-weight-zero');
  });
});

describe('baseline', () => {
  it('records today\'s findings and then reports only new ones, surviving edits elsewhere in the file', async () => {
    const cwd = tree({ 'keptn/carts/slo.yaml': SLO.replace(/ {4}# keptn-migrate.*\n/, ''), 'keptn/orders/slo.yaml': SLO.replace(/ {4}# keptn-migrate.*\n/, '') });
    const write = await cli(['scan', '--baseline-write', 'baseline.json', '--fail-on', 'warning'], { cwd });
    expect(write.code).toBe(0);
    expect(write.stderr).toMatch(/wrote \d+ finding\(s\) to the baseline baseline\.json/);
    const baseline = JSON.parse(readFileSync(path.join(cwd, 'baseline.json'), 'utf8'));
    expect(baseline.formatVersion).toBe(1);
    expect(baseline.findings.length).toBeGreaterThan(2);
    expect((await cli(['scan', '--baseline', 'baseline.json', '--fail-on', 'warning'], { cwd })).code).toBe(0);
    // lines inserted above every finding: the same findings, on other lines, are still known
    const file = path.join(cwd, 'keptn/carts/slo.yaml');
    writeFileSync(file, '# a comment\n# another one\n' + readFileSync(file, 'utf8'));
    const moved = await cli(['scan', '--baseline', 'baseline.json', '--fail-on', 'warning', '-f', 'json'], { cwd });
    expect(JSON.parse(moved.stdout).findings).toEqual([]);
    expect(moved.code).toBe(0);
    // a new problem is reported
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - sli: "throughput"', '  - sli: "latency"\n    weight: 0\n    pass:\n      - criteria: ["<5"]\n  - sli: "throughput"'));
    const fresh = await cli(['scan', '--baseline', 'baseline.json', '--fail-on', 'warning', '-f', 'json'], { cwd });
    expect(fresh.code).toBe(1);
    expect(JSON.parse(fresh.stdout).findings.map((f: { message: string }) => f.message).join('\n')).toContain('"latency"');
    // a fixed finding makes its entry stale
    writeFileSync(path.join(cwd, 'keptn/orders/slo.yaml'), 'spec_version: "1.0"\nobjectives:\n  - sli: "x"\n    pass:\n      - criteria: ["<1"]\ntotal_score:\n  pass: "90%"\n');
    const stale = await cli(['scan', '--baseline', 'baseline.json', '--fail-on', 'never'], { cwd });
    expect(stale.stderr).toMatch(/\d+ baseline entr(y|ies) no longer occur/);
  });

  it('exits 2 on a missing or foreign baseline file', async () => {
    const cwd = tree({ 'a.yaml': 'x: 1\n', 'scan.json': '{"formatVersion":1,"findings":{}}' });
    expect((await cli(['scan', '--baseline', 'nope.json'], { cwd })).stderr).toContain('--baseline: nope.json cannot be read (ENOENT)');
    const foreign = await cli(['scan', '--baseline', 'scan.json'], { cwd });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('is not a keptn-migrate baseline');
  });
});

describe('progress indicator', () => {
  function stream(tty: boolean) {
    const s = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
    s.isTTY = tty;
    s.columns = 80;
    let out = '';
    s.on('data', (c: Buffer) => (out += c.toString()));
    return { s, text: () => out };
  }
  const tick = (p: ReturnType<typeof createProgress>) => {
    for (let i = 1; i <= 5; i++) p.update({ phase: 'read', done: i * 100, total: 500 });
    p.done();
  };

  it('draws on a TTY outside CI, then clears its line', () => {
    let t = 0;
    const { s, text } = stream(true);
    tick(createProgress({ stream: s, env: {}, machineOutputOnStdout: false, now: () => (t += 1000) }));
    expect(text()).toContain('\rkeptn-migrate: reading [####################] 500/500 files');
    expect(text().endsWith('\r')).toBe(true);
  });

  it('never draws without a TTY, in CI, or with machine output on stdout', () => {
    let t = 0;
    const now = () => (t += 1000);
    for (const [tty, env, machine] of [
      [false, {}, false],
      [true, { CI: 'true' }, false],
      [true, { GITHUB_ACTIONS: 'true' }, false],
      [true, {}, true],
    ] as const) {
      const { s, text } = stream(tty);
      tick(createProgress({ stream: s, env, machineOutputOnStdout: machine, now }));
      expect(text()).toBe('');
    }
    expect(isCi({ CI: 'false' })).toBe(false);
    expect(isCi({ CI: '1' })).toBe(true);
  });

  it('renders phases', () => {
    expect(renderProgress({ phase: 'analyse', done: 0, total: 0 })).toBe('keptn-migrate: analysing…');
    expect(renderProgress({ phase: 'read', done: 50, total: 200 })).toBe('keptn-migrate: reading [#####...............] 50/200 files');
  });

  it('keeps stderr empty in a CLI run that is not on a TTY', async () => {
    const r = await cli(['scan', '-f', 'json', '--fail-on', 'never'], { cwd: path.join(ROOT, 'fixtures/report/input') });
    expect(r.stderr).toBe('');
  });
});

describe('GitHub Action and GitLab template', () => {
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));

  it('action.yml is a composite action: scan to SARIF, upload it, annotate and summarise', () => {
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps as { name: string; uses?: string; run?: string; shell?: string; if?: string }[];
    for (const s of steps.filter((x) => x.run)) expect(s.shell, `${s.name} needs a shell in a composite action`).toBe('bash');
    expect(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    const sarif = steps.findIndex((s) => s.run?.includes('--format sarif'));
    const upload = steps.findIndex((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    const gate = steps.findIndex((s) => s.run?.includes('--format github'));
    expect(sarif).toBeLessThan(upload);
    expect(upload).toBeLessThan(gate);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'fail-on', 'config', 'baseline', 'sarif-file', 'upload-sarif']));
    // inputs reach the scripts through env, never pasted into the script text (script injection)
    for (const s of steps.filter((x) => x.run)) expect(s.run).not.toMatch(/\$\{\{/);
  });

  it("action.yml's scripts run: SARIF written, annotations and the step summary produced", () => {
    const bash = spawnSync('bash', ['--version']);
    if (bash.status !== 0) return;
    const steps = action.runs.steps as { name: string; run?: string; env?: Record<string, string> }[];
    const work = mkdtempSync(path.join(tmpdir(), 'km-action-'));
    const summary = path.join(work, 'summary.md');
    writeFileSync(summary, '');
    const inputs: Record<string, string> = { path: 'fixtures/report/input', 'fail-on': 'blocker', config: '', baseline: '', 'sarif-file': path.join(work, 'out.sarif') };
    const codes: number[] = [];
    let log = '';
    for (const step of steps.filter((s) => s.run && !s.run.includes('npm ci'))) {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = v.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, name: string) => inputs[name] ?? '');
      const r = spawnSync('bash', ['-e', '-c', step.run as string], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, ...env, GITHUB_ACTION_PATH: ROOT, GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: ROOT, CI: 'true' },
      });
      codes.push(r.status ?? -1);
      log += r.stdout;
    }
    expect(codes).toEqual([0, 1]);
    expect(JSON.parse(readFileSync(inputs['sarif-file'] as string, 'utf8')).version).toBe('2.1.0');
    expect(log).toMatch(/^::error file=fixtures\/report\/input\/keptn\//m);
    expect(readFileSync(summary, 'utf8')).toContain('## Keptn migration readiness');
  }, 60_000);

  it('the GitLab template publishes Code Quality and JUnit reports', () => {
    const tpl = parse(readFileSync(path.join(ROOT, 'ci/gitlab/keptn-migrate.gitlab-ci.yml'), 'utf8'));
    const job = tpl['.keptn-migrate'];
    expect(job.artifacts.reports).toEqual({ codequality: 'gl-code-quality-report.json', junit: 'keptn-migrate-junit.xml' });
    expect(job.artifacts.when).toBe('always');
    const script = (job.script as string[]).join('\n');
    expect(script).toContain('--format gitlab --output gl-code-quality-report.json --fail-on never');
    expect(script).toContain('--format junit --output keptn-migrate-junit.xml --fail-on "$KEPTN_MIGRATE_FAIL_ON"');
    expect(tpl['keptn-migrate'].extends).toBe('.keptn-migrate');
  });
});
