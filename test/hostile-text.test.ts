// Text from a hostile repository in the outputs people and CI logs read: a file name holding a line break and a
// GitHub workflow command, a Deployment name holding terminal escape sequences (clear screen, set the window title,
// CSI, bell) and a bidirectional override. The human-readable outputs (stylish, github, the migrate summary, verify,
// Markdown and HTML) must show them as escapes and never start a line of their own; the machine formats keep the
// text as it is; a --patch must still apply with git, to the same files.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { visible } from '../src/core/visible-text.js';
import { gitPath } from '../src/edit/patch.js';
import { cli } from './support/cli.js';
import { deployment, keptnProject, sandbox, type Sandbox } from './support/hostile.js';
import { readTree } from './support/tree.js';

/** raw characters a terminal or log acts on; a line break is allowed only as the output's own line separator */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_HIDDEN = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u061C\u200B\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;
const FORGED = '::error file=x::forged';
const EVIL_FILE = `keptn/carts/manifests/evil\n${FORGED}.yaml`;
/** YAML double-quoted escapes: ESC [2J (clear), OSC 0 title BEL, CSI (U+009B), RIGHT-TO-LEFT OVERRIDE */
const EVIL_NAME_YAML = '"carts\\e[2J\\e]0;owned\\a\\x9b31m\\u202Eevil"';
const EVIL_NAME = 'carts\u001b[2J\u001b]0;owned\u0007\u009b31m\u202eevil';

const EVIL_MANIFEST = deployment('carts').replace('  name: carts\n', `  name: ${EVIL_NAME_YAML}\n`);

function hostileRepository(): Sandbox {
  return sandbox({ ...keptnProject(), [EVIL_FILE]: EVIL_MANIFEST, 'keptn/carts/manifests/plain.yaml': deployment('orders') });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });
}

/** no raw hidden character, and no line a runner takes for a command (GitHub `::`, Azure DevOps `##vso[`) but those counted */
function expectShown(output: string, ownCommands = 0): void {
  expect(output).not.toMatch(RAW_HIDDEN);
  const commands = output.split('\n').filter((l) => l.startsWith('::') || l.startsWith('##vso[') || l.startsWith('##['));
  expect(commands).toHaveLength(ownCommands);
  for (const c of commands) expect(c).toMatch(/^::(error|warning|notice) file=/);
}

describe('visible', () => {
  it('writes every character a terminal or log acts on as an escape, and leaves other text as it is', () => {
    const clean = 'carts · ünïcödé 🚀\tname';
    expect(visible(clean)).toBe(clean);
    expect(visible('a\nb\rc')).toBe('a\\nb\\rc');
    expect(visible('\u0000\u0007\u001b[2J\u007f\u0085\u009b')).toBe('\\x00\\x07\\x1b[2J\\x7f\\x85\\x9b');
    expect(visible('\u202eevil\u2066x\u2069\u200f\u061c')).toBe('\\u202eevil\\u2066x\\u2069\\u200f\\u061c');
    expect(visible('a\u2028b\u2029c\u200bd\ufeffe')).toBe('a\\u2028b\\u2029c\\u200bd\\ufeffe');
    expect(visible('a\r\nb\u001b\u202e', 'keep')).toBe('a\r\nb\\x1b\\u202e');
    // the same answer for consecutive calls (the pattern is global: its lastIndex must not leak between calls)
    expect([visible('\u001b'), visible('x\u001b'), visible('\u001b')]).toEqual(['\\x1b', 'x\\x1b', '\\x1b']);
  });
});

describe('gitPath', () => {
  it('quotes a path as git does when it holds a quote, a backslash, a control or a hidden character', () => {
    expect(gitPath('a/manifests/carts.yaml')).toBe('a/manifests/carts.yaml');
    expect(gitPath('a/with space/ü.yaml')).toBe('a/with space/ü.yaml');
    expect(gitPath('a/evil\ndiff --git x.yaml')).toBe('"a/evil\\ndiff --git x.yaml"');
    expect(gitPath('a/q"uo\\te ü\t.yaml')).toBe('"a/q\\"uo\\\\te \\303\\274\\t.yaml"');
    expect(gitPath('a/\u202eevil.yaml')).toBe('"a/\\342\\200\\256evil.yaml"');
  });
});

