#!/usr/bin/env node
// Second step of `npm run build` (after tsc): bundles the compiled CLI (dist/cli/main.js) into one CommonJS script,
// dist/keptn-migrate.cjs, and stores V8's code cache for it (dist/keptn-migrate.code-cache), made after a scan of the
// bundled example so it holds the functions a scan compiles. bin/load-cli.js runs the bundle with that cache: a small
// scan starts about twice as fast as from ~370 ES modules (`npm run bench` measures it).
// Left out of the bundle, required from node_modules when used: the CommonJS dependencies the code loads through
// package-root.ts (yaml, ajv, ts-morph, jscodeshift); js-yaml is inlined (below); the worker threads run the compiled modules of dist/.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { BUNDLE, CODE_CACHE, loadCli } from '../bin/load-cli.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

// js-yaml parses every file, so it goes into the bundle (and its code cache) too: the module that requires its
// CommonJS build at run time (src/core/js-yaml.ts) is given to esbuild as a plain `require`, which bundles that build
const inlineJsYaml = {
  name: 'inline-js-yaml',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]core[\\/]js-yaml\.js$/ }, () => ({ contents: "export const jsYaml = require('js-yaml');", loader: 'js' }));
  },
};

// js-yaml's CommonJS build makes its parser's and constructor's state objects (once per file parsed) with Babel's
// `_objectSpread2`, which adds fields through Object.defineProperty/defineProperties: V8 then keeps the object as a
// dictionary, slow to read for the whole parse (js-yaml alone on the 20 MB bench: 867 -> 654 ms a pass, in-process).
// The helper is replaced by Object.assign, which makes the same object when every argument in an even place (copied
// descriptor by descriptor) is an object literal of plain properties, as the build checks below for every call;
// the others (spread: own enumerable properties read with [[Get]]) are copied alike by both, unless one had an own
// `__proto__` key (js-yaml's and keptn-migrate's options are object literals). The build fails when the helper or a
// call is not as expected (a new js-yaml): look again before changing the checks.
const SPREAD_HELPER = /function _objectSpread2\(e\) \{\n[^]*?\n\treturn e;\n\}\n/;
const ASSIGN_HELPER = 'function _objectSpread2(e) {\n\tfor (var r = 1; r < arguments.length; r++) if (arguments[r] != null) Object.assign(e, arguments[r]);\n\treturn e;\n}\n';

/**
 * The helper is only ever called (never passed around), and every call passes, in even places, object literals of
 * plain `key: value` properties whose names are written out and are not `__proto__`.
 */
function spreadCallsArePlain(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  let calls = 0;
  const bad = [];
  const where = (node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const plainName = (name) => (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) && name.text !== '__proto__';
  const plainProperty = (p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && plainName(p.name);
  const visit = (node) => {
    if (ts.isIdentifier(node) && node.text === '_objectSpread2') {
      const parent = node.parent;
      const declared = ts.isFunctionDeclaration(parent) && parent.name === node;
      const called = ts.isCallExpression(parent) && parent.expression === node;
      if (!declared && !called) bad.push(`${where(node)} (not a call)`);
      if (called) {
        calls++;
        parent.arguments.forEach((arg, i) => {
          if (i === 0 || i % 2 === 1) return;
          if (!ts.isObjectLiteralExpression(arg) || !arg.properties.every(plainProperty)) bad.push(where(arg));
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (calls === 0 || bad.length > 0) throw new Error(`${file}: _objectSpread2 called ${calls} times; arguments that are not plain object literals: ${bad.join(', ')}`);
}

const fastSpread = {
  name: 'js-yaml-fast-spread',
  setup(b) {
    b.onLoad({ filter: /[\\/]js-yaml[\\/]dist[\\/]js-yaml\.cjs\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const helpers = text.match(new RegExp(SPREAD_HELPER.source, 'g')) ?? [];
      if (helpers.length !== 1) throw new Error(`${args.path}: expected one _objectSpread2 helper, found ${helpers.length}`);
      spreadCallsArePlain(args.path, text);
      return { contents: text.replace(SPREAD_HELPER, ASSIGN_HELPER), loader: 'js' };
    });
  },
};

// re2js (Go's regexp for job-executor event patterns) likewise, but loaded when first called: src/core/re2js.ts
const inlineRe2js = {
  name: 'inline-re2js',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/]core[\\/]re2js\.js$/ }, () => ({ contents: "export const loadRe2js = () => require('re2js');", loader: 'js' }));
  },
};

await build({
  absWorkingDir: ROOT,
  entryPoints: ['dist/cli/main.js'],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['yaml', 'ajv', 'ts-morph', 'jscodeshift', 'typescript'],
  plugins: [inlineJsYaml, inlineRe2js, fastSpread],
  // package-root.ts is the only module that reads import.meta.url: it sits in dist/ as the bundle does
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});

// ASCII only, so bin/load-cli.js can read the bundle as latin1 (a copy of the bytes) instead of decoding 1.6 MB of
// UTF-8 (~10 ms of every run). esbuild escapes strings already; what remains (a regular expression, comments of
// dependencies) is written as \uXXXX escapes, which mean the same there (a raw template would not: none holds any).
const bundled = readFileSync(BUNDLE, 'utf8');
writeFileSync(BUNDLE, bundled.replace(/[^\t\n\r\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

rmSync(CODE_CACHE, { force: true });
const { runCli, script } = await loadCli();
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
const io = { stdout: discard, stderr: discard, stdin: Readable.from([]), cwd: ROOT, env: {} };
await runCli(['scan', 'examples/sockshop', '--format', 'json'], io);
writeFileSync(CODE_CACHE, script.createCachedData());
