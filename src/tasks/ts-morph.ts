import type * as TsMorph from 'ts-morph';
import { preloadWithCodeCache, tsMorphFiles } from '../core/dependency-code-cache.js';
import { requireDependency } from '../package-root.js';

let loaded: typeof TsMorph | undefined;

/**
 * ts-morph, required on first use (it is heavy: `keptn-migrate scan` never loads it), its big files compiled with the
 * code cache the build stored for them.
 */
export function tsMorph(): typeof TsMorph {
  if (!loaded) {
    try {
      preloadWithCodeCache(tsMorphFiles());
    } catch {
      // a layout of ts-morph this does not know: `require` compiles what was not preloaded
    }
    loaded = requireDependency('ts-morph') as typeof TsMorph;
  }
  return loaded;
}
