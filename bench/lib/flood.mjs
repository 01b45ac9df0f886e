/**
 * The flood of bench/limits-flood.mjs: a closed-loop credential-stuffing flood run in its own process
 * (forked from this file), the known-device logins measured beside it, and the server-side figures.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { percentile } from './load.mjs';
import { registerCleanup } from './server.mjs';
import { diffCounts, loginOutcomes, metricSamples, metricValue, randomPublicIPv4 } from '../limits-lib.mjs';

export const LOGIN = '/api/v1/auth/login';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Known users come from 81.2.69.0/24; the flood never uses 81.2.0.0/16. */
export const KNOWN_NET = '81.2.69.';
export const notKnownNet = (ip) => ip.startsWith('81.2.');

// ---------------------------------------------------------------------------------------------
// The flood, in its own process (so that its CPU shows as its own, and the measured client is not
// slowed by it inside one event loop).

export async function floodWorker() {
  const { default: autocannon } = await import('autocannon');
  const url = process.env.BENCH_FLOOD_URL;
  const connections = Number(process.env.BENCH_FLOOD_CONNECTIONS);
  const maxS = Number(process.env.BENCH_FLOOD_MAX_S);
  const rate = Number(process.env.BENCH_FLOOD_RATE || 0);
  const outcomes = {};
  const domains = ['example.com', 'example.net', 'example.org', 'mail.test', 'inbox.test'];
  const instance = autocannon({
    url,
    connections,
    duration: maxS,
    timeout: 20,
    // 0: closed loop (every connection sends its next request as soon as the last is answered).
    ...(rate > 0 ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        path: LOGIN,
        setupRequest(request) {
          const email = `victim-${randomBytes(6).toString('hex')}@${domains[randomBytes(1)[0] % domains.length]}`;
          return {
            ...request,
            headers: { 'content-type': 'application/json', 'user-agent': 'python-requests/2.31', 'x-forwarded-for': randomPublicIPv4(notKnownNet) },
            body: JSON.stringify({ email, password: `Summer${randomBytes(3).toString('hex')}!` }),
          };
        },
      },
    ],
    // Only to tally the outcome mix by catalog code and reason; never fails a response.
    verifyBody(body) {
      const code = /"code":(-?\d+)/.exec(body)?.[1] ?? 'none';
      const reason = /"reason":"([a-z_]+)"/.exec(body)?.[1];
      const key = reason ? `${code}:${reason}` : code;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      return true;
    },
  });
  const started = performance.now();
  process.on('message', (m) => {
    if (m === 'stop') instance.stop();
  });
  process.on('disconnect', () => {
    instance.stop();
    setTimeout(() => process.exit(1), 2000).unref();
  });
  instance.on('done', (result) => {
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([c, s]) => [c, s.count]));
    process.send?.(
      {
        type: 'result',
        seconds: (performance.now() - started) / 1000,
        requests: result['2xx'] + result.non2xx,
        statusCodes,
        outcomes,
        errors: result.errors,
        timeouts: result.timeouts,
        latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      },
      () => process.exit(0),
    );
  });
}

