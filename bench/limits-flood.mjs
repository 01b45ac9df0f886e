#!/usr/bin/env node
/**
 * Flood bench (docs/performance.md): under a credential-stuffing flood from many IPs that
 * saturates the CPU, logins from known devices keep a p99 under 3 x their unloaded p99.
 *
 *   npm run build && node bench/limits-flood.mjs          (--json: tables on stderr, JSON on stdout)
 *
 * Steps:
 *   1. start the real server (child process, loopback, default limits and admission settings) with
 *      GATEHOUSE_TRUST_PROXY=127.0.0.1, so that `x-forwarded-for` gives every request its client IP;
 *   2. create BENCH_ACCOUNTS verified accounts, each from its own stable IP, and log each in once
 *      with its deviceId: that device is now known to that account (the admission priority lane);
 *   3. unloaded: known-device logins (right password, same deviceId, own IP), BENCH_KNOWN_CONCURRENCY
 *      at a time, for BENCH_DURATION_S → p50/p99;
 *   4. loaded: a second process (this file with BENCH_FLOOD_WORKER=1) runs autocannon with
 *      BENCH_FLOOD_CONNECTIONS connections: unknown emails, wrong passwords, a random public IPv4
 *      per request (so per-IP limits see fresh keys and the load reaches the hashing gate); after a
 *      ramp-up the known-device logins are measured again for BENCH_DURATION_S under it;
 *   5. unloaded again (half as long), to tell drift of the machine from the effect of the flood.
 * The p99 ratio is loaded / unloaded (both unloaded phases together). Reported with it: the flood's
 * own outcome mix (from its response bodies and from the server's gatehouse_login_outcomes_total),
 * CPU use per process and of the whole machine, and from /metrics, per phase, the argon2 verify
 * durations and the event-loop delay: the parts a known-device login's latency is made of.
 *
 * Two scenarios, each a whole run of the steps above (see SCENARIOS below): `default` and
 * `saturating`; BENCH_SCENARIOS=default (or saturating) runs one.
 *
 * Environment: BENCH_DURATION_S (10), BENCH_ACCOUNTS (48), BENCH_KNOWN_CONCURRENCY (1),
 * BENCH_FLOOD_CONNECTIONS (128), BENCH_RAMP_S (3), BENCH_WARMUP_S (3), BENCH_CPU_PROF=DIR (V8 CPU
 * profile of the server); for experiments only (the bar is judged on defaults): BENCH_HASH_CONCURRENCY
 * and BENCH_MAX_QUEUED override admission.hashConcurrency / admission.maxQueued, BENCH_SHED_DELAY_MS and
 * BENCH_NORMAL_LANE_NICE admission.shedDelayMs / admission.normalLaneNice, BENCH_PRIORITY_YIELD_MS
 * admission.priorityYieldMs (0 turns each off); BENCH_FLOOD_RATE
 * caps the flood at that many requests per second in total (open loop) instead of closed loop.
 *
 * Exit status: 0 when the run completed (bar printed PASS/FAIL), 1 when the run itself failed.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cpuWindow, waitForIdle } from './lib/cpu.mjs';
import { benchOptions, createOutput, envNumber, formatTable, machine, todayIso, watchdog } from './lib/report.mjs';
import { runCleanups, startGatehouse } from './lib/server.mjs';
import { sleep, KNOWN_NET, startFlood, knownLogins, stats, serverPhase, cpuFigures } from './lib/flood.mjs';
import {
  barRecord,
  breakdownRows,
  profileBreakdown,
  profileOf,
  createKnownDeviceAccounts,
  diffCounts,
  loginOutcomes,
  round,
  scrapeMetrics,
} from './limits-lib.mjs';

const BAR = 3;
/**
 * The server's defences against a closed-loop flood include holding its refusals (the tarpit,
 * admission.shedDelayMs), which slows such a flood down until it no longer fills the CPU. The bar
 * speaks of a flood that saturates both cores, so the bench runs two scenarios, and both must pass:
 *   default    the server as shipped, the 128-connection closed-loop flood (the tarpit engages);
 *   saturating the same flood against a server without the tarpit (shedDelayMs 0), which is what an
 *              attacker the tarpit cannot slow gets (an open-loop sender, or more connections than
 *              admission.maxHeldSheds): every refusal is sent as soon as no known device's password
 *              is being checked (admission.priorityYieldMs), and the flood keeps the CPU busy. The
 *              early shed, the priority lane, the niced normal lane and that yield protect the known
 *              device.
 */
