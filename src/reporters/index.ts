import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

export const SCAN_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'gitlab'] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export const reporters: Record<ScanFormat, Reporter> = { stylish, json, sarif, junit, github, gitlab };
