import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { asString, get } from '../core/values.js';
import type { ValidationProblem } from '../klt/validate.js';
import { checkDenoAll } from './deno.js';
import { ownFile } from '../package-root.js';

const WORKER_FILE = ownFile('tasks/deno-check-worker.js');
/** below this many functions, loading ts-morph in a second thread costs more than checking here */
const MIN_FOR_WORKER = 20;

/**
 * The Deno code keptn-migrate generated (KeptnTaskDefinition spec.deno.inline.code) must parse and type-check like
 * any emitted resource must validate; a function that does not is a keptn-migrate bug and is never written. All
 * functions are checked in one TypeScript program. With many of them and a spare core, the check runs in a worker
 * thread while the caller validates and prints everything else; ts-morph is loaded only when there is code to check.
 */
export async function checkGeneratedDeno(resources: readonly Record<string, unknown>[]): Promise<(ValidationProblem[] | undefined)[]> {
  const codes = resources.map((r) => (r.kind === 'KeptnTaskDefinition' ? asString(get(r, 'spec', 'deno', 'inline', 'code')) : undefined));
  const present = codes.filter((c): c is string => c !== undefined);
  if (present.length === 0) return codes.map(() => undefined);
  const results = (await inWorker(present)) ?? checkDenoAll(present);
  let i = 0;
  return codes.map((c) => (c === undefined ? undefined : (results[i++] ?? []).map((message) => ({ path: '/spec/deno/inline/code', message: `generated Deno code: ${message}` }))));
}

/** undefined when no worker is used or it failed: the caller checks on this thread */
async function inWorker(codes: string[]): Promise<string[][] | undefined> {
  if (codes.length < MIN_FOR_WORKER || availableParallelism() < 2 || !existsSync(fileURLToPath(WORKER_FILE))) return undefined;
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_FILE, { workerData: { codes } });
    let answered = false;
    worker.once('message', (results: string[][]) => {
      answered = true;
      resolve(results.length === codes.length ? results : undefined);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => {
      if (!answered) resolve(undefined);
    });
  });
}
