#!/usr/bin/env node
/**
 * Login bench. The bar (docs/performance.md): of the server process's CPU time per successful
 * password login, at least 85% is the argon2id verification itself: the argon2 CPU of one raw
 * verification (same parameters, measured in this process in the same run) ÷ the server process's
 * CPU per login (all its threads, from /proc). Logins per second against the raw verify rate is
 * reported beside it, not a bar: on 2 cores the load generator shares the CPU with the server.
 *
 *   npm run bench:login            (builds first)
 *   node bench/login.mjs --json    (human output on stderr, one JSON line on stdout)
 *
 * Steps: start the real server (child process, loopback, temp data dir), create verified accounts
 * over HTTP (and log each in once, so its device is known), warm the login path up, then measure in
 * alternating slices, R L R L ... L R (BENCH_ROUNDS login slices, one more raw slice):
 *   R = raw argon2id: `verify()` of @node-rs/argon2 in this process (on the libuv pool) against a
 *       hash with the same parameters, as many in flight as the server hashes at once
 *       (`admission.hashConcurrency`, by default one per core; passed to the server explicitly);
 *   L = autocannon against POST /api/v1/auth/login, correct passwords, accounts round-robin, each
 *       with its own stable deviceId; every response must be 200 with a session.
 * Interleaving puts both measurements under the same background load, which on a shared machine
 * moves from second to second (other people's builds and tests): drift hits both sides alike
 * instead of skewing the ratio one way. Before each R slice the server is left to go idle.
 *
 * Environment: BENCH_DURATION_S (measured login seconds, default 15; the raw slices total 2/3 of
 * it, default 10), BENCH_WARMUP_S (login warm-up, default 5), BENCH_ROUNDS (login slices, default
 * 6), BENCH_CONNECTIONS (8), BENCH_ACCOUNTS (20), BENCH_HASH_CONCURRENCY (default: cores),
 * BENCH_CPU_PROF=DIR (V8 CPU profile of the server).
 *
 * Exit status: 0 when the run completed (bar met or not: the bar is printed as PASS/FAIL), 1 when
 * the run itself failed (start-up, any non-200 login, a body without a session, a timeout).
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createVerifiedAccounts } from './lib/accounts.mjs';
import { DEFAULT_ARGON2, makeHash, measureRawVerifyRate } from './lib/argon2-raw.mjs';
import { cpuWindow, waitForIdle } from './lib/cpu.mjs';
import { loadProblems, percentile, rotatingJsonRequest, runLoad } from './lib/load.mjs';
import { barLine, benchOptions, createOutput, envNumber, fmt, formatTable, machine, todayIso, watchdog } from './lib/report.mjs';
import { runCleanups, startGatehouse } from './lib/server.mjs';

const BAR = 0.85;

async function main() {
  const options = benchOptions();
  const out = createOutput(options);
  const loginS = envNumber('BENCH_DURATION_S', 15);
  const rawS = (loginS * 2) / 3;
  const warmupS = envNumber('BENCH_WARMUP_S', 5, { min: -1 });
  const rounds = envNumber('BENCH_ROUNDS', 6, { integer: true });
  const connections = envNumber('BENCH_CONNECTIONS', 8, { integer: true });
  const accountCount = envNumber('BENCH_ACCOUNTS', 20, { integer: true });
  const cpuProfDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
  const params = { ...DEFAULT_ARGON2 };
  const host = machine();
  // The server hashes `admission.hashConcurrency` logins at once, by default (0) one per core; the
  // bench passes the number explicitly and runs the raw measurement at the same concurrency.
  const HASH_CONCURRENCY = envNumber('BENCH_HASH_CONCURRENCY', host.cores, { integer: true });
  const rawSliceS = rawS / (rounds + 1);
  const loginSliceS = loginS / rounds;

  const stopWatchdog = watchdog(rawS + loginS + warmupS + (rounds + 1) * 5 + 180, runCleanups);

  if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });
  out.note(`starting server (argon2id m=${params.memoryKiB} KiB t=${params.iterations} p=${params.parallelism}, hash concurrency ${HASH_CONCURRENCY})`);
  const server = await startGatehouse({
    config: {
      passwords: { argon2: params },
      admission: { hashConcurrency: HASH_CONCURRENCY },
      // All load comes from one loopback address: lift the per-IP request budget (60/min) out of
      // the way. The limiter still runs on every login (budget hit, failure-slot reservation and
      // release); a correct password never counts as a failure, so no other limit is reached.
      limits: { authRequests: { requests: 1_000_000_000, windowSeconds: 60 } },
    },
    nodeArgs: cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [],
  });
  try {
    out.note(`server pid ${server.pid} at ${server.url}; creating ${accountCount} verified accounts`);
    const accounts = await createVerifiedAccounts(server.url, accountCount, { concurrency: HASH_CONCURRENCY, login: true });

    const password = `raw-bench-pass-${Date.now()}-x9`;
    const passwordHash = await makeHash(password, params);
    const loadOptions = {
      url: server.url,
      connections,
      // autocannon checks its stop flag on every sample tick: 100 ms ticks end a slice within
      // 0.1 s of its duration (the default 1 s ticks round every slice up to whole seconds).
      sampleInt: 100,
      requests: [
        rotatingJsonRequest({
          path: '/api/v1/auth/login',
          items: accounts,
          bodyFor: (a) => ({ email: a.email, password: a.password, deviceId: a.deviceId }),
        }),
      ],
      // A 200 that is not a session (2FA or device confirmation asked) is not a completed login.
      verifyBody: (body) => body.includes('"status":"ok"') && body.includes('"token"'),
    };
    const checked = async (what, durationS, onResponse) => {
      const { summary } = await runLoad({ ...loadOptions, duration: durationS }, { onResponse });
      const problems = loadProblems(summary);
      if (problems.length > 0) throw new Error(`${what} failed: ${problems.join('; ')}`);
      return summary;
    };

    if (warmupS > 0) {
      out.note(`login warm-up: ${connections} connections, ${warmupS} s`);
      await checked('login warm-up', warmupS);
      await waitForIdle(server.pid);
    }

    const pids = { bench: process.pid, server: server.pid };
    const raw = { completed: 0, seconds: 0, slices: [], cpu: [], verifications: 0 };
    const login = { ok: 0, seconds: 0, slices: [], cpu: [], latencies: [], non2xx: 0 };
    const rawSlice = async () => {
      await waitForIdle(server.pid);
      let w;
      const around = {
        start: () => (w = cpuWindow(pids)),
        end: (n) => {
          raw.cpu.push(w.end());
          raw.verifications += n;
        },
      };
      const r = await measureRawVerifyRate({ params, concurrency: HASH_CONCURRENCY, durationS: rawSliceS, warmupS: 0.25, passwordHash, password, around });
      raw.completed += r.completed;
      raw.seconds += r.seconds;
      raw.slices.push(r.perSecond);
    };
    out.note(
      `measuring: ${rounds + 1} raw slices of ${rawSliceS.toFixed(1)} s (${HASH_CONCURRENCY} in flight) interleaved with ${rounds} login slices of ${loginSliceS.toFixed(1)} s (${connections} connections)`,
    );
    await rawSlice();
    for (let i = 0; i < rounds; i++) {
      const w = cpuWindow(pids);
      const s = await checked(`login slice ${i + 1}`, loginSliceS, (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) login.latencies.push(ms);
      });
      login.cpu.push(w.end());
      login.ok += s.ok;
      login.seconds += s.seconds;
      login.slices.push(s.perSecond);
      await rawSlice();
    }
    await server.stop();

    const rawRate = raw.completed / raw.seconds;
    const loginRate = login.ok / login.seconds;
    const ratio = loginRate / rawRate;
    const p50 = percentile(login.latencies, 50);
    const p99 = percentile(login.latencies, 99);
    const cpu = cpuFigures(raw, login, host.uvThreadpoolSize);
    if (!cpu) throw new Error('the login bar needs per-thread CPU times from /proc');
    const bar = barLine(`argon2 CPU / server CPU per login >= ${BAR.toFixed(2)}`, cpu.serverCpuRatio, BAR);
    const date = todayIso();
    const spread = (xs) => (Math.max(...xs) - Math.min(...xs)) / (xs.reduce((a, b) => a + b, 0) / xs.length);

    const rows = [
      ['figure', 'value'],
      [
        `raw argon2id verify/s (${HASH_CONCURRENCY} in flight)`,
        `${fmt.rate(rawRate)}  (${raw.completed} in ${raw.seconds.toFixed(1)} s; slices ${raw.slices.map(fmt.rate).join(', ')})`,
      ],
      [
        'logins/s (HTTP 200 with a session)',
        `${fmt.rate(loginRate)}  (${login.ok} in ${login.seconds.toFixed(1)} s, 0 non-2xx; slices ${login.slices.map(fmt.rate).join(', ')})`,
      ],
      ['ratio logins/raw (reported, not a bar)', fmt.ratio(ratio)],
      ['login latency p50', fmt.ms(p50)],
      ['login latency p99', fmt.ms(p99)],
      ...(cpu
        ? [
            ['CPU per raw verify (bench non-main threads)', `${cpu.rawVerifyMs.toFixed(1)} ms  (argon2 pool ${cpu.rawPoolMsPerVerify.toFixed(1)} ms)`],
            ['CPU per login: server main thread', `${cpu.serverMainMsPerLogin.toFixed(2)} ms`],
            [
              'CPU per login: server other threads',
              `${cpu.serverOtherMsPerLogin.toFixed(1)} ms  (argon2 pool ${cpu.serverPoolMsPerLogin.toFixed(1)} ms, GC helpers etc. ${(cpu.serverOtherMsPerLogin - cpu.serverPoolMsPerLogin).toFixed(2)} ms)`,
            ],
            ['CPU per login: load generator', `${cpu.loadGeneratorMsPerLogin.toFixed(2)} ms`],
            [
              'argon2 CPU / server CPU per login (the bar)',
              `${fmt.ratio(cpu.serverCpuRatio)}  (${cpu.rawPoolMsPerVerify.toFixed(2)} ms / ${(cpu.serverMainMsPerLogin + cpu.serverOtherMsPerLogin).toFixed(2)} ms)`,
            ],
            [
              // What the other threads alone leave: the hashes cost more inside a loaded server than in
              // the raw slices (cores and caches shared with the main thread and the load generator).
              'ceiling: the same ratio with no main-thread work at all',
              `${fmt.ratio(cpu.rawPoolMsPerVerify / cpu.serverOtherMsPerLogin)}  (main-thread budget for the bar: ${Math.max(0, cpu.rawPoolMsPerVerify / BAR - cpu.serverOtherMsPerLogin).toFixed(2)} ms per login)`,
            ],
            ['CPU-derived throughput ratio (estimate)', `${fmt.ratio(cpu.cpuRatio)}  (CPU per raw verify / all CPU per login, load generator included)`],
            ['other load on the machine', `${cpu.foreignCores.raw.toFixed(2)} cores during raw, ${cpu.foreignCores.login.toFixed(2)} during logins`],
          ]
        : []),
      ['load', `${connections} connections, ${accountCount} accounts round-robin, ${warmupS} s warm-up, ${rounds} x ${loginSliceS.toFixed(1)} s`],
      ['argon2id parameters', `m=${params.memoryKiB} KiB, t=${params.iterations}, p=${params.parallelism}; server hash concurrency ${HASH_CONCURRENCY}`],
      ['node', host.node],
      ['cores', `${host.cores} (${host.cpuModel})`],
      ['date', date],
    ];
    out.line('');
    out.line('Login CPU and throughput (POST /api/v1/auth/login vs raw argon2id verify, same run)');
    out.line(formatTable(rows, { header: true }));
    out.line('');
    out.line(bar.text);
    const rawSpread = spread(raw.slices);
    if (rawSpread > 0.15) {
      out.line(
        `NOTE raw slices differ by ${(rawSpread * 100).toFixed(0)}%: the machine's load changed during the run; treat the ratio as noisy and rerun when quiet.`,
      );
    }
    if (cpu && Math.max(cpu.foreignCores.raw, cpu.foreignCores.login) > 0.2) {
      out.line(
        `NOTE other processes used ${Math.max(cpu.foreignCores.raw, cpu.foreignCores.login).toFixed(2)} of ${host.cores} cores meanwhile: the machine was not quiet.`,
      );
    }
    if (cpuProfDir) out.line(`server CPU profile written to ${cpuProfDir}`);
    out.json({
      bench: 'login',
      date,
      rawPerSecond: round(rawRate),
      rawSlices: raw.slices.map((x) => round(x)),
      loginsPerSecond: round(loginRate),
      loginSlices: login.slices.map((x) => round(x)),
      ratio: round(ratio, 3),
      serverCpuRatio: round(cpu.serverCpuRatio, 3),
      ceilingRatio: round(cpu.rawPoolMsPerVerify / cpu.serverOtherMsPerLogin, 3),
      bar: { threshold: BAR, pass: bar.pass },
      p50Ms: round(p50),
      p99Ms: round(p99),
      logins: login.ok,
      non2xx: 0,
      connections,
      accounts: accountCount,
      durationS: loginS,
      rawDurationS: round(raw.seconds),
      rounds,
      argon2: params,
      hashConcurrency: HASH_CONCURRENCY,
      node: host.node,
      cores: host.cores,
      cpuModel: host.cpuModel,
      cpu:
        cpu &&
        Object.fromEntries(
          Object.entries(cpu).map(([k, v]) => [
            k,
            typeof v === 'number' ? round(v, 3) : Object.fromEntries(Object.entries(v).map(([a, b]) => [a, round(b, 2)])),
          ]),
        ),
    });
  } finally {
    await server.stop();
    stopWatchdog();
  }
}

/** CPU ms per operation from the /proc windows (null without /proc). */
function cpuFigures(raw, login, poolThreads) {
  if (raw.cpu.some((w) => !w) || login.cpu.some((w) => !w)) return null;
  const sum = (ws, f) => ws.reduce((a, w) => a + f(w), 0);
  // The raw slices run in this process: its non-main threads are the libuv pool (argon2) and GC.
  const rawVerifyMs = sum(raw.cpu, (w) => w.procs.bench.other) / raw.verifications;
  const serverMain = sum(login.cpu, (w) => w.procs.server.main) / login.ok;
  const serverOther = sum(login.cpu, (w) => w.procs.server.other) / login.ok;
  // The libuv pool threads (UV_THREADPOOL_SIZE, default 4) run argon2 and are by far the busiest
  // non-main threads; the rest are V8's GC and compiler helpers.
  const top = (w, who) => w.procs[who].threads.slice(0, poolThreads).reduce((a, b) => a + b, 0);
  const serverPool = sum(login.cpu, (w) => top(w, 'server')) / login.ok;
  const rawPoolMs = sum(raw.cpu, (w) => top(w, 'bench')) / raw.verifications;
  const generator = sum(login.cpu, (w) => w.procs.bench.total) / login.ok;
  const foreign = (ws) => sum(ws, (w) => w.foreignMs) / sum(ws, (w) => w.wallMs);
  return {
    rawVerifyMs,
    serverMainMsPerLogin: serverMain,
    serverOtherMsPerLogin: serverOther,
    serverPoolMsPerLogin: serverPool,
    rawPoolMsPerVerify: rawPoolMs,
    loadGeneratorMsPerLogin: generator,
    // If both phases keep every core busy, throughput is cores / CPU per operation, so the ratio
    // is CPU per raw verify / all CPU one login costs (server threads and the load generator).
    cpuRatio: rawVerifyMs / (serverMain + serverOther + generator),
    // The bar: what a verification costs in argon2 itself, over what a login costs the server.
    serverCpuRatio: rawPoolMs / (serverMain + serverOther),
    foreignCores: { raw: foreign(raw.cpu), login: foreign(login.cpu) },
  };
}

function round(n, digits = 1) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

main().then(
  () => runCleanups().then(() => process.exit(0)),
  async (err) => {
    process.stderr.write(`\n[bench] login bench FAILED: ${err?.stack ?? err}\n`);
    await runCleanups();
    process.exit(1);
  },
);
