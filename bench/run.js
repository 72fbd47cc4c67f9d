#!/usr/bin/env node
// `npm run bench`: measures keptn-migrate against the targets of issue 7, on generated GitOps repositories.
//
//   node bench/run.js [--runs 5] [--sizes 5,20,80] [--seed 42] [--budget 540] [--timeout 900]
//                     [--json results.json] [--markdown docs/readme/performance.md] [--keep]
//
// In one run and on the same files it times, as child processes of the built CLI (bin/keptn-migrate.js):
//   - `scan . --format json --output <tmp>` (all rules) and `migrate . --format json` (dry run),
//   - a baseline: js-yaml `loadAll` of every file the scan reads (the list comes from the tool's own discovery),
//     in a fresh process too (bench/baseline-jsyaml.js),
//   - `keptn-migrate --version` and `scan` of a ten-file repository (start-up),
//   - `scan --cache`: a cold and a warm scan of the 20 MB corpus, when `scan --help` lists `--cache`.
// Medians of --runs runs (interleaved, so a load spike hits every command alike), peak RSS of every child
// (/usr/bin/time -f %M, else bench/maxrss.js), CPU time, files/s, MB/s and ratios against the baseline of the
// same run; each target is printed next to its figure with PASS or FAIL. Exits 0 even when a target fails: the
// report is the output. Corpora go to a temporary directory, never into the repository.
//
// --budget (seconds, 0 = none) keeps a default run under ~10 minutes on a slow machine: runs per size are
// reduced to what fits (the table says how many ran), and a size whose single round is projected to exceed the
// remaining budget is skipped with the projection. Measure it alone with e.g. `--sizes 80 --runs 1 --budget 0`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout, clearTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate, generateTiny, GENERATOR_VERSION } from './generate.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const BIN = path.join(ROOT, 'bin', 'keptn-migrate.js');
const BASELINE = path.join(HERE, 'baseline-jsyaml.js');
const MAXRSS = pathToFileURL(path.join(HERE, 'maxrss.js')).href;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const TARGETS = {
  scanRatio: 1.5,
  scanRssMB: 300,
  migrateRatio: 4,
  growth: 4.4,
  /** "peak memory does not grow with the corpus": the 80 MB peak RSS within 25 % of the 20 MB one */
  rssGrowth: 1.25,
  startupMs: 200,
  cacheSpeedup: 5,
};

// ---------------------------------------------------------------------------------------------------- options
function parseArgs(argv) {
  const o = { runs: 5, sizes: [5, 20, 80], seed: 42, budget: 540, timeout: 900, json: undefined, markdown: undefined, keep: false, fromJson: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') o.runs = positiveInt(a, value());
    else if (a === '--sizes') o.sizes = value().split(',').map((s) => positiveNumber('--sizes', s)).sort((x, y) => x - y);
    else if (a === '--seed') o.seed = positiveInt(a, value());
    else if (a === '--budget') o.budget = Number(value());
    else if (a === '--timeout') o.timeout = positiveNumber(a, value());
    else if (a === '--json') o.json = path.resolve(value());
    else if (a === '--markdown') o.markdown = path.resolve(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '--from-json') o.fromJson = path.resolve(value());
    else if (a === '--help' || a === '-h') usage();
    else usage(`unknown option ${a}`);
  }
  if (!Number.isFinite(o.budget) || o.budget < 0) usage('--budget must be a number of seconds (0 = no budget)');
  return o;
}
function positiveInt(name, v) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) usage(`${name} must be a positive integer`);
  return n;
}
function positiveNumber(name, v) {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) usage(`${name} must be positive`);
  return n;
}
function usage(problem) {
  const text =
    'usage: node bench/run.js [--runs N] [--sizes 5,20,80] [--seed N] [--budget SECONDS] [--timeout SECONDS] [--json FILE] [--markdown FILE] [--keep]\n' +
    '       node bench/run.js --from-json FILE --markdown FILE   (render the markdown of a saved run)\n';
  process.stderr.write((problem ? `bench: ${problem}\n` : '') + text);
  process.exit(problem ? 2 : 0);
}