export function startFlood(url, connections, maxS, floodRateFor = 0) {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: {
      ...process.env,
      BENCH_FLOOD_RATE: String(floodRateFor),
      BENCH_FLOOD_WORKER: '1',
      BENCH_FLOOD_URL: url,
      BENCH_FLOOD_CONNECTIONS: String(connections),
      BENCH_FLOOD_MAX_S: String(maxS),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let exited = false;
  const exitPromise = new Promise((r) =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );
  const result = new Promise((resolveResult, reject) => {
    child.on('message', (m) => m?.type === 'result' && resolveResult(m));
    child.once('exit', (code) => reject(new Error(`flood worker exited (${code}) without a result`)));
  });
  result.catch(() => {});
  const unregister = registerCleanup(
    async () => {
      if (!exited) child.kill('SIGKILL');
      await exitPromise;
    },
    () => {
      if (!exited) child.kill('SIGKILL');
    },
  );
  return {
    pid: child.pid,
    async stop() {
      if (!exited) child.send('stop');
      try {
        return await Promise.race([result, sleep(15_000).then(() => Promise.reject(new Error('flood worker did not report within 15 s')))]);
      } finally {
        if (!exited) child.kill('SIGKILL');
        await exitPromise;
        unregister();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Known-device logins.

export async function knownLogin(baseUrl, account) {
  const started = performance.now();
  const res = await fetch(baseUrl + LOGIN, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GatehouseApp/1.0 (bench)',
      'x-forwarded-for': account.ip,
      ...(account.deviceToken ? { 'x-device-token': account.deviceToken } : {}),
    },
    body: JSON.stringify({ email: account.email, password: account.password, deviceId: account.deviceId }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status === 200 && text.includes('"status":"ok"') && text.includes('"token"')) return { ok: true, ms };
  const code = /"code":(-?\d+)/.exec(text)?.[1];
  const reason = /"reason":"([a-z_]+)"/.exec(text)?.[1];
  return { ok: false, ms, outcome: `${res.status}${code ? ` ${code}` : ''}${reason ? ` ${reason}` : ''}` };
}

/** Known-device logins for `seconds`, `concurrency` at a time, accounts round-robin. */
export async function knownLogins(baseUrl, accounts, seconds, concurrency, offset = 0) {
  const latencies = [];
  const failures = {};
  const endAt = performance.now() + seconds * 1000;
  let next = offset;
  const worker = async () => {
    while (performance.now() < endAt) {
      const r = await knownLogin(baseUrl, accounts[next++ % accounts.length]);
      if (r.ok) latencies.push(r.ms);
      else failures[r.outcome] = (failures[r.outcome] ?? 0) + 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, failures, seconds: (performance.now() - started) / 1000, next };
}

export const stats = (xs) => ({
  n: xs.length,
  p50: percentile(xs, 50),
  p90: percentile(xs, 90),
  p99: percentile(xs, 99),
  max: xs.length ? Math.max(...xs) : NaN,
});

/** Per-phase server figures from two /metrics scrapes. */
export function serverPhase(before, after) {
  const d = (name, labels) => metricValue(after, name, labels) - metricValue(before, name, labels);
  const verifies = d('gatehouse_password_hash_seconds_count', { operation: 'verify' });
  const verifySeconds = d('gatehouse_password_hash_seconds_sum', { operation: 'verify' });
  // prom-client's event-loop delay percentiles cover the time since the previous scrape.
  const lag = (q) => metricValue(after, `nodejs_eventloop_lag_${q}_seconds`) * 1000;
  const buckets = metricSamples(after, 'gatehouse_password_hash_seconds_bucket')
    .filter((s) => s.labels.operation === 'verify')
    .map((s) => ({ le: s.labels.le, n: s.value - metricValue(before, 'gatehouse_password_hash_seconds_bucket', { operation: 'verify', le: s.labels.le }) }));
  const over = (le) => {
    const b = buckets.find((x) => x.le === le);
    return verifies > 0 && b ? 1 - b.n / verifies : NaN;
  };
  return {
    verifies,
    verifyMeanMs: verifies > 0 ? (verifySeconds / verifies) * 1000 : NaN,
    verifyOver40ms: over('0.04'),
    verifyOver80ms: over('0.08'),
    lagP50Ms: lag('p50'),
    lagP99Ms: lag('p99'),
    lagMaxMs: metricValue(after, 'nodejs_eventloop_lag_max_seconds') * 1000,
    outcomes: diffCounts(loginOutcomes(before), loginOutcomes(after)),
  };
}

export function cpuFigures(w, cores) {
  if (!w) return null;
  const c = (ms) => ms / w.wallMs;
  return {
    machineBusy: c(w.machineBusyMs) / cores,
    serverMain: c(w.procs.server?.main ?? 0),
    serverOther: c(w.procs.server?.other ?? 0),
    flood: c(w.procs.flood?.total ?? 0),
    bench: c(w.procs.bench?.total ?? 0),
    foreign: w.foreignCores,
    steal: c(w.stealMs),
  };
}

if (process.env.BENCH_FLOOD_WORKER === '1') {
  floodWorker().catch((err) => {
    process.stderr.write(`[bench] flood worker failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
