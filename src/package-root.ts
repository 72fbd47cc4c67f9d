import { createRequire } from 'node:module';

/**
 * The one module that knows where keptn-migrate is installed. It sits directly in dist/ (src/ when run from source),
 * as does the CLI bundle (dist/keptn-migrate.cjs) that inlines it, so paths taken from here are right either way.
 */
const HERE = new URL('./', import.meta.url);

/** a file of the compiled output (dist/, or src/ from source), e.g. `core/load-worker.js` */
export function ownFile(relPath: string): URL {
  return new URL(relPath, HERE);
}

/** the package's package.json */
export const PACKAGE_JSON = new URL('../package.json', HERE);

/** `require` for the CommonJS dependencies loaded on first use (js-yaml's CommonJS build, yaml, ajv, ts-morph, jscodeshift) */
export const requireDependency = createRequire(HERE);
