#!/usr/bin/env node
/**
 * All benchmarks in sequence (`npm run bench` builds first): login (bench/login.mjs, when present),
 * then the rate-limit benches: shedding, flood, memory; then the signed API. Each runs as its own child
 * process with --json: its tables go to stderr (shown here as they come), its one JSON line to
 * stdout (read here). At the end: every bar as a PASS/FAIL line.
 *
 * Exit status: 0 when every benchmark ran (bars met or not), 1 when any benchmark failed to run.
 * BENCH_ONLY=shedding,flood runs a subset.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCHES = [
  { name: 'login', file: 'login.mjs', optional: true },
  { name: 'shedding', file: 'limits-shedding.mjs' },
  { name: 'flood', file: 'limits-flood.mjs' },
  { name: 'memory', file: 'limits-memory.mjs' },
  { name: 'signed', file: 'signed-api.mjs' },
];

let current = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    // The child handles the signal itself (stops its servers); wait for it, then leave.
    if (current && current.exitCode === null) {
      current.kill(signal);
      current.once('exit', () => process.exit(130));
      setTimeout(() => {
        if (current.exitCode === null) current.kill('SIGKILL');
        process.exit(130);
      }, 20_000).unref();
    } else {
      process.exit(130);
    }
  });
}

function run(bench) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [join(HERE, bench.file), '--json'], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    current = child;
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.once('exit', (code, signal) => {
      current = null;
      const line = stdout.trim().split('\n').filter(Boolean).pop();
      let result = null;
      try {
        result = line ? JSON.parse(line) : null;
      } catch {
        result = null;
      }
      resolve({ bench, code, signal, result, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Bars of a result: the limits benches list them; bench/login.mjs has one { serverCpuRatio, bar }. */
function barsOf(_name, result) {
  if (!result) return [];
  if (Array.isArray(result.bars)) return result.bars;
  if (result.bar && Number.isFinite(result.serverCpuRatio)) {
    return [
      {
        name: `login: argon2 CPU / server CPU per login >= ${result.bar.threshold}`,
        value: result.serverCpuRatio,
        threshold: result.bar.threshold,
        pass: result.bar.pass,
      },
    ];
  }
  return [];
}

const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const outcomes = [];
for (const bench of BENCHES) {
  if (only && !only.has(bench.name)) continue;
  if (!existsSync(join(HERE, bench.file))) {
    if (bench.optional) {
      process.stderr.write(`\n[run-all] ${bench.file} not present: skipped\n`);
      continue;
    }
    outcomes.push({ bench, code: 1, result: null, missing: true });
    continue;
  }
  process.stderr.write(`\n[run-all] ===== ${bench.name} (node bench/${bench.file} --json) =====\n`);
  outcomes.push(await run(bench));
}

const lines = ['', 'Summary (ratios measured in one run on this machine)'];
let errors = 0;
for (const o of outcomes) {
  if (o.missing) {
    errors++;
    lines.push(`ERROR ${o.bench.name}: bench/${o.bench.file} is missing`);
    continue;
  }
  if (o.code !== 0 || !o.result) {
    errors++;
    lines.push(`ERROR ${o.bench.name}: did not complete (exit ${o.code ?? o.signal}${o.result ? '' : ', no JSON result'})`);
    continue;
  }
  const bars = barsOf(o.bench.name, o.result);
  if (bars.length === 0) lines.push(`NOTE  ${o.bench.name}: completed in ${o.seconds.toFixed(0)} s, no bars reported`);
  for (const b of bars) {
    const value = typeof b.value === 'number' ? b.value.toFixed(2) : String(b.value);
    lines.push(`${b.pass ? 'PASS' : 'FAIL'}  ${o.bench.name}: ${b.name}: ${value}`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(errors > 0 ? 1 : 0);