// ---------------------------------------------------------------------------------------------------- helpers
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = (ms) => (Number.isFinite(ms) ? (ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`) : '-');
const fmtMB = (kb) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MB` : '-');
const fmtN = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '-');
const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '-');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const log = (s = '') => process.stdout.write(s + '\n');

function sha(file) {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
  } catch {
    return undefined;
  }
}

/**
 * Runs one child process, stdout to `stdoutFile`, and returns wall time (measured here), CPU time and peak RSS
 * (from /usr/bin/time, else from the preloaded bench/maxrss.js), exit code and signal.
 */
function runChild(args, { cwd, stdoutFile, timeoutMs }) {
  return new Promise((resolve) => {
    const statFile = path.join(os.tmpdir(), `km-bench-stat-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const nodeArgs = TIME ? args : ['--import', MAXRSS, ...args];
    const cmd = TIME ? TIME : process.execPath;
    const cmdArgs = TIME ? ['-f', '%e %U %S %M', '-o', statFile, process.execPath, ...nodeArgs] : nodeArgs;
    const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
    const env = { ...process.env, NO_COLOR: '1', KM_BENCH_RSS_FILE: statFile };
    delete env.NODE_OPTIONS;
    const t0 = performance.now();
    const child = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', out, 'pipe'], env, detached: true });
    let stderr = '';
    child.stderr.on('data', (c) => {
      if (stderr.length < 65536) stderr += c.toString();
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      clearTimeout(timer);
      if (typeof out === 'number') closeSync(out);
      let cpuMs = NaN;
      let rssKB = NaN;
      let childCode = code;
      let childSignal = signal;
      try {
        const lines = readFileSync(statFile, 'utf8').trim().split('\n');
        const last = lines[lines.length - 1].trim().split(/\s+/).map(Number);
        cpuMs = (last[1] + last[2]) * 1000;
        rssKB = last[3];
        const sig = lines.find((l) => /terminated by signal/.test(l));
        if (sig) childSignal = `signal ${sig.replace(/\D+/g, '')}`;
        rmSync(statFile, { force: true });
      } catch {
        /* the child died before writing its figures */
      }
      resolve({ wallMs, cpuMs, rssKB, code: childCode, signal: childSignal, timedOut, stderr });
    });
  });
}

function listFiles(dir, acc = [], rel = '') {
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== '.git') listFiles(dir, acc, r);
    } else acc.push(r);
  }
  return acc;
}

/** The files the scan reads: the tool's own discovery (dist/core/discover.js), else the documented name rules. */
async function scanFileList(dir) {
  try {
    const { discover } = await import(path.join(ROOT, 'dist', 'core', 'discover.js'));
    const found = await discover(dir, {});
    return { source: 'dist/core/discover.js', files: found.files.map((f) => f.absPath ?? path.join(dir, f.relPath)) };
  } catch (e) {
    const re = /(\.(ya?ml|tpl|sh|bash|groovy|tgz)$)|(^|\/)(jenkinsfile[^/]*|makefile|tiltfile)$/i;
    return { source: `file-name rules (discovery not importable: ${e.message})`, files: listFiles(dir).filter((f) => re.test(f)).map((f) => path.join(dir, f)) };
  }
}

function machine() {
  const cpus = os.cpus();
  const pkg = (name) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  const git = (args) => {
    const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : '';
  };
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    tool: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    commit: commit ? `${commit}${dirty ? '+uncommitted changes' : ''}` : 'unknown',
    jsYaml: pkg('js-yaml'),
    yaml: pkg('yaml'),
    rssBy: TIME ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS (bench/maxrss.js)',
  };
}

// ---------------------------------------------------------------------------------------------------- main
async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.fromJson) {
    if (!opts.markdown) usage('--from-json needs --markdown FILE');
    writeFileSync(opts.markdown, markdown(JSON.parse(readFileSync(opts.fromJson, 'utf8'))));
    log(`wrote ${path.relative(process.cwd(), opts.markdown)}`);
    return;
  }
  if (!existsSync(BIN) || !existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    process.stderr.write('bench: the CLI is not built; run `npm run build` (npm run bench does)\n');
    process.exit(2);
  }
  const started = performance.now();
  const deadline = opts.budget > 0 ? started + opts.budget * 1000 : Infinity;
  const remaining = () => deadline - performance.now();
  const timeoutMs = opts.timeout * 1000;
  const work = mkdtempSync(path.join(os.tmpdir(), 'keptn-migrate-bench-'));
  const m = machine();
  const load0 = os.loadavg();
  const results = { date: new Date().toISOString(), machine: m, options: { ...opts, json: undefined, markdown: undefined, fromJson: undefined }, loadavgStart: load0, startup: {}, sizes: [], cache: undefined, targets: [], notes: [] };

  log(`keptn-migrate ${m.tool} (${m.commit}) bench, ${results.date}`);
  log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GB; Node ${m.node}; ${m.os}; js-yaml ${m.jsYaml}, yaml ${m.yaml}`);
  log(`load average at start: ${load0.map((l) => l.toFixed(2)).join(' ')} (figures are noisy when it exceeds the core count)`);
  log(`runs: ${opts.runs}; sizes: ${opts.sizes.join(', ')} MB; seed ${opts.seed}; generator v${GENERATOR_VERSION}; budget ${opts.budget ? `${opts.budget} s` : 'none'}; peak RSS by ${m.rssBy}`);
  log(`work dir: ${work}`);
  log();

  // ---------------------------------------------------------------------------------------- start-up
  const tiny = path.join(work, 'ten-files');
  generateTiny(tiny, { seed: opts.seed });
  const startup = { version: [], tenFiles: [], tenFilesRss: [] };
  for (let i = 0; i < opts.runs; i++) {
    const v = await runChild([BIN, '--version'], { cwd: work, timeoutMs });
    startup.version.push(v.code === 0 ? v.wallMs : NaN);
    const t = await runChild([BIN, 'scan', '.', '--format', 'json', '--output', path.join(work, 'ten-files.json')], { cwd: tiny, timeoutMs });
    startup.tenFiles.push(t.code === 0 || t.code === 1 ? t.wallMs : NaN);
    startup.tenFilesRss.push(t.rssKB);
    if (i === 0 && !(t.code === 0 || t.code === 1)) results.notes.push(`ten-file scan failed: exit ${t.code} ${t.signal ?? ''} ${t.stderr.slice(0, 300)}`);
  }
  results.startup = { versionMs: median(startup.version), tenFilesMs: median(startup.tenFiles), tenFilesRssKB: median(startup.tenFilesRss), runs: opts.runs };
  log(`start-up (median of ${opts.runs}): --version ${fmtS(results.startup.versionMs)}, scan of a ten-file repository ${fmtS(results.startup.tenFilesMs)} (peak RSS ${fmtMB(results.startup.tenFilesRssKB)})`);
  log();

  // ---------------------------------------------------------------------------------------- sizes
  const cacheSize = opts.sizes.includes(20) ? 20 : (opts.sizes.filter((s) => s <= 20).pop() ?? opts.sizes[0]);
  let secondsPerMB; // measured cost of one round (baseline + scan + migrate) per MB, for the budget
  const corpora = new Map();

  for (let si = 0; si < opts.sizes.length; si++) {
    const size = opts.sizes[si];
    const later = opts.sizes.slice(si);
    const cacheReserve = secondsPerMB ? secondsPerMB.scan * cacheSize * 2 : 0;
    if (secondsPerMB && Number.isFinite(remaining())) {
      const projected = secondsPerMB.round * size * 1000;
      if (projected > remaining() - cacheReserve * 1000) {
        const note = `${size} MB: not measured, one round is projected at ${fmtS(projected)} and ${fmtS(Math.max(0, remaining()))} of the --budget is left; run \`node bench/run.js --sizes ${size} --runs 1 --budget 0\``;
        results.sizes.push({ size, skipped: note });
        results.notes.push(note);
        log(note);
        log();
        continue;
      }
    }
    const dir = path.join(work, `corpus-${size}mb`);
    const g0 = performance.now();
    const gen = generate(dir, size, { seed: opts.seed });
    const genMs = performance.now() - g0;
    corpora.set(size, dir);
    const list = await scanFileList(dir);
    const listFile = path.join(work, `files-${size}mb.txt`);
    writeFileSync(listFile, list.files.join('\n') + '\n');
    const scanBytes = list.files.reduce((s, f) => s + statSync(f).size, 0);
    const nFiles = list.files.length;
    const MB = scanBytes / 1048576;
    log(`corpus ${size} MB: ${fmtN(gen.files)} files, ${fmtN(gen.documents)} YAML documents, ${gen.MB} MB, sha256 ${gen.sha256.slice(0, 16)}; generated in ${fmtS(genMs)}`);
    log(`  the scan reads ${fmtN(nFiles)} files, ${MB.toFixed(2)} MB (file list from ${list.source})`);

    const rec = { size, files: nFiles, bytes: scanBytes, generated: gen, runs: 0, baseline: [], scan: [], migrate: [], outputs: { scan: new Set(), migrate: new Set() }, failures: [], summary: undefined };
    const measure = async () => {
      const b = await runChild([BASELINE, listFile], { cwd: dir, stdoutFile: path.join(work, 'baseline.out'), timeoutMs });
      rec.baseline.push(b);
      if (b.code === 0 && !rec.baselineDetail) rec.baselineDetail = JSON.parse(readFileSync(path.join(work, 'baseline.out'), 'utf8'));
      const scanOut = path.join(work, `scan-${size}.json`);
      const s = await runChild([BIN, 'scan', '.', '--format', 'json', '--output', scanOut], { cwd: dir, timeoutMs });
      rec.scan.push(s);
      if (s.code === 0 || s.code === 1) {
        rec.outputs.scan.add(sha(scanOut));
        if (!rec.summary) {
          const j = JSON.parse(readFileSync(scanOut, 'utf8'));
          rec.summary = { ...j.summary, skipped: j.skipped?.length ?? 0, errors: j.errors?.length ?? 0 };
        }
      } else rec.failures.push(`scan: exit ${s.code}${s.signal ? ` (${s.signal})` : ''}${s.timedOut ? ' (timed out)' : ''} ${s.stderr.slice(-400)}`);
      const migOut = path.join(work, `migrate-${size}.json`);
      const mg = await runChild([BIN, 'migrate', '.', '--format', 'json'], { cwd: dir, stdoutFile: migOut, timeoutMs });
      rec.migrate.push(mg);
      if (mg.code === 0 || mg.code === 1) {
        rec.outputs.migrate.add(sha(migOut));
        if (!rec.migrateSummary) {
          const j = JSON.parse(readFileSync(migOut, 'utf8'));
          const by = {};
          for (const f of j.files) by[f.status] = (by[f.status] ?? 0) + 1;
          rec.migrateSummary = { ...by, invalid: j.invalid.length, losses: j.losses.length, manualSteps: j.manualSteps.length };
        }
      } else rec.failures.push(`migrate: exit ${mg.code}${mg.signal ? ` (${mg.signal})` : ''}${mg.timedOut ? ' (timed out)' : ''} ${mg.stderr.slice(-400)}`);
      rec.runs++;
      return b.wallMs + s.wallMs + mg.wallMs;
    };

    const firstRound = await measure();
    const perMB = { round: firstRound / 1000 / size, scan: rec.scan[0].wallMs / 1000 / size };
    secondsPerMB = perMB;
    let allowed = opts.runs;
    if (Number.isFinite(remaining())) {
      const left = remaining() / 1000;
      const round = perMB.round * size;
      // larger sizes that can still get one round after this one (the others will be skipped anyway)
      const feasible = later.slice(1).filter((s) => perMB.round * s <= left - round);
      const cache = perMB.scan * cacheSize * 2;
      const reserve = feasible.reduce((sum, s) => sum + perMB.round * s, 0) + cache;
      const fit = Math.floor((left - reserve) / round);
      // share the budget: the same number of runs for this size and the feasible larger ones
      const even = Math.floor((left - cache) / (round + feasible.reduce((sum, s) => sum + perMB.round * s, 0)));
      allowed = Math.max(1, Math.min(opts.runs, 1 + Math.max(0, fit), 1 + Math.max(0, even)));
    }
    while (rec.runs < allowed) {
      const cost = await measure();
      secondsPerMB = { round: Math.max(secondsPerMB.round, cost / 1000 / size), scan: secondsPerMB.scan };
    }
    if (rec.runs < opts.runs) results.notes.push(`${size} MB: ${rec.runs} of ${opts.runs} runs (time budget)`);
    printSize(rec);
    results.sizes.push(summarise(rec));
    if (!opts.keep && size !== cacheSize) rmSync(dir, { recursive: true, force: true });
    log();
  }

  // ---------------------------------------------------------------------------------------- cache
  if (!corpora.has(cacheSize)) {
    results.cache = { status: `not measured: the ${cacheSize} MB corpus was not generated` };
  } else {
    const dir = corpora.get(cacheSize);
    const cacheFile = path.join(work, 'scan-cache');
    const args = ['scan', '.', '--format', 'json', '--cache', '--cache-location', cacheFile];
    const before = new Set(readdirSync(dir));
    const clear = () => {
      rmSync(cacheFile, { recursive: true, force: true });
      for (const e of readdirSync(dir)) if (!before.has(e)) rmSync(path.join(dir, e), { recursive: true, force: true });
    };
    const cold = [];
    const warm = [];
    const hashes = new Set();
    let problem;
    for (let i = 0; i < opts.runs; i++) {
      const projected = (median(cold.map((c) => c.wallMs)) || secondsPerMB.scan * cacheSize * 1000) * 1.5;
      if (i > 0 && projected > remaining()) break;
      clear();
      const c = await runChild([BIN, ...args, '--output', path.join(work, 'cache-cold.json')], { cwd: dir, timeoutMs });
      const w = await runChild([BIN, ...args, '--output', path.join(work, 'cache-warm.json')], { cwd: dir, timeoutMs });
      if (![0, 1].includes(c.code) || ![0, 1].includes(w.code)) {
        problem = `scan --cache failed: exit ${c.code}/${w.code} ${c.stderr.slice(-300)} ${w.stderr.slice(-300)}`;
        break;
      }
      cold.push(c);
      warm.push(w);
      hashes.add(`${sha(path.join(work, 'cache-cold.json'))}/${sha(path.join(work, 'cache-warm.json'))}`);
    }
    clear();
    const coldMs = median(cold.map((c) => c.wallMs));
    const warmMs = median(warm.map((c) => c.wallMs));
    const same = [...hashes].every((h) => h.split('/')[0] === h.split('/')[1]);
    results.cache = problem
      ? { status: problem }
      : { status: 'measured', size: cacheSize, runs: cold.length, coldMs, warmMs, warmRssKB: median(warm.map((w) => w.rssKB)), speedup: coldMs / warmMs, identicalOutput: same, cacheFiles: [cacheFile] };
  }
  if (!opts.keep) rmSync(work, { recursive: true, force: true });

  // ---------------------------------------------------------------------------------------- targets
  const at = (s) => results.sizes.find((x) => x.size === s && !x.skipped);
  const s20 = at(20);
  const s80 = at(80);
  const t = results.targets;
  const add = (name, value, limit, pass, shown) => t.push({ name, value, limit, status: pass === undefined ? 'not measured' : pass ? 'PASS' : 'FAIL', shown });
  add('scan, 20 MB: time vs js-yaml baseline', s20?.scan.ratio, `<= ${TARGETS.scanRatio}x`, s20 ? s20.scan.ratio <= TARGETS.scanRatio : undefined, fmtX(s20?.scan.ratio));
  add('scan, 20 MB: peak RSS', s20?.scan.rssKB, `< ${TARGETS.scanRssMB} MB`, s20 ? s20.scan.rssKB / 1024 < TARGETS.scanRssMB : undefined, fmtMB(s20?.scan.rssKB));
  add('migrate (dry run), 20 MB: time vs baseline', s20?.migrate.ratio, `<= ${TARGETS.migrateRatio}x`, s20 ? s20.migrate.ratio <= TARGETS.migrateRatio : undefined, fmtX(s20?.migrate.ratio));
  const growth = s20 && s80 ? s80.scan.wallMs / s20.scan.wallMs : undefined;
  add('scan: 80 MB time / 20 MB time', growth, `<= ${TARGETS.growth}x`, growth === undefined ? undefined : growth <= TARGETS.growth, fmtX(growth));
  const rssGrowth = s20 && s80 ? s80.scan.rssKB / s20.scan.rssKB : undefined;
  add('scan: 80 MB peak RSS / 20 MB peak RSS', rssGrowth, `<= ${TARGETS.rssGrowth}x (does not grow)`, rssGrowth === undefined ? undefined : rssGrowth <= TARGETS.rssGrowth, rssGrowth === undefined ? '-' : `${fmtX(rssGrowth)} (${fmtMB(s20.scan.rssKB)} -> ${fmtMB(s80.scan.rssKB)})`);
  const mGrowth = s20 && s80 ? s80.migrate.wallMs / s20.migrate.wallMs : undefined;
  add('migrate: 80 MB time / 20 MB time', mGrowth, `<= ${TARGETS.growth}x`, mGrowth === undefined ? undefined : mGrowth <= TARGETS.growth, fmtX(mGrowth));
  const mRss = s20 && s80 ? s80.migrate.rssKB / s20.migrate.rssKB : undefined;
  add('migrate: 80 MB peak RSS / 20 MB peak RSS', mRss, `<= ${TARGETS.rssGrowth}x (does not grow)`, mRss === undefined ? undefined : mRss <= TARGETS.rssGrowth, mRss === undefined ? '-' : `${fmtX(mRss)} (${fmtMB(s20.migrate.rssKB)} -> ${fmtMB(s80.migrate.rssKB)})`);
  add('keptn-migrate --version', results.startup.versionMs, `< ${TARGETS.startupMs} ms`, Number.isFinite(results.startup.versionMs) ? results.startup.versionMs < TARGETS.startupMs : undefined, fmtS(results.startup.versionMs));
  add('scan of a ten-file repository', results.startup.tenFilesMs, `< ${TARGETS.startupMs} ms`, Number.isFinite(results.startup.tenFilesMs) ? results.startup.tenFilesMs < TARGETS.startupMs : undefined, fmtS(results.startup.tenFilesMs));
  if (results.cache.status === 'measured') {
    add(`scan --cache, ${results.cache.size} MB: cold / warm`, results.cache.speedup, `>= ${TARGETS.cacheSpeedup}x`, results.cache.speedup >= TARGETS.cacheSpeedup && results.cache.identicalOutput, `${fmtX(results.cache.speedup)} (${fmtS(results.cache.coldMs)} -> ${fmtS(results.cache.warmMs)}${results.cache.identicalOutput ? '' : ', WARM OUTPUT DIFFERS FROM COLD'})`);
  } else {
    t.push({ name: 'scan --cache: cold / warm', value: undefined, limit: `>= ${TARGETS.cacheSpeedup}x`, status: results.cache.status, shown: '-' });
  }
  results.loadavgEnd = os.loadavg();
  results.totalMs = performance.now() - started;

  log(`targets (issue 7; the 20 MB corpus on a ${m.cores}-core machine)`);
  for (const x of t) log(`  ${pad(x.name, 46)} ${pad(x.shown, 34)} ${pad(x.limit, 28)} ${x.status}`);
  log();
  for (const n of results.notes) log(`note: ${n}`);
  log(`load average at end: ${results.loadavgEnd.map((l) => l.toFixed(2)).join(' ')}; total ${fmtS(results.totalMs)}`);

  if (opts.json) writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
  if (opts.markdown) {
    writeFileSync(opts.markdown, markdown(results));
    log(`wrote ${path.relative(process.cwd(), opts.markdown)}`);
  }
}

function stats(list, MB, files, baseMs) {
  const ok = list.filter((r) => (r.code === 0 || r.code === 1) && !r.timedOut);
  const wallMs = median(ok.map((r) => r.wallMs));
  return {
    wallMs,
    cpuMs: median(ok.map((r) => r.cpuMs)),
    rssKB: Math.max(...ok.map((r) => r.rssKB).filter(Number.isFinite)),
    filesPerS: files / (wallMs / 1000),
    MBperS: MB / (wallMs / 1000),
    ratio: baseMs ? wallMs / baseMs : 1,
    runs: list.map((r) => Math.round(r.wallMs)),
    failed: list.length - ok.length,
  };
}

function summarise(rec) {
  const MB = rec.bytes / 1048576;
  const baseline = stats(rec.baseline, MB, rec.files);
  return {
    size: rec.size,
    files: rec.files,
    MB: +MB.toFixed(2),
    documents: rec.generated.documents,
    sha256: rec.generated.sha256,
    runs: rec.runs,
    baseline: { ...baseline, detail: rec.baselineDetail },
    scan: { ...stats(rec.scan, MB, rec.files, baseline.wallMs), summary: rec.summary, deterministic: rec.outputs.scan.size <= 1 },
    migrate: { ...stats(rec.migrate, MB, rec.files, baseline.wallMs), summary: rec.migrateSummary, deterministic: rec.outputs.migrate.size <= 1 },
    failures: rec.failures,
  };
}

function printSize(rec) {
  const s = summarise(rec);
  log(`  ${pad('', 28)}${lpad('median', 10)}${lpad('cpu', 10)}${lpad('peak RSS', 10)}${lpad('files/s', 10)}${lpad('MB/s', 8)}${lpad('ratio', 8)}   runs (ms)`);
  const row = (name, x) => log(`  ${pad(name, 28)}${lpad(fmtS(x.wallMs), 10)}${lpad(fmtS(x.cpuMs), 10)}${lpad(fmtMB(x.rssKB), 10)}${lpad(fmtN(x.filesPerS), 10)}${lpad(fmtN(x.MBperS, 2), 8)}${lpad(fmtX(x.ratio), 8)}   ${x.runs.join(', ')}${x.failed ? ` (${x.failed} failed)` : ''}`);
  row('js-yaml loadAll (baseline)', s.baseline);
  row('scan (all rules, json)', s.scan);
  row('migrate (dry run, json)', s.migrate);
  if (s.baseline.detail) log(`  baseline: ${fmtN(s.baseline.detail.yamlFiles)} YAML files loaded, ${fmtN(s.baseline.detail.documents)} documents, ${s.baseline.detail.errors} rejected by js-yaml (Helm templates); in-process read ${fmtS(s.baseline.detail.readMs)}, parse ${fmtS(s.baseline.detail.parseMs)}`);
  if (s.scan.summary) log(`  scan: ${fmtN(s.scan.summary.files)} files, ${fmtN(s.scan.summary.documents)} documents, ${fmtN(s.scan.summary.findings)} findings, ${s.scan.summary.skipped} skipped, ${s.scan.summary.errors} rule crashes; output identical across runs: ${s.scan.deterministic ? 'yes' : 'NO'}`);
  if (s.migrate.summary) log(`  migrate: ${Object.entries(s.migrate.summary).map(([k, v]) => `${fmtN(v)} ${k}`).join(', ')}; output identical across runs: ${s.migrate.deterministic ? 'yes' : 'NO'}`);
  for (const f of rec.failures) log(`  FAILED ${f}`);
}

function markdown(r) {
  const m = r.machine;
  const lines = [];
  lines.push('# Performance');
  lines.push('');
  lines.push('Figures from `npm run bench` (`bench/run.js`): generated GitOps repositories holding Keptn v1 projects (`bench/generate.js`:');
  lines.push('multi-document manifests, Helm charts, Kustomize bases and overlays, shipyards, SLOs, SLIs, job, webhook and remediation');
  lines.push('configs, CI scripts; deterministic for a seed). Every command runs as a child process of the built CLI; the baseline is');
  lines.push('js-yaml `loadAll` of the same files in a fresh process. Medians; peak RSS is the largest of the runs.');
  lines.push('');
  lines.push('How to read it: times are wall-clock times of whole child processes (Node start-up included), so a ratio compares');
  lines.push('`keptn-migrate scan` with the cheapest process that reads and parses the same files; the scan also pays for file');
  lines.push('discovery (`.gitignore` included), which the baseline gets for free (it is given the file list). "Does not grow"');
  lines.push(`is read as: the 80 MB peak RSS within ${TARGETS.rssGrowth}x the 20 MB one. A load average above the core count means`);
  lines.push('other work shared the machine: CPU times are less affected than wall times.');
  lines.push('');
  lines.push(`- Date: ${r.date.slice(0, 10)}; tool ${m.tool} (${m.commit})`);
  lines.push(`- Machine: ${m.cpu}, ${m.cores} cores, ${m.memGB} GB; Node ${m.node}; ${m.os}`);
  lines.push(`- Load average at start / end: ${r.loadavgStart.map((x) => x.toFixed(1)).join(' ')} / ${r.loadavgEnd.map((x) => x.toFixed(1)).join(' ')}`);
  lines.push(`- Options: runs ${r.options.runs}, sizes ${r.options.sizes.join(', ')} MB, seed ${r.options.seed}, budget ${r.options.budget || 'none'}`);
  lines.push('');
  lines.push('## Targets (issue 7)');
  lines.push('');
  lines.push('| target | measured | limit | status |');
  lines.push('|---|---|---|---|');
  for (const x of r.targets) lines.push(`| ${x.name} | ${x.shown} | ${x.limit} | ${x.status} |`);
  lines.push('');
  lines.push('## By corpus size');
  lines.push('');
  lines.push('| corpus | command | median | CPU | peak RSS | files/s | MB/s | vs baseline | runs |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const s of r.sizes) {
    if (s.skipped) {
      lines.push(`| ${s.size} MB | (not measured) | ${s.skipped.replace(/\|/g, '/')} | | | | | | |`);
      continue;
    }
    const label = `${s.size} MB (${fmtN(s.files)} files)`;
    for (const [name, x] of [['js-yaml loadAll', s.baseline], ['scan', s.scan], ['migrate (dry run)', s.migrate]]) {
      lines.push(`| ${label} | ${name} | ${fmtS(x.wallMs)} | ${fmtS(x.cpuMs)} | ${fmtMB(x.rssKB)} | ${fmtN(x.filesPerS)} | ${fmtN(x.MBperS, 2)} | ${fmtX(x.ratio)} | ${x.runs.length} |`);
    }
  }
  lines.push('');
  lines.push(`Start-up: \`--version\` ${fmtS(r.startup.versionMs)}, scan of a ten-file repository ${fmtS(r.startup.tenFilesMs)} (median of ${r.startup.runs}).`);
  lines.push(`Cache: ${r.cache.status === 'measured' ? `cold ${fmtS(r.cache.coldMs)}, warm ${fmtS(r.cache.warmMs)} (${fmtX(r.cache.speedup)}), output identical: ${r.cache.identicalOutput ? 'yes' : 'no'}` : r.cache.status}.`);
  if (r.notes.length) {
    lines.push('');
    for (const n of r.notes) lines.push(`- ${n}`);
  }
  lines.push('');
  lines.push('Reproduce: `npm run bench` (all sizes, 5 runs, ~10 minutes budget), or e.g. `npm run bench -- --sizes 20 --runs 3`.');
  lines.push('');
  return lines.join('\n');
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exitCode = 2;
});
