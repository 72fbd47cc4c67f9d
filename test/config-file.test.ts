import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, findConfigFile, parseConfig } from '../src/config/load.js';
import { cli } from './support/cli.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'km-config-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

const DUPLICATE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: x\n  a: y\n';
const known = { rules: ['yaml-duplicate-key', 'slo-weight-zero'], transforms: ['annotate-workloads'] };

function errorOf(text: string): string {
  try {
    parseConfig(text, '.keptn-migrate.yaml', known);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('.keptn-migrate.yaml', () => {
  it('is found upward from the scanned path, stopping at the repository root', () => {
    const root = tree({ '.keptn-migrate.yaml': 'packs: [keptn]\n', 'a/b/c.yaml': 'x: 1\n', 'repo/.git/HEAD': 'ref\n', 'repo/sub/d.yaml': 'x: 1\n' });
    expect(findConfigFile(path.join(root, 'a/b'))).toBe(path.join(root, '.keptn-migrate.yaml'));
    expect(findConfigFile(path.join(root, 'a/b/c.yaml'))).toBe(path.join(root, '.keptn-migrate.yaml'));
    expect(findConfigFile(path.join(root, 'repo/sub'))).toBeUndefined();
  });

  it('names the key, the line and what is allowed in every error', () => {
    expect(errorOf('rules:\n  yaml-duplicate-key: sometimes\n')).toBe(
      '.keptn-migrate.yaml:2:23: rules.yaml-duplicate-key: must be one of blocker, warning, info, off, or a mapping with severity and options',
    );
    expect(errorOf('packs: [keptn, helm]\n')).toBe('.keptn-migrate.yaml:1:16: packs[1]: must be one of keptn, kyma, tilt');
    expect(errorOf('target: keptn-v3\n')).toMatch(/^\.keptn-migrate\.yaml:1:9: target: must be one of keptn-v2, /);
    expect(errorOf('exclude: 3\n')).toBe('.keptn-migrate.yaml:1:10: exclude: must be a glob or a list of globs');
    expect(errorOf('transforms:\n  keys: k8s\n  evaluation: true\n')).toMatch(/^\.keptn-migrate\.yaml:3:3: transforms\.evaluation: unknown key \(allowed: only, skip, /);
    expect(errorOf('rules:\n  slo-wieght-zero: off\n')).toBe('.keptn-migrate.yaml:2:3: rules.slo-wieght-zero: unknown rule (did you mean slo-weight-zero?)');
    expect(errorOf('transforms:\n  only: [annotate-workload]\n')).toBe(
      '.keptn-migrate.yaml:2:10: transforms.only: unknown transform "annotate-workload" (did you mean annotate-workloads?)',
    );
    expect(errorOf('rules: [a\n')).toMatch(/^\.keptn-migrate\.yaml:\d+:\d+: /);
    const many = errorOf('failOn: sometimes\nmaxWarnings: -1\n');
    expect(many.split('\n')).toHaveLength(2);
  });

  it('accepts the documented keys', () => {
    const config = parseConfig(
      [
        'packs: [keptn]',
        'target: keptn-0.10',
        'failOn: warning',
        'maxWarnings: 10',
        'include: "keptn/**"',
        'exclude: ["**/vendor/**"]',
        'baseline: .keptn-migrate-baseline.json',
        'rules:',
        '  yaml-duplicate-key: off',
        '  slo-weight-zero: { severity: blocker, options: { x: 1 } }',
        'transforms: { only: [annotate-workloads], out: klt, keys: keptn, evaluations: true, autoscaler: keda, unsafe: false }',
        '',
      ].join('\n'),
      'c.yaml',
      known,
    );
    expect(config.rules?.['slo-weight-zero']).toEqual({ severity: 'blocker', options: { x: 1 } });
  });

  it('turns rules off, changes severities and selects files in scan; --config and --no-config', async () => {
    const cwd = tree({ 'deploy/config.yaml': DUPLICATE, 'other/config.yaml': DUPLICATE, 'conf/strict.yaml': 'rules:\n  yaml-duplicate-key: blocker\n' });
    expect((await cli(['scan'], { cwd })).code).toBe(0);
    writeFileSync(path.join(cwd, '.keptn-migrate.yaml'), 'rules:\n  yaml-duplicate-key: blocker\nexclude: [other/**]\n');
    const strict = await cli(['scan', '-f', 'json'], { cwd });
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).findings.map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`)).toEqual(['deploy/config.yaml blocker']);
    expect((await cli(['scan', '--no-config'], { cwd })).code).toBe(0);
    writeFileSync(path.join(cwd, '.keptn-migrate.yaml'), 'rules:\n  yaml-duplicate-key: off\n');
    expect(JSON.parse((await cli(['scan', '-f', 'json'], { cwd })).stdout).findings).toEqual([]);
    expect((await cli(['scan', '--config', 'conf/strict.yaml'], { cwd })).code).toBe(1);
    expect((await cli(['scan', 'deploy', '--fail-on', 'never'], { cwd })).code).toBe(0);
  });

  it('exits 2 on an invalid configuration, naming the file and key', async () => {
    const cwd = tree({ 'a.yaml': 'x: 1\n', '.keptn-migrate.yaml': 'rules:\n  no-such-rule: off\n' });
    const r = await cli(['scan'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.keptn-migrate.yaml:2:3: rules.no-such-rule: unknown rule');
    const missing = await cli(['scan', '--config', 'nope.yaml'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: cannot be read (ENOENT)');
  });

  it('reads a configured baseline only from its own folder or below, never through a link, and never prints a file it is not', async () => {
    const outside = tree({ 'secret.txt': 'SECRET_TOKEN=ghs_abcdef\n' });
    const cwd = tree({ 'a.yaml': DUPLICATE, 'bad.json': 'SECRET_VALUE not json', 'ok/base.json': '{"formatVersion": 1, "findings": []}' });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(cwd, 'link.json'));
    for (const baseline of [path.join(outside, 'secret.txt'), path.relative(cwd, path.join(outside, 'secret.txt')), 'link.json']) {
      writeFileSync(path.join(cwd, '.keptn-migrate.yaml'), `baseline: ${JSON.stringify(baseline)}\n`);
      const r = await cli(['scan'], { cwd });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`baseline "${baseline}" is outside the folder of the configuration file (or reached through a symbolic link): not read`);
      expect(r.stderr).not.toContain('SECRET');
    }
    writeFileSync(path.join(cwd, '.keptn-migrate.yaml'), 'baseline: bad.json\n');
    const notJson = await cli(['scan'], { cwd });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('bad.json is not JSON');
    expect(notJson.stderr).not.toContain('SECRET');
    writeFileSync(path.join(cwd, '.keptn-migrate.yaml'), 'baseline: ok/base.json\n');
    const withBaseline = await cli(['scan', '--format', 'json'], { cwd });
    expect(withBaseline.code).toBe(0);
    expect((JSON.parse(withBaseline.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).toContain('yaml-duplicate-key');
    // given on the command line, a baseline may be anywhere
    expect((await cli(['scan', '--no-config', '--baseline', path.join(cwd, 'ok', 'base.json')], { cwd: outside })).code).toBe(0);
  });
});
