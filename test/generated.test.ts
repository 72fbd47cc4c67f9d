import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles, ruleModules, transformModules } from '../scripts/generated-files.js';
import { allTransforms } from '../src/transforms/index.js';
import { allRules } from '../src/rules/index.js';

const root = path.resolve(import.meta.dirname, '..');

describe('generated files', () => {
  it('rule and transform ids equal their file names', () => {
    expect(allRules.map((r) => r.id).sort()).toEqual(ruleModules(root));
    expect(allTransforms.map((t) => t.id).sort()).toEqual(transformModules(root));
  });

  it('registry, docs/rules and the README catalogue are up to date (run `npm run generate`)', async () => {
    const files = await generatedFiles(root);
    for (const [rel, content] of files) {
      let onDisk: string;
      try {
        onDisk = readFileSync(path.join(root, rel), 'utf8');
      } catch {
        onDisk = '<missing>';
      }
      expect(onDisk, `${rel} is stale: run npm run generate`).toBe(content);
    }
  });
});
