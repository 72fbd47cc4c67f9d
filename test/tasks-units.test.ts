import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { denoFunction, generateDeno, generatedPreludes, type DenoUnit } from '../src/tasks/deno.js';
import { checkDeno, checkDenoAll, splitAtPrelude, type DenoParts } from '../src/tasks/deno-check.js';
import { checkGeneratedDeno, type DenoCheck } from '../src/tasks/check-generated.js';
import { jesEventMatches, jsonpathFilterHolds, wrapperScript } from '../src/tasks/jes.js';
import { natsMatches } from '../src/tasks/plan.js';
import { splitShellWords } from '../src/tasks/shell.js';
import { parseCurl, type Part } from '../src/tasks/webhook.js';
import type { Note } from '../src/tasks/jes.js';
import type { SourceRef } from '../src/model/source-ref.js';

const at = {} as SourceRef;
const facts = { projectName: 'shop', stage: undefined, contextVariable: 'KEPTN_CONTEXT' };
const text = (p: Part[]) => p.map((x) => (x.kind === 'text' ? x.text : `<${x.kind}:${'name' in x ? x.name : 'field' in x ? x.field : 'key' in x ? x.key : ''}>`)).join('');

describe('splitShellWords', () => {
  it('splits as sh does: quotes, escapes, line continuations', () => {
    expect(splitShellWords(`curl -H 'a: b c' "x \\"y\\" \\$z" d\\ e f\\\ng`).words).toEqual(['curl', '-H', 'a: b c', 'x "y" $z', 'd e', 'fg']);
    expect(splitShellWords(`a'b'"c"d`).words).toEqual(['abcd']);
    expect(splitShellWords(`a "" ''`).words).toEqual(['a', '', '']);
  });
  it('reports shell syntax it does not run', () => {
    expect(splitShellWords('echo $HOME | cat; x && y').unsupported).toEqual(['$HOME', '|', ';', '&&']);
    expect(splitShellWords("echo 'unterminated").unsupported).toEqual(['unterminated single quote']);
  });
});

describe('parseCurl', () => {
  it('reads method, headers, data and URL with templates', () => {
    const losses: Note[] = [];
    const secrets = new Set<string>();
    const r = parseCurl(`curl -XPUT --header 'Authorization: Bearer {{.env.token}}' -d '{"svc":"{{.data.service}}"}' https://x.example/{{.data.project}}/a`, facts, 'req', at, losses, secrets);
    expect(r?.method).toBe('PUT');
    expect(text(r?.url ?? [])).toBe('https://x.example/shop/a');
    expect(r?.headers.map((h) => `${text(h.name)}=${text(h.value)}`)).toEqual(['Authorization=Bearer <secret:token>', 'Content-Type=application/x-www-form-urlencoded']);
    expect(text(r?.body ?? [])).toBe('{"svc":"<context:workloadName>"}');
    expect([...secrets]).toEqual(['token']);
    expect(losses).toEqual([]);
  });
  it('defaults to GET without data and POST with it; records what fetch cannot do', () => {
    const losses: Note[] = [];
    expect(parseCurl('curl -sSL https://a', facts, 'r', at, losses, new Set())?.method).toBe('GET');
    expect(parseCurl('curl -k --data x https://a', facts, 'r', at, losses, new Set())?.method).toBe('POST');
    expect(losses.map((l) => l.message)).toEqual(['r: -k (insecure TLS): fetch always verifies certificates']);
    expect(parseCurl('wget https://a', facts, 'r', at, losses, new Set())).toBeUndefined();
  });
});

