/**
 * The worker thread of DenoCheck (tasks/check-generated.ts): type-checks the functions sent to it in batches (whatever
 * arrived while the last batch was checked), and answers with every result, in order, once told it has them all.
 */
import { parentPort } from 'node:worker_threads';
import { checkDenoAll, type DenoCheckInput } from './deno-check.js';

export type CheckerMessage = { inputs: DenoCheckInput[] } | { done: true };

const port = parentPort;
if (!port) throw new Error('deno-check-worker.js runs as a worker thread');
const queue: DenoCheckInput[] = [];
const results: string[][] = [];
let done = false;
let scheduled = false;

// load ts-morph and the TypeScript library now: the first functions may arrive while this runs
setImmediate(() => {
  if (queue.length === 0 && results.length === 0) checkDenoAll(['export { };\n']);
});

port.on('message', (m: CheckerMessage) => {
  if ('inputs' in m) queue.push(...m.inputs);
  else done = true;
  if (!scheduled) {
    scheduled = true;
    setImmediate(drain);
  }
});

function drain(): void {
  scheduled = false;
  if (queue.length > 0) results.push(...checkDenoAll(queue.splice(0)));
  if (done && queue.length === 0) port?.postMessage(results);
}
