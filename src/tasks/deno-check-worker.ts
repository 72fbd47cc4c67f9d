/** The worker thread of checkGeneratedDeno (tasks/check-generated.ts): type-checks the functions it is given. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkDenoAll } from './deno.js';

if (!parentPort) throw new Error('deno-check-worker.js runs as a worker thread');
parentPort.postMessage(checkDenoAll((workerData as { codes: string[] }).codes));
