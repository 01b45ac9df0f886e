#!/usr/bin/env node
/**
 * Limiter memory bench. Bar: the limiter holds 1 million tracked client keys within 300 MB RSS.
 *
 *   npm run build && node bench/limits-memory.mjs          (--json: tables on stderr, JSON on stdout)
 *
 * Each measurement runs in its own child process (`node --expose-gc`, this file with
 * BENCH_MEMORY_MODE set) that builds the limits exactly as the server does with the memory store:
 * createMemoryLimiterFactory(clock, DEFAULT_CONFIG.limits.memoryMaxKeys) and
 * new AuthLimits(DEFAULT_CONFIG.limits, factory, clock) from dist/, clock = { nowMs: Date.now }.
 * It forces GC and reads RSS, feeds BENCH_KEYS distinct public IPv4 addresses through the limiter,
 * forces GC again and reads RSS, and reports bytes per tracked key and factory.memoryKeys().
 *   admit  (the bar): admitRequest(ip) once per address (the per-IP request budget on every
 *          credential request): one tracked key per client IP;
 *   login  (context): admitRequest, reserveLogin(ip, email) and failed(ticket), one distinct email
 *          per address: four keys per attempt (request budget, IP failures, IP+account failures,
 *          account failures), so 1M attempts fill the LRU up to memoryMaxKeys (2M by default) and
 *          evict beyond it: the most memory the default limiter can hold.
 *
 * Environment: BENCH_KEYS (1000000), BENCH_MEMORY_MODES (admit,login).
 * Exit status: 0 when the run completed (bar printed PASS/FAIL), 1 when the run itself failed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { benchOptions, createOutput, envNumber, formatTable, machine, todayIso, watchdog } from './lib/report.mjs';
import { ROOT, registerCleanup, runCleanups } from './lib/server.mjs';
import { barRecord, mb, round } from './limits-lib.mjs';

const _BAR_BYTES = 300 * 2 ** 20;

/** The i-th address from 11.0.0.0 up (11/8 is public unicast), distinct for i < 2^24. */
const ipOf = (i) => `11.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;

async function child(mode, keys) {
  globalThis.gc();
  const atStart = process.memoryUsage().rss;
  const dist = (p) => pathToFileURL(join(ROOT, 'dist', p)).href;
  const { createMemoryLimiterFactory } = await import(dist('limits/limiter-factory.js'));
  const { AuthLimits } = await import(dist('limits/auth-limits.js'));
  const { DEFAULT_CONFIG } = await import(dist('config.js'));
  const clock = { nowMs: () => Date.now() };
  const maxKeys = DEFAULT_CONFIG.limits.memoryMaxKeys;
  globalThis.gc();
  const afterImports = process.memoryUsage().rss;
  const factory = createMemoryLimiterFactory(clock, maxKeys);
  const limits = new AuthLimits(DEFAULT_CONFIG.limits, factory, clock);
  // Warm the code paths once so that compiled code is in the baseline, not in the per-key figure.
  await limits.admitRequest('192.0.2.1');
  const gc = () => {
    for (let i = 0; i < 3; i++) globalThis.gc();
  };
  gc();
  const before = process.memoryUsage();
  const keysBefore = factory.memoryKeys();
  const started = performance.now();
  let refused = 0;
  for (let i = 0; i < keys; i++) {
    const ip = ipOf(i);
    const verdict = await limits.admitRequest(ip);
    if (!verdict.ok) refused++;
    if (mode === 'login') {
      const ticket = await limits.reserveLogin(ip, `user${i}@example.com`);
      if ('pair' in ticket) await limits.failed(ticket);
      else refused++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  gc();
  const after = process.memoryUsage();
  const tracked = factory.memoryKeys() - keysBefore;
  process.stdout.write(
    `${JSON.stringify({ mode, keys, seconds, refused, tracked, memoryKeys: factory.memoryKeys(), maxKeys, atStart, afterImports, before, after, node: process.version })}\n`,
  );
}

function runChild(mode, keys) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
      cwd: ROOT,
      env: { ...process.env, BENCH_MEMORY_MODE: mode, BENCH_KEYS: String(keys) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    proc.stdout.on('data', (c) => (stdout += c));
    let exited = false;
    const unregister = registerCleanup(
      async () => {
        if (!exited) proc.kill('SIGKILL');
      },
      () => {
        if (!exited) proc.kill('SIGKILL');
      },
    );
    proc.once('exit', (code, signal) => {
      exited = true;
      unregister();
      if (code !== 0) return reject(new Error(`memory child (${mode}) exited with ${code ?? signal}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch (err) {
        reject(new Error(`memory child (${mode}) printed no result: ${stdout.slice(0, 300)} (${err.message})`));
      }
    });
  });
}

