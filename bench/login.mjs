#!/usr/bin/env node
/**
 * Login throughput bench (DESIGN.md "Bars": password logins per second >= 90% of the raw argon2id
 * rate of the same machine and parameters, measured in the same run).
 *
 *   npm run bench:login            (builds first)
 *   node bench/login.mjs --json    (human output on stderr, one JSON line on stdout)
 *
 * Steps: start the real server (child process, loopback, temp data dir), create verified accounts
 * over HTTP, measure the raw argon2id verify rate in this process (4 in flight, like the server),
 * run autocannon against POST /api/v1/auth/login with correct passwords, measure the raw rate again,
 * report. The raw rate is measured in two halves that bracket the login run, so that a change in
 * machine load during the run (this machine is shared) shows up as a spread instead of skewing
 * the ratio one way.
 *
 * Environment: BENCH_DURATION_S (measured seconds for each of: login run, raw total; default 15
 * and 10), BENCH_WARMUP_S (login warm-up, default 3), BENCH_CONNECTIONS (8), BENCH_ACCOUNTS (20),
 * BENCH_CPU_PROF=DIR (write a V8 CPU profile of the server to DIR).
 *
 * Exit status: 0 when the run completed (bar met or not: the bar is printed as PASS/FAIL), 1 when
 * the run itself failed (build, start-up, any non-200 login, a wrong body, a timeout).
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createVerifiedAccounts } from './lib/accounts.mjs';
import { cpuWindow } from './lib/cpu.mjs';
import { DEFAULT_ARGON2, makeHash, measureRawVerifyRate } from './lib/argon2-raw.mjs';
import { loadProblems, rotatingJsonRequest, runLoad } from './lib/load.mjs';
import { barLine, benchOptions, createOutput, envNumber, fmt, formatTable, machine, todayIso, watchdog } from './lib/report.mjs';
import { runCleanups, startGatehouse } from './lib/server.mjs';

const BAR = 0.9;
/** The server's default `passwords.hashConcurrency`; the bench passes it explicitly too. */
const HASH_CONCURRENCY = 4;

