// Loads the CLI for bin/keptn-migrate.js: from dist/keptn-migrate.cjs, the whole CLI in one script (scripts/bundle.js),
// compiled with the V8 code cache the build stored beside it, so a run does not parse and compile ~370 modules again;
// from the compiled modules (dist/cli/main.js) when there is no bundle (a build without it, or `tsc` alone).
// The cache is only ever read here: V8 rejects one made by another Node.js version or with other flags, and the
// script is then compiled as if there were none.
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
export const BUNDLE = path.join(DIST, 'keptn-migrate.cjs');
export const CODE_CACHE = path.join(DIST, 'keptn-migrate.code-cache');

/** `{ runCli, script }`: `script` is the vm.Script the bundle ran as (undefined without a bundle) */
export async function loadCli() {
  if (!existsSync(BUNDLE)) return { runCli: (await import('../dist/cli/main.js')).runCli, script: undefined };
  let cachedData;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  // the build writes the bundle in ASCII (scripts/bundle.js): latin1 reads the same text without decoding UTF-8
  const script = new vm.Script(Module.wrap(readFileSync(BUNDLE, 'latin1')), {
    filename: BUNDLE,
    cachedData,
    // the bundle has no import() of its own; set where Node.js has it (20.12+), for one a dependency might make
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, DIST);
  return { runCli: module.exports.runCli, script };
}
