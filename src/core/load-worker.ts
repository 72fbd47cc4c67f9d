/**
 * A worker thread of the load pool (core/load-pool.ts): reads, decodes, parses and classifies the files it is sent,
 * releases what the model never reads, and sends the results back in the wire format.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { releaseUnread } from '../model/release.js';
import { loadFile } from './load.js';
import { toWire, type WireResult } from './load-wire.js';

export interface LoadRequest {
  batch: number;
  files: { relPath: string; absPath: string; maxSize?: number }[];
}

export interface LoadResponse {
  batch: number;
  results: WireResult[];
}

const port = parentPort;
if (!port) throw new Error('load-worker.js runs as a worker thread of the load pool');
const chartDirs = new Set<string>((workerData as { chartDirs: string[] }).chartDirs);

port.on('message', (request: LoadRequest) => {
  void answer(request).then(
    (response) => port.postMessage(response.message, response.transfer),
    (e: unknown) => port.postMessage({ batch: request.batch, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});

async function answer(request: LoadRequest): Promise<{ message: LoadResponse; transfer: ArrayBuffer[] }> {
  const transfer: ArrayBuffer[] = [];
  const results: WireResult[] = [];
  for (const f of request.files) {
    const r = await loadFile({ relPath: f.relPath, absPath: f.absPath, size: 0, maxSize: f.maxSize, read: async () => readFileSync(f.absPath) }, chartDirs);
    if (r.ok === true) releaseUnread(r.loaded);
    results.push(toWire(r, transfer));
  }
  return { message: { batch: request.batch, results }, transfer };
}