const SCENARIOS = [
  { id: 'default', title: 'default server: the flood meets the tarpit', admission: {} },
  {
    id: 'saturating',
    title: "saturating flood: no tarpit (shedDelayMs 0), as for an attacker the tarpit cannot slow; refusals wait only for known devices' checks",
    admission: { shedDelayMs: 0 },
  },
];
async function main() {
  const options = benchOptions();
  const out = createOutput(options);
  const durationS = envNumber('BENCH_DURATION_S', 10);
  const accountCount = envNumber('BENCH_ACCOUNTS', 48, { integer: true });
  const concurrency = envNumber('BENCH_KNOWN_CONCURRENCY', 1, { integer: true });
  const floodConnections = envNumber('BENCH_FLOOD_CONNECTIONS', 128, { integer: true });
  const rampS = envNumber('BENCH_RAMP_S', 3);
  const floodRate = envNumber('BENCH_FLOOD_RATE', 0, { integer: true, min: -1 });
  const warmupS = envNumber('BENCH_WARMUP_S', 3);
  const cpuProfDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
  const host = machine();
  // Each scenario is a whole run (its own server, accounts and unloaded baseline); see SCENARIOS.
  const wanted = (process.env.BENCH_SCENARIOS ?? SCENARIOS.map((x) => x.id).join(',')).split(',');
  const scenarios = SCENARIOS.filter((x) => wanted.includes(x.id));
  if (scenarios.length === 0) throw new Error(`BENCH_SCENARIOS: none of ${wanted.join(',')} is one of ${SCENARIOS.map((x) => x.id).join(',')}`);
  const stopWatchdog = watchdog(scenarios.length * (durationS * 2.5 + rampS + warmupS + accountCount + 60) + 120, runCleanups);
  if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });
  // Admission settings: the scenario's, plus overrides for experiments (BENCH_HASH_CONCURRENCY, BENCH_MAX_QUEUED, ...).
  const overrides = {};
  if (process.env.BENCH_HASH_CONCURRENCY) overrides.hashConcurrency = envNumber('BENCH_HASH_CONCURRENCY', 0, { integer: true, min: -1 });
  if (process.env.BENCH_MAX_QUEUED) overrides.maxQueued = envNumber('BENCH_MAX_QUEUED', 8, { integer: true, min: -1 });
  if (process.env.BENCH_SHED_DELAY_MS) overrides.shedDelayMs = envNumber('BENCH_SHED_DELAY_MS', 250, { integer: true, min: -1 });
  if (process.env.BENCH_NORMAL_LANE_NICE) overrides.normalLaneNice = envNumber('BENCH_NORMAL_LANE_NICE', 10, { integer: true, min: -1 });
  if (process.env.BENCH_PRIORITY_YIELD_MS) overrides.priorityYieldMs = envNumber('BENCH_PRIORITY_YIELD_MS', 200, { integer: true, min: -1 });
  const settings = { durationS, accountCount, concurrency, floodConnections, rampS, floodRate, warmupS, cpuProfDir, host, overrides };
  try {
    const results = [];
    for (const scenario of scenarios) results.push(await runScenario(out, scenario, settings));
    out.json({
      bench: 'limits-flood',
      date: todayIso(),
      scenarios: results.map((r) => r.json),
      accounts: accountCount,
      concurrency,
      durationS,
      node: host.node,
      cores: host.cores,
      bars: results.map((r) => r.bar),
    });
  } finally {
    await runCleanups();
    stopWatchdog();
  }
}

