#!/usr/bin/env node
/**
 * Shedding bench. Bars: throughput of rate-limited (1003) login rejections at least 0.5 x a bare
 * Fastify JSON route measured in the same run with the memory store, at least 0.3 x with Redis; and
 * no password hash is computed for a blocked request.
 *
 *   npm run build && node bench/limits-shedding.mjs          (node bench/limits-shedding.mjs --json:
 *                                                           tables on stderr, one JSON line on stdout)
 *
 * Steps:
 *   1. start three child processes: a bare Fastify 5 app (one POST route returning a small JSON),
 *      Gatehouse with the memory store, Gatehouse with Redis (GATEHOUSE_REDIS_URL, a unique
 *      redisKeyPrefix per run, removed from Redis at the end); default limits, dev outbox, logs at warn;
 *   2. on each Gatehouse, get 127.0.0.1 blocked the way an attacker does: failed logins for
 *      different (unknown) accounts until a 429 with code 1003 / ip_rate_limit comes back;
 *   3. warm up, scrape /metrics, then autocannon POST /api/v1/auth/login with a wrong password in
 *      interleaved slices (bare, memory, redis, rotating the order) so that drift in the machine's
 *      background load hits all three alike; every Gatehouse response must be 429 with code 1003;
 *   4. scrape /metrics again: gatehouse_password_hash_seconds_count{operation="verify"} (and
 *      "hash") must not have moved.
 *
 * Environment: BENCH_DURATION_S (measured seconds per target, default 10), BENCH_ROUNDS (slices per
 * target, 5), BENCH_CONNECTIONS (16), BENCH_WARMUP_S (2), BENCH_REDIS_URL
 * (redis://127.0.0.1:6379; BENCH_SKIP_REDIS=1 skips the Redis part), BENCH_CPU_PROF=DIR (V8 CPU
 * profiles of the Gatehouse servers, and a table of where their main threads spend the time).
 *
 * Exit status: 0 when the run completed (bars printed PASS/FAIL), 1 when the run itself failed
 * (start-up, the block not reached, a non-429 from Gatehouse, a hash computed while blocked).
 */
import { randomBytes } from 'node:crypto';
import { http } from './lib/accounts.mjs';
import { cpuWindow, waitForIdle } from './lib/cpu.mjs';
import { runLoad } from './lib/load.mjs';
import { benchOptions, createOutput, envNumber, formatTable, machine, todayIso, watchdog } from './lib/report.mjs';
import { runCleanups, startGatehouse } from './lib/server.mjs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  barRecord,
  breakdownRows,
  deleteRedisPrefix,
  metricValue,
  profileBreakdown,
  profileOf,
  redisServerPid,
  round,
  scrapeMetrics,
  startBareFastify,
} from './limits-lib.mjs';

const BARS = { memory: 0.5, redis: 0.3 };
const LOGIN = '/api/v1/auth/login';
const BODY = JSON.stringify({ email: 'victim@example.com', password: 'wrong-password-123', deviceId: 'attacker-device-1' });
const HEADERS = { 'content-type': 'application/json', 'user-agent': 'gatehouse-bench/1.0' };

