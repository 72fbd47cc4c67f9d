#!/usr/bin/env node
// The baseline `npm run bench` compares keptn-migrate with: js-yaml (the project's own dependency) loading every file
// the scan reads, in a fresh process like the CLI. Reads the list of absolute paths (one a line) from argv[2], reads
// every file, and `loadAll`s those with a YAML name (`.yaml`, `.yml`); a file js-yaml rejects (a Helm template, say)
// counts as loaded up to its error, as the baseline only has to do the parsing work, not to recover.
// Prints one JSON line: files, yamlFiles, bytes, documents, errors, readMs, parseMs.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// the CommonJS build: on Node 20 it parses about twice as fast as the ESM build, and keptn-migrate loads it too
const { loadAll } = createRequire(import.meta.url)('js-yaml');

const list = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l !== '');
const t0 = performance.now();
let bytes = 0;
let yamlFiles = 0;
let documents = 0;
let errors = 0;
let parseMs = 0;
for (const file of list) {
  const text = readFileSync(file, 'utf8');
  bytes += Buffer.byteLength(text);
  if (!/\.ya?ml$/i.test(file)) continue;
  yamlFiles++;
  const p0 = performance.now();
  try {
    loadAll(text, () => {
      documents++;
    });
  } catch {
    errors++;
  }
  parseMs += performance.now() - p0;
}
const totalMs = performance.now() - t0;
process.stdout.write(JSON.stringify({ files: list.length, yamlFiles, bytes, documents, errors, readMs: Math.round(totalMs - parseMs), parseMs: Math.round(parseMs) }) + '\n');