describe('event matching', () => {
  it('JES event names are unanchored Go regexps', () => {
    expect(jesEventMatches('test.triggered', 'sh.keptn.event.load-test.triggered')).toBe(true);
    expect(jesEventMatches('test.triggered', 'sh.keptn.event.test.triggered')).toBe(true);
    expect(jesEventMatches('^sh.keptn.event.test.triggered$', 'sh.keptn.event.load-test.triggered')).toBe(false);
  });
  it('webhook types are NATS subjects', () => {
    expect(natsMatches('sh.keptn.event.*.triggered', 'sh.keptn.event.test.triggered')).toBe(true);
    expect(natsMatches('sh.keptn.event.evaluation.>', 'sh.keptn.event.evaluation.triggered')).toBe(true);
    expect(natsMatches('sh.keptn.event.test.triggered', 'sh.keptn.event.test.finished')).toBe(false);
  });
  it('jsonpath filters are checked against the task properties', () => {
    expect(jsonpathFilterHolds({ property: '$.data.test.teststrategy', match: 'locust' }, 'test', { teststrategy: 'locust' }, {})).toBe('yes');
    expect(jsonpathFilterHolds({ property: '$.data.test.teststrategy', match: 'locust' }, 'test', { teststrategy: 'jmeter' }, {})).toBe('no');
    expect(jsonpathFilterHolds({ property: '$.data.stage', match: 'prod' }, 'test', {}, { '.data.stage': 'dev' })).toBe('no');
    expect(jsonpathFilterHolds({ property: '$.data.labels.x', match: 'y' }, 'test', {}, {})).toBe('unknown');
  });
});

describe('the container wrapper script', () => {
  it('reads the context without jq, writes the files and substitutes $(NAME) before exec', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'km-wrap-'));
    const script = wrapperScript('KEPTN_CONTEXT', [{ name: 'SERVICE', field: 'workloadName', fallback: 'appName' }, { name: 'VERSION', field: 'workloadVersion' }], [{ variable: 'KEPTN_FILE_0', path: 'a/b.txt' }], ['$(SERVICE)']).replaceAll('/keptn/', `${dir}/`);
    const context = JSON.stringify({ workloadName: '', appName: 'carts', appVersion: '1', workloadVersion: '0.1.2', taskType: 'post', objectType: 'App', metadata: { workloadName: 'decoy' } });
    const out = execFileSync('/bin/sh', ['-c', script, 'keptn-task', 'sh', '-c', 'printf "%s|%s|%s" "$1" "$SERVICE" "$VERSION"', 'x', 'svc=$(SERVICE)'], {
      env: { PATH: process.env.PATH, KEPTN_CONTEXT: context, KEPTN_FILE_0: 'line 1\nline 2\n' },
    }).toString();
    expect(out).toBe('svc=carts|carts|0.1.2');
    expect(readFileSync(path.join(dir, 'a/b.txt'), 'utf8')).toBe('line 1\nline 2\n');
  });
});

