import type * as Re2js from 're2js';
import { requireDependency } from '../package-root.js';

/**
 * re2js, required on first use (only a job config's event patterns need it). scripts/bundle.js gives esbuild this
 * module as a plain `require('re2js')` inside the function, so the CLI bundle carries re2js, evaluated only when
 * called, and its V8 code cache holds it compiled (a scan of the bundled example matches event patterns): required
 * from node_modules it cost ~15 ms of a small scan. Keep this file's path and its one export.
 */
export const loadRe2js = (): typeof Re2js => requireDependency('re2js') as typeof Re2js;