describe('hostile text in human-readable outputs', () => {
  it('scan (stylish, github) shows names and paths as escapes; JSON keeps the text', async () => {
    const s = hostileRepository();
    try {
      const stylish = await cli(['scan', '.', '--no-color'], { cwd: s.root });
      expectShown(stylish.stdout + stylish.stderr);
      expect(stylish.stdout).toContain(`keptn/carts/manifests/evil\\n${FORGED}.yaml`);
      expect(stylish.stdout).toContain('Deployment "carts\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\\u202eevil"');

      const github = await cli(['scan', '.', '--format', 'github', '--fail-on', 'never'], { cwd: s.root });
      const annotations = github.stdout.split('\n').filter((l) => l.startsWith('::'));
      expect(annotations.length).toBeGreaterThan(0);
      expectShown(github.stdout + github.stderr, annotations.length);
      expect(github.stdout).toContain('file=keptn/carts/manifests/evil\\n%3A%3Aerror file=x%3A%3Aforged.yaml');

      const json = await cli(['scan', '.', '--format', 'json'], { cwd: s.root });
      const findings = (JSON.parse(json.stdout) as { findings: { file: string; message: string }[] }).findings;
      expect(findings.some((f) => f.file === EVIL_FILE && f.message.includes(EVIL_NAME))).toBe(true);
    } finally {
      s.cleanup();
    }
  });

  it('migrate prints an escaped summary and a patch git applies to the same files as --write', async () => {
    const s = hostileRepository();
    const w = hostileRepository();
    try {
      git(s.root, 'init', '-q');
      const patch = path.join(s.base, 'changes.patch');
      const dry = await cli(['migrate', '--patch', patch], { cwd: s.root });
      expect(dry.code).toBe(0);
      expectShown(dry.stdout + dry.stderr);
      const text = readFileSync(patch, 'utf8');
      expect(text).toContain(`diff --git "a/keptn/carts/manifests/evil\\n${FORGED}.yaml" "b/keptn/carts/manifests/evil\\n${FORGED}.yaml"`);
      expect(text.split('\n').filter((l) => l.startsWith('diff --git ')).every((l) => /^diff --git ("a\/[^"]*"|a\/\S+) ("b\/[^"]*"|b\/\S+)$/.test(l))).toBe(true);
      git(s.root, 'apply', '--check', patch);
      git(s.root, 'apply', patch);
      expect((await cli(['migrate', '--write'], { cwd: w.root })).code).toBe(0);
      const patched = readTree(s.root);
      for (const key of [...patched.keys()]) if (key === '.git' || key.startsWith('.git/')) patched.delete(key);
      const written = readTree(w.root);
      expect(written.get(EVIL_FILE)?.toString()).not.toBe(EVIL_MANIFEST);
      expect(patched).toEqual(written);
    } finally {
      s.cleanup();
      w.cleanup();
    }
  });

  it('verify, and the Markdown and HTML reports, show the names as escapes', async () => {
    const s = hostileRepository();
    try {
      const verify = await cli(['verify', '.'], { cwd: s.root });
      expectShown(verify.stdout + verify.stderr);
      const markdown = await cli(['report', '.', '--format', 'markdown'], { cwd: s.root });
      expectShown(markdown.stdout + markdown.stderr);
      expect(markdown.stdout).toContain('\\x1b\\[2J');
      const html = await cli(['report', '.', '--format', 'html'], { cwd: s.root });
      expectShown(html.stdout + html.stderr);
      expect(html.stdout).toContain('\\x1b[2J');
    } finally {
      s.cleanup();
    }
  });
});
