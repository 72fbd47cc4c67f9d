import { readFileSync } from 'node:fs';
import { PACKAGE_JSON } from './package-root.js';

/** the package version, read once from package.json next to dist/ or src/ */
export const VERSION: string = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