async function runScenario(out, scenario, { durationS, accountCount, concurrency, floodConnections, rampS, floodRate, warmupS, cpuProfDir, host, overrides }) {
  const admission = { ...scenario.admission, ...overrides };
  out.line('');
  out.line(`=== scenario: ${scenario.title}`);
  out.note(
    `starting server (GATEHOUSE_TRUST_PROXY=127.0.0.1, default limits; admission ${Object.keys(admission).length ? JSON.stringify(admission) : 'defaults'})`,
  );
  const server = await startGatehouse({
    config: Object.keys(admission).length ? { admission } : {},
    env: { GATEHOUSE_TRUST_PROXY: '127.0.0.1' },
    nodeArgs: cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [],
  });
  try {
    out.note(`server pid ${server.pid}; creating ${accountCount} accounts, each from its own IP, each logged in once from its device`);
    const ips = Array.from({ length: accountCount }, (_, i) => `${KNOWN_NET}${10 + i}`);
    const accounts = await createKnownDeviceAccounts(server.url, ips, 2);

    out.note(`warm-up: known-device logins for ${warmupS} s`);
    let cursor = (await knownLogins(server.url, accounts, warmupS, concurrency)).next;
    const pids = () => ({ server: server.pid, bench: process.pid });

    const phase = async (name, seconds, extraPids = {}) => {
      if (!extraPids.flood) await waitForIdle(server.pid, { maxMs: 2000 });
      const m0 = await scrapeMetrics(server.url);
      const w = cpuWindow({ ...pids(), ...extraPids });
      const r = await knownLogins(server.url, accounts, seconds, concurrency, cursor);
      const cpu = cpuFigures(w.end(), host.cores);
      cursor = r.next;
      const m1 = await scrapeMetrics(server.url);
      return { name, ...r, stats: stats(r.latencies), cpu, server: serverPhase(m0, m1) };
    };

    out.note(`unloaded: known-device logins for ${durationS} s, ${concurrency} at a time`);
    // The event-loop delay percentiles reset on each scrape: scrape once so the first phase starts clean.
    await scrapeMetrics(server.url);
    const unloaded1 = await phase('unloaded', durationS);

    out.note(`flood: ${floodConnections} connections from random IPs, ramp-up ${rampS} s`);
    const floodStart = await scrapeMetrics(server.url);
    const flood = startFlood(server.url, floodConnections, durationS + rampS + 60, floodRate);
    await sleep(rampS * 1000);
    out.note(`loaded: known-device logins for ${durationS} s under the flood`);
    const loaded = await phase('under flood', durationS, { flood: flood.pid });
    const floodResult = await flood.stop();
    const floodEnd = await scrapeMetrics(server.url);

    out.note(`unloaded again: ${durationS / 2} s`);
    await waitForIdle(server.pid, { maxMs: 5000 });
    await scrapeMetrics(server.url);
    const unloaded2 = await phase('unloaded, after', durationS / 2);
    await server.stop();

    const unloadedAll = [...unloaded1.latencies, ...unloaded2.latencies];
    const u = stats(unloadedAll);
    const ratio = loaded.stats.p99 / u.p99;
    const bar = barRecord(`known-device login p99 under flood (${scenario.id}) / unloaded p99 <= ${BAR}`, ratio, BAR, { higherIsBetter: false });
    const date = todayIso();
    const fmtMs = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
    const fails = (f) =>
      Object.keys(f).length
        ? Object.entries(f)
            .map(([k, n]) => `${k}: ${n}`)
            .join(', ')
        : '0';

    const rows = [
      [
        'phase',
        'known-device logins',
        'p50',
        'p90',
        'p99',
        'max',
        'failed',
        'argon2 verify mean (server: wall; non-main-thread CPU per verify)',
        'verify > 40 ms',
        'event-loop delay p50 / p99 / max',
        'CPU: machine busy, server main + other threads, flood generator',
      ],
    ];
    for (const p of [unloaded1, loaded, unloaded2]) {
      rows.push([
        p.name,
        `${p.stats.n} (${(p.stats.n / p.seconds).toFixed(1)}/s)`,
        fmtMs(p.stats.p50),
        fmtMs(p.stats.p90),
        fmtMs(p.stats.p99),
        fmtMs(p.stats.max),
        fails(p.failures),
        `${fmtMs(p.server.verifyMeanMs)} wall, ${p.cpu && p.server.verifies ? fmtMs((p.cpu.serverOther * p.seconds * 1000) / p.server.verifies) : 'n/a'} CPU (${p.server.verifies} verifies)`,
        Number.isFinite(p.server.verifyOver40ms) ? `${(p.server.verifyOver40ms * 100).toFixed(0)}%` : 'n/a',
        `${p.server.lagP50Ms.toFixed(1)} / ${p.server.lagP99Ms.toFixed(1)} / ${p.server.lagMaxMs.toFixed(0)} ms`,
        p.cpu
          ? `${(p.cpu.machineBusy * 100).toFixed(0)}%, ${p.cpu.serverMain.toFixed(2)} + ${p.cpu.serverOther.toFixed(2)} cores, ${p.cpu.flood.toFixed(2)} cores (other processes ${p.cpu.foreign.toFixed(2)})`
          : 'n/a',
      ]);
    }
    const floodSeconds = floodResult.seconds;
    const floodOutcomes = Object.entries(floodResult.outcomes).sort((a, b) => b[1] - a[1]);
    const serverFloodOutcomes = diffCounts(loginOutcomes(floodStart), loginOutcomes(floodEnd));
    const floodRows = [
      [
        'flood requests (whole flood)',
        `${floodResult.requests} in ${floodSeconds.toFixed(1)} s = ${(floodResult.requests / floodSeconds).toFixed(0)}/s, ${floodConnections} connections, ${floodRate > 0 ? `open loop capped at ${floodRate}/s` : 'closed loop'}; errors ${floodResult.errors}, timeouts ${floodResult.timeouts}`,
      ],
      [
        'HTTP status',
        Object.entries(floodResult.statusCodes)
          .map(([c, n]) => `${c}: ${n} (${((n / floodResult.requests) * 100).toFixed(1)}%)`)
          .join(', '),
      ],
      ['by catalog code (response bodies)', floodOutcomes.map(([k, n]) => `${k}: ${n} (${((n / floodResult.requests) * 100).toFixed(1)}%)`).join(', ')],
      [
        'server gatehouse_login_outcomes_total during the flood',
        Object.entries(serverFloodOutcomes)
          .map(([k, n]) => `${k || 'ok'}: ${n}`)
          .join(', '),
      ],
      ['flood latency p50 / p99 / max (autocannon)', `${floodResult.latency.p50} / ${floodResult.latency.p99} / ${floodResult.latency.max} ms`],
      [
        'password checks completed per second under flood',
        `${(loaded.server.verifies / loaded.seconds).toFixed(1)} argon2 verifies/s (unloaded, one login at a time: ${(unloaded1.server.verifies / unloaded1.seconds).toFixed(1)}/s)`,
      ],
      [
        'server main-thread CPU per flood request',
        loaded.cpu
          ? `${((loaded.cpu.serverMain * loaded.seconds * 1e6) / (floodResult.requests * (loaded.seconds / floodSeconds))).toFixed(0)} µs (main thread ${loaded.cpu.serverMain.toFixed(2)} cores at ${(floodResult.requests / floodSeconds).toFixed(0)} req/s)`
          : 'n/a',
      ],
    ];

    out.line('');
    out.line('Rate limits: known-device login latency, unloaded vs under a credential-stuffing flood (same run)');
    out.line(formatTable(rows, { header: true }));
    out.line('');
    out.line(
      formatTable(
        [
          ['figure', 'value'],
          ['unloaded p99 (both unloaded phases)', `${fmtMs(u.p99)} (p50 ${fmtMs(u.p50)}, ${u.n} logins)`],
          ['under-flood p99', fmtMs(loaded.stats.p99)],
          ['ratio p99 loaded / unloaded', ratio.toFixed(2)],
          ...floodRows,
        ],
        { header: true },
      ),
    );
    out.line('');
    out.line(
      formatTable([
        [
          'setup',
          `${accountCount} accounts, one stable IP each (${KNOWN_NET}x via x-forwarded-for), deviceId known from a first login; ${concurrency} known-device login(s) in flight; ${durationS} s per phase (${durationS / 2} s after), ramp-up ${rampS} s`,
        ],
        [
          'server',
          `node dist/cli.js serve, GATEHOUSE_DEV=1, GATEHOUSE_TRUST_PROXY=127.0.0.1, default limits; admission ${Object.keys(admission).length ? `defaults except ${JSON.stringify(admission)}` : 'defaults (hashConcurrency 0 = one per core, maxQueued 8, priorityMaxQueued 256, normalLaneNice 10, shedDelayMs 250, shedMaxPerSecond 1000, priorityYieldMs 200)'}`,
        ],
        ['node', host.node],
        ['cores', `${host.cores} (${host.cpuModel})`],
        ['date', date],
      ]),
    );
    out.line('');
    out.line(`BAR  ${bar.name}: ${ratio.toFixed(2)}  ${bar.pass ? 'PASS' : 'FAIL (bar missed)'}`);
    if (loaded.cpu && loaded.cpu.machineBusy < 0.9) {
      const why = scenario.admission.shedDelayMs === 0 ? '' : ' (held refusals slowed the flood down; the saturating scenario covers a flood they cannot slow)';
      out.line(`NOTE the machine was ${(loaded.cpu.machineBusy * 100).toFixed(0)}% busy under the flood: not saturated${why}.`);
    }
    const drift = unloaded2.stats.p99 / unloaded1.stats.p99;
    if (drift > 1.5 || drift < 0.67)
      out.line(
        `NOTE unloaded p99 moved from ${fmtMs(unloaded1.stats.p99)} to ${fmtMs(unloaded2.stats.p99)} between the two unloaded phases: the machine's load changed.`,
      );
    if (cpuProfDir) {
      const file = await profileOf(cpuProfDir, server.pid);
      if (file) {
        out.line('');
        out.line(`Where the server's main thread spends its time during the flood (V8 CPU profile ${file}, from the first to the last shed request)`);
        out.line(formatTable(breakdownRows({ 'under flood': await profileBreakdown(file, { marker: 'OverloadedError' }) }), { header: true }));
      }
    }
    const phaseJson = (p) => ({
      logins: p.stats.n,
      p50Ms: round(p.stats.p50),
      p90Ms: round(p.stats.p90),
      p99Ms: round(p.stats.p99),
      maxMs: round(p.stats.max),
      failures: p.failures,
      verifyMeanMs: round(p.server.verifyMeanMs),
      verifies: p.server.verifies,
      lagP99Ms: round(p.server.lagP99Ms),
      cpu: p.cpu && Object.fromEntries(Object.entries(p.cpu).map(([k, v]) => [k, round(v, 2)])),
      outcomes: p.server.outcomes,
    });
    return {
      bar,
      json: {
        scenario: scenario.id,
        admission,
        unloadedP99Ms: round(u.p99),
        unloadedP50Ms: round(u.p50),
        loadedP99Ms: round(loaded.stats.p99),
        loadedP50Ms: round(loaded.stats.p50),
        ratio: round(ratio, 3),
        machineBusyUnderFlood: loaded.cpu ? round(loaded.cpu.machineBusy, 2) : null,
        phases: { unloaded: phaseJson(unloaded1), loaded: phaseJson(loaded), unloadedAfter: phaseJson(unloaded2) },
        flood: {
          ...floodResult,
          perSecond: round(floodResult.requests / floodSeconds),
          serverOutcomes: serverFloodOutcomes,
          connections: floodConnections,
          rateCap: floodRate || null,
        },
      },
    };
  } finally {
    await server.stop();
  }
}

main().then(
  () => runCleanups().then(() => process.exit(0)),
  async (err) => {
    process.stderr.write(`\n[bench] limits-flood FAILED: ${err?.stack ?? err}\n`);
    await runCleanups();
    process.exit(1);
  },
);
