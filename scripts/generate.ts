/**
 * Regenerates everything derived from rule metadata: the rule registry (src/rules/index.ts), docs/rules/*.md and the
 * README's catalogue. `test/generated.test.ts` fails when any of them is stale.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generated-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = await generatedFiles(root);
rmSync(path.join(root, 'docs/rules'), { recursive: true, force: true });
for (const [rel, content] of files) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
}
console.log(`generated ${files.size} files`);
