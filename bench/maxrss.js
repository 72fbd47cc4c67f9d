// Preloaded with `node --import` when /usr/bin/time is missing: writes the process's peak RSS (kB) and CPU time to
// the file named by KM_BENCH_RSS_FILE when it exits, in the same "wall user sys maxrss" shape /usr/bin/time gives.
import { writeFileSync } from 'node:fs';

const file = process.env.KM_BENCH_RSS_FILE;
const started = process.hrtime.bigint();
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    writeFileSync(file, `${wall.toFixed(2)} ${(u.userCPUTime / 1e6).toFixed(2)} ${(u.systemCPUTime / 1e6).toFixed(2)} ${u.maxRSS}\n`);
  });
}
