#!/usr/bin/env node
// Last step of `npm run build`: stores V8's code cache for ts-morph and the TypeScript compiler it bundles
// (dist/code-cache/), made after generating and type-checking a Deno function so the functions that work compiles are
// in it. src/core/dependency-code-cache.ts says how it is used (and checked) at run time.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIST = new URL('../dist/', import.meta.url);
rmSync(fileURLToPath(new URL('code-cache/', DIST)), { recursive: true, force: true });
const { storeCodeCaches } = await import(new URL('core/dependency-code-cache.js', DIST).href);
const { generateDeno, generatedPreludes } = await import(new URL('tasks/deno.js', DIST).href);
const { checkDenoAll, splitAtPrelude } = await import(new URL('tasks/deno-check.js', DIST).href);

// generating loads ts-morph (tasks/ts-morph.ts), through the preloader that records what to store
const code = generateDeno({
  header: ['code cache warm-up'],
  contextVariable: 'KEPTN_CONTEXT',
  units: [
    {
      title: 'notify',
      requests: [
        {
          label: 'request 1',
          method: 'POST',
          url: [{ kind: 'text', text: 'https://example.com/' }, { kind: 'secret', name: 'token' }],
          headers: [{ name: [{ kind: 'text', text: 'X-App' }], value: [{ kind: 'context', field: 'appName' }] }],
          body: [{ kind: 'metadata', key: 'stage' }, { kind: 'uuid' }, { kind: 'now' }],
          basicAuth: [{ kind: 'text', text: 'user:pass' }],
          timeoutSeconds: 5,
        },
      ],
    },
  ],
});
const problems = checkDenoAll([code, splitAtPrelude(code, generatedPreludes())]);
if (problems.some((p) => p.length > 0)) throw new Error(`code cache warm-up: the sample function does not check: ${JSON.stringify(problems)}`);
storeCodeCaches();