describe('generated Deno code', () => {
  it('parses and type-checks, escaping template text', () => {
    const code = generateDeno({
      header: ['test'],
      contextVariable: 'KEPTN_CONTEXT',
      units: [{ title: 'send `it` ${now} */', requests: [{ label: 'r1', method: 'POST', url: [{ kind: 'text', text: 'https://a/' }, { kind: 'secret', name: 'k' }], headers: [], body: [{ kind: 'text', text: '`${x}` \\' }, { kind: 'uuid' }], basicAuth: [{ kind: 'text', text: 'u:p' }], timeoutSeconds: 3 }] }],
    });
    expect(checkDeno(code)).toEqual([]);
    expect(code).toContain('body: `\\`\\${x}\\` \\\\${crypto.randomUUID()}`');
  });
  it('reports syntax and type errors', () => {
    expect(checkDeno('const x: number = "a"; fetch(1);').length).toBe(2);
    expect(checkDeno('const = ;').length).toBeGreaterThan(0);
  });
  it('a body generated once carries each header: the same code as generating it whole', () => {
    const unit = { title: 'notify', requests: [{ label: 'r1', method: 'GET', url: [{ kind: 'text' as const, text: 'https://a/' }], headers: [] }] };
    for (const header of [['from a.yaml'], ['from b.yaml', 'second line']]) {
      const program = { header, contextVariable: 'KEPTN_CONTEXT' as const, units: [unit] };
      expect(denoFunction(program)).toBe(generateDeno(program));
    }
  });
  describe('checked as a shared prelude and its steps', () => {
    const program = (header: string[], units: DenoUnit[]) => generateDeno({ header, contextVariable: 'KEPTN_CONTEXT', units });
    const request = (url: Part[]) => ({ label: 'r', method: 'POST', url, headers: [], body: [{ kind: 'text' as const, text: '{}' }] });
    const withSecret = program(['from a.yaml', 'second line'], [{ title: 'notify', requests: [request([{ kind: 'text', text: 'https://a/' }, { kind: 'secret', name: 'k' }])] }]);
    const withContext = program(['from b.yaml'], [
      { title: 'one', requests: [request([{ kind: 'text', text: 'https://b/' }, { kind: 'context', field: 'appName' }])] },
      { title: 'two', requests: [request([{ kind: 'metadata', key: 'stage' }])] },
    ]);
    const parts = (code: string) => splitAtPrelude(code, generatedPreludes()) as DenoParts;

    it('cuts a generated function after its prelude, and keeps it whole after a header TypeScript could read', () => {
      for (const code of [withSecret, withContext]) {
        const p = parts(code);
        expect(typeof p).toBe('object');
        const header = code.slice(0, code.indexOf(p.prelude));
        expect(header + p.prelude + '\n' + p.steps).toBe(code);
        expect(code.split('\n').slice(p.stepsLine).join('\n')).toBe(p.steps);
        expect(code.split('\n')[p.preludeLine]).toBe(p.prelude.split('\n')[0]);
      }
      expect(splitAtPrelude(`// @ts-nocheck\n${withSecret.replace(/^(\/\/.*\n)+/, '')}`, generatedPreludes())).toBeTypeOf('string');
      expect(splitAtPrelude('const x = 1;\nexport { };\n', generatedPreludes())).toBe('const x = 1;\nexport { };\n');
      // a comment ends at any line terminator: a header holding one is checked whole (and the generator never writes one)
      for (const brk of ['\r', '\u2028', '\u2029']) {
        const injected = `// from x${brk}const bad: number = "a";\n${withSecret.replace(/^(\/\/.*\n)+/, '')}`;
        expect(splitAtPrelude(injected, generatedPreludes())).toBeTypeOf('string');
        expect(checkDenoAll([splitAtPrelude(injected, generatedPreludes())])[0]?.length).toBeGreaterThan(0);
      }
      expect(program([`type a${'\r'}b\u2028c\u2029d`], [{ title: 'n', requests: [request([{ kind: 'text', text: 'https://a/' }])] }]).split('\n')[0]).toBe('// type a b c d');
    });

    it('gives the verdicts and positions of checking the whole function', () => {
      const broken = (code: string, from: string, to: string) => {
        expect(code).toContain(from);
        return code.replace(from, to);
      };
      const cases = [
        withSecret,
        withContext,
        // a type error in a step, and a call of a helper with the wrong argument
        broken(withSecret, '  await send(', '  const n: number = "x";\n  await send('),
        broken(withContext, 'metadata("stage")', 'metadata(1)'),
        // a step that redeclares a helper
        broken(withSecret, 'await notify();', 'function secret(): number { return 1; }\nawait notify();'),
      ];
      for (const code of cases) {
        const whole = checkDenoAll([code])[0] ?? [];
        const split = checkDenoAll([parts(code)])[0] ?? [];
        expect(split.length > 0, code).toBe(whole.length > 0);
        if (!code.includes('function secret(): number')) expect(split, code).toEqual(whole);
      }
    });

    it('reports a broken prelude at its line in every function that has it', () => {
      const p = parts(withSecret);
      const prelude = p.prelude.replace('return value;', 'return 1;');
      expect(prelude).not.toBe(p.prelude);
      const code = withSecret.replace(p.prelude, prelude);
      const [a, b] = checkDenoAll([{ ...p, prelude }, { ...p, prelude }]);
      expect(a).toEqual(checkDenoAll([code])[0]);
      expect(a).toHaveLength(1);
      expect(b).toEqual(a);
    });
  });
  it('checks every emitted Deno function in one program and names the broken ones (never written, like an invalid resource)', async () => {
    const task = (code: string) => ({ apiVersion: 'lifecycle.keptn.sh/v1', kind: 'KeptnTaskDefinition', metadata: { name: 't' }, spec: { deno: { inline: { code } } } });
    const good = 'const n: number = 1;\nconsole.log(n);\nexport { };\n';
    const results = await checkGeneratedDeno([task(good), { kind: 'ConfigMap' }, task('const x: number = "a";\nexport { };\n'), task(good)]);
    expect(results[0]).toEqual([]);
    expect(results[1]).toBeUndefined();
    expect(results[2]).toEqual([{ path: '/spec/deno/inline/code', message: expect.stringMatching(/^generated Deno code: 1:7 Type 'string' is not assignable to type 'number'/) }]);
    expect(results[3]).toEqual([]);
    expect(await checkGeneratedDeno([{ kind: 'ConfigMap' }])).toEqual([undefined]);
  });
  // the worker thread runs the compiled dist/tasks/deno-check-worker.js: npm test builds first, and without it the
  // check would quietly run on this thread
  const WORKER = path.resolve(import.meta.dirname, '../dist/tasks/deno-check-worker.js');
  it('gives the same answers from its worker thread (used from 20 functions on)', { timeout: 60_000 }, async () => {
    expect(existsSync(WORKER)).toBe(true);
    const compiled = (await import(pathToFileURL(path.resolve(import.meta.dirname, '../dist/tasks/check-generated.js')).href)) as { checkGeneratedDeno: typeof checkGeneratedDeno };
    const task = (code: string) => ({ kind: 'KeptnTaskDefinition', spec: { deno: { inline: { code } } } });
    const resources = Array.from({ length: 30 }, (_, i) => task(i === 17 ? 'const x: number = "a";\nexport { };\n' : `const n: number = ${i};\nconsole.log(n);\nexport { };\n`));
    const inWorker = await compiled.checkGeneratedDeno(resources);
    expect(inWorker).toEqual(await checkGeneratedDeno(resources));
    expect(inWorker.filter((p) => p && p.length > 0)).toHaveLength(1);
    expect(inWorker[17]?.[0]?.message).toMatch(/Type 'string' is not assignable to type 'number'/);
  });
  it('needs no worker when nothing added has code', { timeout: 60_000 }, async () => {
    const compiled = (await import(pathToFileURL(path.resolve(import.meta.dirname, '../dist/tasks/check-generated.js')).href)) as { DenoCheck: typeof DenoCheck };
    const idle = new compiled.DenoCheck(true);
    idle.add({ kind: 'ConfigMap' });
    expect(await idle.results()).toEqual([undefined]);
  });
});

