#!/usr/bin/env node
// Second step of `npm run build` (after tsc): bundles the compiled CLI (dist/cli/main.js) into one CommonJS script,
// dist/keptn-migrate.cjs, and stores V8's code cache for it (dist/keptn-migrate.code-cache), made after a scan of the
// bundled example so it holds the functions a scan compiles. bin/load-cli.js runs the bundle with that cache: a small
// scan starts about twice as fast as from ~370 ES modules (`npm run bench` measures it).
// Left out of the bundle, required from node_modules when used: the CommonJS dependencies the code loads through
// package-root.ts (yaml, ajv, ts-morph, jscodeshift); js-yaml is inlined (below); the worker threads run the compiled modules of dist/.
import { rmSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
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

await build({
  absWorkingDir: ROOT,
  entryPoints: ['dist/cli/main.js'],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['yaml', 'ajv', 'ts-morph', 'jscodeshift', 'typescript'],
  plugins: [inlineJsYaml],
  // package-root.ts is the only module that reads import.meta.url: it sits in dist/ as the bundle does
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});

rmSync(CODE_CACHE, { force: true });
const { runCli, script } = await loadCli();
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
const io = { stdout: discard, stderr: discard, stdin: Readable.from([]), cwd: ROOT, env: {} };
await runCli(['scan', 'examples/sockshop', '--format', 'json'], io);
writeFileSync(CODE_CACHE, script.createCachedData());
