import type * as JsYaml from 'js-yaml';
import { requireDependency } from '../package-root.js';

/**
 * js-yaml, loaded as its CommonJS build: on Node 20 the ESM build (`dist/js-yaml.mjs`) runs `parseEvents` several
 * times slower than `dist/js-yaml.cjs.js` on the same input (measured 1.7–2.1 ms against 0.41–0.45 ms on a 20 KB
 * manifest). Same package, same version, same API. scripts/bundle.js gives esbuild this module as a plain
 * `require('js-yaml')`, so the CLI bundle holds that same build: keep this file's path and its one export.
 */
export const jsYaml = requireDependency('js-yaml') as typeof JsYaml;