describe('module graph', () => {
  it('keptn-migrate scan never loads src/tasks or ts-morph', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const script = `
      import { createRequire } from 'node:module';
      import { runCli } from './src/cli/main.ts';
      const io = { cwd: process.cwd(), stdout: { write() {} }, stderr: { write() {} }, stdin: process.stdin, isTTY: false, env: {} };
      await runCli(['scan', 'fixtures/migrate/tasks-webhooks/input', '--format', 'json'], io);
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify(cache.filter((p) => p.includes('ts-morph'))));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }).toString().trim().split('\n').pop();
    expect(out).toBe('[]');
  }, 60_000);

  it('the scan command does not import src/tasks statically', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const seen = new Set<string>();
    const parent = new Map<string, string>();
    const visit = (file: string, from = '') => {
      if (seen.has(file)) return;
      parent.set(file, from);
      seen.add(file);
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^\s*import\s+(?!type\b)[^'"]*['"](\.[^'"]+)['"]/gm)) {
        visit(path.resolve(path.dirname(file), (m[1] as string).replace(/\.js$/, '.ts')), file);
      }
    };
    visit(path.join(root, 'src/cli/commands/scan.ts'));
    // the command loads the engine lazily: follow that edge too
    visit(path.join(root, 'src/engine/scan.ts'));
    const inTasks = [...seen].filter((f) => f.includes(`${path.sep}src${path.sep}tasks${path.sep}`) || f.includes(`${path.sep}transforms${path.sep}`));
    expect(seen.size).toBeGreaterThan(10);
    const chain = (f: string): string[] => (f ? [...chain(parent.get(f) ?? ''), path.relative(root, f)] : []);
    expect(inTasks.map((f) => chain(f).join(' > '))).toEqual([]);
  });
});
