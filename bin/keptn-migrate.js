#!/usr/bin/env node
import { loadCli } from './load-cli.js';

// A reader that stops early (`keptn-migrate migrate . | head`) closes the pipe: the next write fails with EPIPE.
// That is a normal end of the output, not a crash: the run finishes (a --write still completes) and exits quietly
// with the code it computed. Any other error on an output stream is reported once and exits 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    try {
      process.stderr.write(`keptn-migrate: cannot write output: ${e.message}\n`);
    } finally {
      process.exit(2);
    }
  });
}

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
});