async function main() {
  const options = benchOptions();
  const out = createOutput(options);
  const keys = envNumber('BENCH_KEYS', 1_000_000, { integer: true });
  const modes = (process.env.BENCH_MEMORY_MODES || 'admit,login')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  for (const m of modes) if (!['admit', 'login'].includes(m)) throw new Error(`BENCH_MEMORY_MODES: unknown mode ${m}`);
  const host = machine();
  const stopWatchdog = watchdog(300, runCleanups);
  try {
    const results = [];
    for (const mode of modes) {
      out.note(`${mode}: ${keys} distinct IPv4 addresses in a child process (node --expose-gc)`);
      results.push(await runChild(mode, keys));
    }
    const rows = [
      [
        'mode',
        'addresses fed',
        'memoryKeys() after',
        'RSS: node alone / + modules / + empty limiter (LRU for maxKeys) → after',
        'RSS growth',
        'bytes per tracked key: RSS / V8 heap used',
        'heap used / heap total after',
        'time',
      ],
    ];
    for (const r of results) {
      rows.push([
        r.mode === 'admit' ? 'admitRequest(ip)' : 'admitRequest + reserveLogin + failed',
        String(r.keys),
        `${r.memoryKeys} (cap ${r.maxKeys})`,
        `${mb(r.atStart)} / ${mb(r.afterImports)} / ${mb(r.before.rss)} → ${mb(r.after.rss)}`,
        mb(r.after.rss - r.before.rss),
        `${((r.after.rss - r.before.rss) / r.tracked).toFixed(0)} / ${((r.after.heapUsed - r.before.heapUsed) / r.tracked).toFixed(0)}`,
        `${mb(r.after.heapUsed)} / ${mb(r.after.heapTotal)}`,
        `${r.seconds.toFixed(1)} s`,
      ]);
    }
    const admit = results.find((r) => r.mode === 'admit');
    const bars = [];
    if (admit) {
      if (admit.tracked < admit.keys)
        throw new Error(`only ${admit.tracked} of ${admit.keys} addresses are tracked: the measurement does not hold ${admit.keys} keys`);
      bars.push(barRecord(`limiter RSS with ${admit.keys} tracked client keys <= 300 MB`, admit.after.rss / 2 ** 20, 300, { higherIsBetter: false }));
    }
    const date = todayIso();
    out.line('');
    out.line('Rate limits: memory of the in-process limiter (memory store, DEFAULT_CONFIG.limits)');
    out.line(formatTable(rows, { header: true }));
    out.line('');
    out.line(
      formatTable([
        ['node', host.node],
        ['cores', `${host.cores} (${host.cpuModel})`],
        ['date', date],
      ]),
    );
    out.line('');
    for (const b of bars) out.line(`BAR  ${b.name}: ${b.value.toFixed(1)} MB  ${b.pass ? 'PASS' : 'FAIL (bar missed)'}`);
    out.json({
      bench: 'limits-memory',
      date,
      results: results.map((r) => ({
        mode: r.mode,
        keys: r.keys,
        memoryKeys: r.memoryKeys,
        maxKeys: r.maxKeys,
        rssNodeAloneMB: round(r.atStart / 2 ** 20),
        rssAfterImportsMB: round(r.afterImports / 2 ** 20),
        rssBeforeMB: round(r.before.rss / 2 ** 20),
        rssAfterMB: round(r.after.rss / 2 ** 20),
        heapUsedAfterMB: round(r.after.heapUsed / 2 ** 20),
        bytesPerKey: round((r.after.rss - r.before.rss) / r.tracked, 0),
        heapBytesPerKey: round((r.after.heapUsed - r.before.heapUsed) / r.tracked, 0),
        seconds: round(r.seconds),
      })),
      node: host.node,
      bars,
    });
  } finally {
    await runCleanups();
    stopWatchdog();
  }
}

if (process.env.BENCH_MEMORY_MODE) {
  child(process.env.BENCH_MEMORY_MODE, Number(process.env.BENCH_KEYS)).catch((err) => {
    process.stderr.write(`[bench] memory child failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
} else {
  main().then(
    () => runCleanups().then(() => process.exit(0)),
    async (err) => {
      process.stderr.write(`\n[bench] limits-memory FAILED: ${err?.stack ?? err}\n`);
      await runCleanups();
      process.exit(1);
    },
  );
}