async function main() {
  const options = benchOptions();
  const out = createOutput(options);
  const overrideS = envNumber('BENCH_DURATION_S', undefined);
  const loginS = overrideS ?? 15;
  const rawS = overrideS ?? 10;
  const warmupS = envNumber('BENCH_WARMUP_S', 3);
  const connections = envNumber('BENCH_CONNECTIONS', 8, { integer: true });
  const accountCount = envNumber('BENCH_ACCOUNTS', 20, { integer: true });
  const cpuProfDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
  const params = { ...DEFAULT_ARGON2 };
  const host = machine();

  const stopWatchdog = watchdog(rawS + loginS + warmupS + 180, runCleanups);

  if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });
  out.note(`starting server (argon2id m=${params.memoryKiB} KiB t=${params.iterations} p=${params.parallelism}, hash concurrency ${HASH_CONCURRENCY})`);
  const server = await startGatehouse({
    config: { passwords: { argon2: params, hashConcurrency: HASH_CONCURRENCY } },
    nodeArgs: cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [],
  });
  try {
    out.note(`server pid ${server.pid} at ${server.url}; creating ${accountCount} verified accounts`);
    const accounts = await createVerifiedAccounts(server.url, accountCount, { concurrency: HASH_CONCURRENCY, login: true });

    const password = `raw-bench-pass-${Date.now()}-x9`;
    const passwordHash = await makeHash(password, params);
    const rawHalfS = rawS / 2;
    out.note(`raw argon2id verify, ${HASH_CONCURRENCY} in flight: 1 s warm-up + ${rawHalfS} s`);
    const pids = { bench: process.pid, server: server.pid };
    let cpu = cpuWindow(pids);
    const rawBefore = await measureRawVerifyRate({ params, concurrency: HASH_CONCURRENCY, durationS: rawHalfS, warmupS: 1, passwordHash, password });
    const cpuRawBefore = cpu.end();

    const request = rotatingJsonRequest({
      path: '/api/v1/auth/login',
      items: accounts,
      bodyFor: (a) => ({ email: a.email, password: a.password, deviceId: a.deviceId }),
    });
    const loadOptions = {
      url: server.url,
      connections,
      requests: [request],
      // A 200 that is not a session (2FA or device confirmation asked) is not a completed login.
      verifyBody: (body) => body.includes('"status":"ok"') && body.includes('"token"'),
    };
    if (warmupS > 0) {
      out.note(`login warm-up: ${connections} connections, ${warmupS} s`);
      const warm = await runLoad({ ...loadOptions, duration: warmupS });
      const problems = loadProblems(warm.summary);
      if (problems.length > 0) throw new Error(`login warm-up failed: ${problems.join('; ')}`);
    }
    out.note(`login run: ${connections} connections, ${loginS} s`);
    cpu = cpuWindow(pids);
    const { summary: login } = await runLoad({ ...loadOptions, duration: loginS });
    const cpuLogin = cpu.end();
    const problems = loadProblems(login);
    if (problems.length > 0) throw new Error(`login run failed: ${problems.join('; ')}`);

    out.note(`raw argon2id verify again: ${rawHalfS} s`);
    cpu = cpuWindow(pids);
    const rawAfter = await measureRawVerifyRate({ params, concurrency: HASH_CONCURRENCY, durationS: rawHalfS, warmupS: 0.5, passwordHash, password });
    const cpuRawAfter = cpu.end();

    await server.stop();

    const raw = (rawBefore.completed + rawAfter.completed) / (rawBefore.seconds + rawAfter.seconds);
    const ratio = login.perSecond / raw;
    const spread = Math.abs(rawBefore.perSecond - rawAfter.perSecond) / raw;
    const bar = barLine(`ratio logins/raw >= ${BAR.toFixed(2)}`, ratio, BAR);
    const date = todayIso();

    const rows = [
      ['figure', 'value'],
      [`raw argon2id verify/s (${HASH_CONCURRENCY} in flight)`, `${fmt.rate(raw)}  (before ${fmt.rate(rawBefore.perSecond)}, after ${fmt.rate(rawAfter.perSecond)}; ${rawBefore.completed + rawAfter.completed} in ${rawBefore.seconds + rawAfter.seconds} s)`],
      ['raw verify time at that concurrency', fmt.ms((rawBefore.meanMs * rawBefore.completed + rawAfter.meanMs * rawAfter.completed) / (rawBefore.completed + rawAfter.completed))],
      ['logins/s (HTTP 200, session issued)', `${fmt.rate(login.perSecond)}  (${login.ok} in ${login.seconds} s, 0 non-2xx)`],
      ['ratio logins/raw', fmt.ratio(ratio)],
      ['login latency p50', fmt.ms(login.p50)],
      ['login latency p99', fmt.ms(login.p99)],
      ...cpuRows({ cpuRawBefore, cpuLogin, cpuRawAfter, rawBefore, rawAfter, login }),
      ['load', `${connections} connections, ${accountCount} accounts round-robin, ${loginS} s after ${warmupS} s warm-up`],
      ['argon2id parameters', `m=${params.memoryKiB} KiB, t=${params.iterations}, p=${params.parallelism}; server hash concurrency ${HASH_CONCURRENCY}`],
      ['node', host.node],
      ['cores', `${host.cores} (${host.cpuModel})`],
      ['date', date],
    ];
    out.line('');
    out.line('Login throughput (POST /api/v1/auth/login vs raw argon2id verify, same run)');
    out.line(formatTable(rows, { header: true }));
    out.line('');
    out.line(bar.text);
    if (spread > 0.1) {
      out.line(`NOTE raw rate moved ${(spread * 100).toFixed(0)}% between the two halves: the machine was busy; treat this run as noisy.`);
    }
    const foreign = [cpuRawBefore, cpuLogin, cpuRawAfter].map((w) => w?.foreignCores ?? 0);
    if (Math.max(...foreign) > 0.2) {
      out.line(`NOTE other processes used up to ${Math.max(...foreign).toFixed(2)} cores during the run: the machine was not quiet; figures are noisy.`);
    }
    if (cpuProfDir) out.line(`server CPU profile written to ${cpuProfDir}`);
    out.json({
      bench: 'login',
      date,
      rawPerSecond: round(raw),
      rawBeforePerSecond: round(rawBefore.perSecond),
      rawAfterPerSecond: round(rawAfter.perSecond),
      loginsPerSecond: round(login.perSecond),
      ratio: round(ratio, 3),
      bar: { threshold: BAR, pass: bar.pass },
      p50Ms: login.p50,
      p99Ms: login.p99,
      logins: login.ok,
      non2xx: login.non2xx,
      connections,
      accounts: accountCount,
      durationS: loginS,
      rawDurationS: rawS,
      argon2: params,
      hashConcurrency: HASH_CONCURRENCY,
      node: host.node,
      cores: host.cores,
      cpuModel: host.cpuModel,
      cpu: cpuJson({ cpuRawBefore, cpuLogin, cpuRawAfter, rawBefore, rawAfter, login }),
    });
  } finally {
    await server.stop();
    stopWatchdog();
  }
}

