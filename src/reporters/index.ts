import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

import type { ScanFormat } from './formats.js';
export { SCAN_FORMATS, type ScanFormat } from './formats.js';

export const reporters: Record<ScanFormat, Reporter> = { stylish, json, sarif, junit, github, gitlab };