/** Failed logins for distinct unknown accounts until the IP block answers; returns what it took. */
async function blockLoopback(url) {
  let failures = 0;
  for (let i = 0; i < 60; i++) {
    const email = `stuffing-${i}-${randomBytes(3).toString('hex')}@example.com`;
    const res = await http(url, 'POST', LOGIN, { email, password: 'wrong-password-123' }, { headers: { 'user-agent': HEADERS['user-agent'] } });
    if (res.status === 401) {
      failures++;
      continue;
    }
    if (res.status === 429 && res.body?.code === 1003) {
      if (res.body.reason !== 'ip_rate_limit') throw new Error(`expected reason ip_rate_limit, got ${JSON.stringify(res.body)}`);
      const retryAfterHeader = res.headers.get('retry-after');
      if (!retryAfterHeader || Number(retryAfterHeader) !== res.body.retryAfter) {
        throw new Error(`1003 without a matching Retry-After header: header ${retryAfterHeader}, body ${res.body.retryAfter}`);
      }
      // A second request must be refused too (the block holds, it does not just count a budget).
      const again = await http(url, 'POST', LOGIN, { email: 'victim@example.com', password: 'wrong-password-123' });
      if (again.status !== 429 || again.body?.code !== 1003) throw new Error(`second request after the block: ${again.status} ${JSON.stringify(again.body)}`);
      return { failures, retryAfter: res.body.retryAfter, reason: res.body.reason };
    }
    throw new Error(`blocking 127.0.0.1: unexpected ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  throw new Error(`127.0.0.1 not blocked after ${failures} failed logins`);
}

function hashCounts(text) {
  return {
    verify: metricValue(text, 'gatehouse_password_hash_seconds_count', { operation: 'verify' }),
    hash: metricValue(text, 'gatehouse_password_hash_seconds_count', { operation: 'hash' }),
    rejected1003: metricValue(text, 'gatehouse_http_requests_total', { route: LOGIN, status: '429', code: '1003' }),
  };
}

async function main() {
  const options = benchOptions();
  const out = createOutput(options);
  const durationS = envNumber('BENCH_DURATION_S', 10);
  const rounds = envNumber('BENCH_ROUNDS', 5, { integer: true });
  const connections = envNumber('BENCH_CONNECTIONS', 16, { integer: true });
  const warmupS = envNumber('BENCH_WARMUP_S', 2);
  const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379';
  const withRedis = process.env.BENCH_SKIP_REDIS !== '1';
  const sliceS = durationS / rounds;
  const host = machine();
  const stopWatchdog = watchdog(durationS * 3 + warmupS * 3 + rounds * 10 + 150, runCleanups);
  const redisPrefix = `bench-shed-${process.pid}-${randomBytes(4).toString('hex')}`;
  const cpuProfDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
  if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];

  out.note(`starting bare Fastify and Gatehouse (memory store)${withRedis ? ` and Gatehouse (Redis, prefix ${redisPrefix})` : ''}`);
  const bare = await startBareFastify();
  const targets = [{ name: 'bare', label: 'bare Fastify JSON route', url: bare.url, pid: bare.pid, expect: 200 }];
  const memory = await startGatehouse({ config: {}, nodeArgs });
  targets.push({ name: 'memory', label: 'Gatehouse 1003, memory store', url: memory.url, pid: memory.pid, expect: 429, server: memory });
  let redis = null;
  let redisPid = null;
  if (withRedis) {
    redis = await startGatehouse({ config: { redisKeyPrefix: redisPrefix }, env: { GATEHOUSE_REDIS_URL: redisUrl }, nodeArgs });
    redisPid = await redisServerPid(redisUrl);
    targets.push({ name: 'redis', label: 'Gatehouse 1003, Redis store', url: redis.url, pid: redis.pid, expect: 429, server: redis });
  }

  try {
    for (const t of targets.filter((t) => t.server)) {
      t.block = await blockLoopback(t.url);
      out.note(`${t.name}: 127.0.0.1 blocked after ${t.block.failures} failed logins (1003 ${t.block.reason}, Retry-After ${t.block.retryAfter} s)`);
    }

    const loadFor = (t, duration) => ({
      url: t.url + LOGIN,
      connections,
      duration,
      sampleInt: 100,
      method: 'POST',
      headers: HEADERS,
      body: BODY,
      // Same (cheap) body check on every target: the 1003 envelope, or the bare route's JSON.
      verifyBody: t.expect === 429 ? (b) => b.includes('"code":1003') : (b) => b.includes('"ok":true'),
    });
    const checkSlice = (t, s, what) => {
      const codes = Object.keys(s.statusCodes);
      const problems = [];
      if (codes.length !== 1 || Number(codes[0]) !== t.expect) problems.push(`status codes ${JSON.stringify(s.statusCodes)} (expected only ${t.expect})`);
      if (s.errors > 0) problems.push(`${s.errors} connection errors`);
      if (s.timeouts > 0) problems.push(`${s.timeouts} timeouts`);
      if (s.mismatches > 0) problems.push(`${s.mismatches} bodies failed the check`);
      if (s.total === 0) problems.push('no responses');
      if (problems.length) throw new Error(`${t.name} ${what}: ${problems.join('; ')}`);
    };

    out.note(`warm-up: ${warmupS} s per target, ${connections} connections`);
    for (const t of targets) {
      const { summary } = await runLoad(loadFor(t, warmupS));
      checkSlice(t, summary, 'warm-up');
    }

    const before = {};
    for (const t of targets.filter((t) => t.server)) before[t.name] = hashCounts(await scrapeMetrics(t.url));

    out.note(`measuring: ${rounds} slices of ${sliceS.toFixed(1)} s per target, interleaved, ${connections} connections`);
    const acc = Object.fromEntries(
      targets.map((t) => [
        t.name,
        { responses: 0, seconds: 0, slices: [], cpu: { server: 0, bench: 0, redis: 0, foreign: 0, wall: 0 }, statusCodes: {}, latency: [] },
      ]),
    );
    for (let r = 0; r < rounds; r++) {
      // Rotate the order so no target always runs first (or right after a particular other one).
      const order = targets.map((_, i) => targets[(i + r) % targets.length]);
      for (const t of order) {
        await waitForIdle(t.pid);
        const pids = { server: t.pid, bench: process.pid, ...(redisPid && t.name === 'redis' ? { redis: redisPid } : {}) };
        const w = cpuWindow(pids);
        const { summary } = await runLoad(loadFor(t, sliceS));
        const cpu = w.end();
        checkSlice(t, summary, `slice ${r + 1}`);
        const a = acc[t.name];
        a.responses += summary.total;
        a.seconds += summary.seconds;
        a.slices.push(summary.total / summary.seconds);
        a.latency.push(summary.p99);
        for (const [code, n] of Object.entries(summary.statusCodes)) a.statusCodes[code] = (a.statusCodes[code] ?? 0) + n;
        if (cpu) {
          a.cpu.server += cpu.procs.server?.total ?? 0;
          a.cpu.bench += cpu.procs.bench?.total ?? 0;
          a.cpu.redis += cpu.procs.redis?.total ?? 0;
          a.cpu.foreign += Math.max(0, cpu.foreignMs - (cpu.procs.redis?.total ?? 0));
          a.cpu.wall += cpu.wallMs;
        }
      }
    }

    const after = {};
    const hashProblems = [];
    for (const t of targets.filter((t) => t.server)) {
      after[t.name] = hashCounts(await scrapeMetrics(t.url));
      const b = before[t.name];
      const a = after[t.name];
      if (a.verify !== b.verify || a.hash !== b.hash) {
        hashProblems.push(`${t.name}: password hash count moved during the blocked flood (verify ${b.verify} → ${a.verify}, hash ${b.hash} → ${a.hash})`);
      }
    }

    await Promise.all([bare.stop(), memory.stop(), redis?.stop()]);
    const redisKeysDeleted = withRedis ? await deleteRedisPrefix(redisUrl, redisPrefix).catch(() => null) : null;

    const rate = (name) => acc[name].responses / acc[name].seconds;
    const bareRate = rate('bare');
    const cpuPerReq = (name) => (acc[name].cpu.wall > 0 ? acc[name].cpu.server / acc[name].responses : NaN);
    const date = todayIso();
    const bars = [];
    const rows = [['target', 'req/s', 'ratio vs bare', 'slices (req/s)', 'responses', 'server CPU/req', 'load-gen CPU/req', 'p99 (worst slice)']];
    for (const t of targets) {
      const a = acc[t.name];
      const r = rate(t.name);
      rows.push([
        t.label,
        r.toFixed(0),
        t.name === 'bare' ? '1.00' : (r / bareRate).toFixed(2),
        a.slices.map((x) => x.toFixed(0)).join(', '),
        `${a.responses} (${Object.entries(a.statusCodes)
          .map(([c, n]) => `${c}: ${n}`)
          .join(', ')})`,
        `${(cpuPerReq(t.name) * 1000).toFixed(0)} µs${t.name === 'redis' && a.cpu.redis ? ` + redis-server ${((a.cpu.redis / a.responses) * 1000).toFixed(0)} µs` : ''}`,
        `${((a.cpu.bench / a.responses) * 1000).toFixed(0)} µs`,
        `${Math.max(...a.latency)} ms`,
      ]);
      if (t.name !== 'bare') bars.push(barRecord(`shedding ${t.name}: 1003 req/s / bare Fastify req/s >= ${BARS[t.name]}`, r / bareRate, BARS[t.name]));
    }
    const hashRows = [
      ['target', 'verify count before → after', 'hash count before → after', '1003 on /login (server counter) during the measured slices', 'blocked after'],
    ];
    for (const t of targets.filter((t) => t.server)) {
      const b = before[t.name];
      const a = after[t.name];
      hashRows.push([
        t.name,
        `${b.verify} → ${a.verify}`,
        `${b.hash} → ${a.hash}`,
        String(a.rejected1003 - b.rejected1003),
        `${t.block.failures} failed logins → 1003 ${t.block.reason}`,
      ]);
    }
    bars.push({
      name: 'no password hash computed for a blocked request',
      value: hashProblems.length === 0 ? 1 : 0,
      threshold: 1,
      higherIsBetter: true,
      pass: hashProblems.length === 0,
    });
    const foreignCores = Object.values(acc).reduce((s, a) => s + a.cpu.foreign, 0) / Object.values(acc).reduce((s, a) => s + a.cpu.wall, 0);

    out.line('');
    out.line('Rate limits: 1003 rejection throughput vs bare Fastify (POST /api/v1/auth/login, wrong password, client IP blocked; same run)');
    out.line(formatTable(rows, { header: true }));
    out.line('');
    out.line('No hashing while blocked (gatehouse_password_hash_seconds_count from GET /metrics, before and after the measured slices)');
    out.line(formatTable(hashRows, { header: true }));
    out.line('');
    out.line(
      formatTable([
        [
          'load',
          `autocannon in the bench process, ${connections} connections, ${rounds} interleaved slices x ${sliceS.toFixed(1)} s per target after ${warmupS} s warm-up each`,
        ],
        [
          'CPU-derived ratios (server CPU per bare request / per 1003)',
          targets
            .filter((t) => t.server)
            .map((t) => `${t.name} ${(cpuPerReq('bare') / cpuPerReq(t.name)).toFixed(2)}`)
            .join(', '),
        ],
        ['other load on the machine', `${foreignCores.toFixed(2)} cores on average (not counting redis-server)`],
        ['redis keys removed afterwards', withRedis ? `${redisKeysDeleted ?? 'n/a'} under ${redisPrefix}:` : 'Redis skipped'],
        ['node', host.node],
        ['cores', `${host.cores} (${host.cpuModel})`],
        ['date', date],
      ]),
    );
    if (cpuProfDir) {
      const byLabel = {};
      for (const t of targets.filter((t) => t.server)) {
        const file = await profileOf(cpuProfDir, t.pid);
        if (file) byLabel[t.name] = await profileBreakdown(file, { marker: 'admitRequest' });
      }
      if (Object.keys(byLabel).length) {
        out.line('');
        out.line(`Where the Gatehouse main thread spends its time (V8 CPU profiles in ${cpuProfDir}, from the first to the last request through admitRequest)`);
        out.line(formatTable(breakdownRows(byLabel), { header: true }));
      }
    }
    out.line('');
    for (const b of bars) out.line(`BAR  ${b.name}: ${b.value?.toFixed?.(2) ?? b.value}  ${b.pass ? 'PASS' : 'FAIL (bar missed)'}`);
    if (foreignCores > 0.2) out.line(`NOTE other processes used ${foreignCores.toFixed(2)} of ${host.cores} cores meanwhile: the machine was not quiet.`);
    out.json({
      bench: 'limits-shedding',
      date,
      bareRps: round(bareRate),
      memoryRps: round(rate('memory')),
      redisRps: withRedis ? round(rate('redis')) : null,
      memoryRatio: round(rate('memory') / bareRate, 3),
      redisRatio: withRedis ? round(rate('redis') / bareRate, 3) : null,
      slices: Object.fromEntries(Object.entries(acc).map(([k, a]) => [k, a.slices.map((x) => round(x))])),
      serverCpuUsPerRequest: Object.fromEntries(targets.map((t) => [t.name, round(cpuPerReq(t.name) * 1000)])),
      hashCounts: { before, after },
      blockedAfterFailures: Object.fromEntries(targets.filter((t) => t.server).map((t) => [t.name, t.block.failures])),
      connections,
      durationS,
      rounds,
      foreignCores: round(foreignCores, 2),
      node: host.node,
      cores: host.cores,
      bars,
    });
    if (hashProblems.length) throw new Error(hashProblems.join('; '));
  } finally {
    await runCleanups();
    if (withRedis) await deleteRedisPrefix(redisUrl, redisPrefix).catch(() => {});
    stopWatchdog();
  }
}

main().then(
  () => runCleanups().then(() => process.exit(0)),
  async (err) => {
    process.stderr.write(`\n[bench] limits-shedding FAILED: ${err?.stack ?? err}\n`);
    await runCleanups();
    process.exit(1);
  },
);