/** CPU ms per operation from the /proc windows (null without /proc). */
function cpuFigures({ cpuRawBefore, cpuLogin, cpuRawAfter, rawBefore, rawAfter, login }) {
  if (!cpuRawBefore || !cpuLogin || !cpuRawAfter) return null;
  const rawCount = rawBefore.completed + rawAfter.completed;
  // The raw phases run in this process: its non-main threads are the libuv pool (argon2) and GC.
  const rawVerifyMs = (cpuRawBefore.procs.bench.other + cpuRawAfter.procs.bench.other) / rawCount;
  const s = cpuLogin.procs.server;
  return {
    rawVerifyMs,
    serverMainMsPerLogin: s.main / login.ok,
    serverOtherMsPerLogin: s.other / login.ok,
    loadGeneratorMsPerLogin: cpuLogin.procs.bench.total / login.ok,
    foreignCores: { rawBefore: cpuRawBefore.foreignCores, login: cpuLogin.foreignCores, rawAfter: cpuRawAfter.foreignCores },
  };
}

function cpuRows(windows) {
  const f = cpuFigures(windows);
  if (!f) return [];
  return [
    ['CPU per raw verify (pool threads)', `${f.rawVerifyMs.toFixed(1)} ms`],
    ['CPU per login: server main thread', `${f.serverMainMsPerLogin.toFixed(2)} ms`],
    ['CPU per login: server other threads', `${f.serverOtherMsPerLogin.toFixed(1)} ms  (argon2 pool + GC helpers)`],
    ['CPU per login: load generator', `${f.loadGeneratorMsPerLogin.toFixed(2)} ms`],
    ['other load on the machine (cores)', `raw before ${f.foreignCores.rawBefore.toFixed(2)}, login ${f.foreignCores.login.toFixed(2)}, raw after ${f.foreignCores.rawAfter.toFixed(2)}`],
  ];
}

function cpuJson(windows) {
  const f = cpuFigures(windows);
  if (!f) return null;
  return {
    rawVerifyMs: round(f.rawVerifyMs, 2),
    serverMainMsPerLogin: round(f.serverMainMsPerLogin, 2),
    serverOtherMsPerLogin: round(f.serverOtherMsPerLogin, 2),
    loadGeneratorMsPerLogin: round(f.loadGeneratorMsPerLogin, 2),
    foreignCores: Object.fromEntries(Object.entries(f.foreignCores).map(([k, v]) => [k, round(v, 2)])),
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
