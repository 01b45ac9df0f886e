#!/usr/bin/env node
/**
 * Signed-API bench (docs/performance.md): throughput of a signed `GET /api/v3/account` (HMAC-SHA256
 * key, a fresh timestamp and signature on every request) against a bare Fastify JSON route,
 * measured in the same run; bar: ratio >= 0.40 (memory store). With Redis the same figure is
 * reported beside it, without a bar. A third figure, the floor, bounds what any design can reach: a
 * framework-free node:http handler (bench/lib/signed-floor.mjs) that does only the signature check
 * and the same one read per request on the same SQLite file, nothing else.
 *
 *   npm run bench:signed          (node bench/signed-api.mjs --json: tables on stderr, one JSON line on stdout)
 *
 * Steps:
 *   1. start child processes: a bare Fastify 5 app (GET route returning a small JSON), Gatehouse with
 *      the memory store and, unless BENCH_SKIP_REDIS=1, Gatehouse with Redis (unique key prefix,
 *      removed at the end); REQUEST_WEIGHT raised so that the limiter counts but never refuses;
 *      after step 2, the floor, reading the memory Gatehouse's SQLite file with its key's secret;
 *   2. on each Gatehouse, as a user would over HTTP: register, verify, sign in, turn TOTP on, create
 *      an HMAC API key (password + a backup code); three balances are written into the server's
 *      SQLite file so the answer has something in it;
 *   3. warm up, then autocannon (in this process; the servers are separate processes) in
 *      interleaved slices (bare, memory, redis, rotating the order), every Gatehouse answer checked
 *      to be 200 with the balances; before each slice 100 distinct requests are signed with the
 *      current time (recvWindow 60000) and cycled: the server verifies every request in full.
 *
 * Environment: BENCH_DURATION_S (measured seconds per target, 10), BENCH_ROUNDS (5),
 * BENCH_CONNECTIONS (16), BENCH_WARMUP_S (2), BENCH_REDIS_URL (redis://127.0.0.1:6379),
 * BENCH_SKIP_REDIS=1, BENCH_CPU_PROF=DIR (the Gatehouse servers run with --cpu-prof and write a V8
 * CPU profile there; a breakdown by category is printed).
 *
 * Exit status: 0 when the run completed (bar printed PASS/FAIL), 1 when the run itself failed.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { http } from './lib/accounts.mjs';
import { cpuWindow, waitForIdle } from './lib/cpu.mjs';
import { runLoad } from './lib/load.mjs';
import { benchOptions, createOutput, envNumber, formatTable, machine, todayIso, watchdog } from './lib/report.mjs';
import { ROOT, runCleanups, startGatehouse } from './lib/server.mjs';
import { barRecord, breakdownRows, deleteRedisPrefix, profileBreakdown, profileOf, redisServerPid, round, startBareFastify } from './limits-lib.mjs';

const BAR = 0.4;
const PATH = '/api/v3/account';

const _sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const BARE_APP = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/api/v3/account', async () => ({ ok: true, code: 0 }));
app.get('/health/ready', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.BARE_PORT), host: process.env.BARE_HOST });
`;

// RFC 6238 (SHA-1, 6 digits, 30 s): the code an authenticator app shows.
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
}
function totp(secretBase32, nowMs = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / 30_000)));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

function expectOk(what, res, status = 200) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  return res.body;
}

/** A user with TOTP and an HMAC API key, made over HTTP; balances written into the server's SQLite file. */
async function createKeyHolder(server) {
  const url = server.url;
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  const password = `bench-pass-${randomBytes(6).toString('hex')}-x9`;
  expectOk('register', await http(url, 'POST', '/api/v1/auth/register', { email, password }), 202);
  const mails = expectOk('outbox', await http(url, 'GET', `/api/v1/dev/outbox?to=${encodeURIComponent(email)}`));
  const code = /\b(\d{6})\b/.exec(mails[0].text)[1];
  expectOk('verify', await http(url, 'POST', '/api/v1/auth/register/verify', { email, code }));
  const login = expectOk('login', await http(url, 'POST', '/api/v1/auth/login', { email, password, deviceId: 'bench-signed-api-01' }));
  const auth = { headers: { authorization: `Bearer ${login.session.token}` } };
  const setup = expectOk('totp setup', await http(url, 'POST', '/api/v1/account/2fa/totp/setup', { password }, auth));
  const { backupCodes } = expectOk('totp enable', await http(url, 'POST', '/api/v1/account/2fa/totp/enable', { code: totp(setup.secret) }, auth));
  const key = expectOk(
    'api key',
    await http(
      url,
      'POST',
      '/api/v1/account/api-keys',
      { label: 'bench', type: 'HMAC_SHA256', permissions: ['READ', 'TRADE'], password, twoFactorCode: backupCodes[0] },
      auth,
    ),
    201,
  );
  const db = new Database(join(server.dataDir, 'gatehouse.sqlite'));
  try {
    const { id } = db.prepare('select id from accounts where email = ?').get(email);
    const insert = db.prepare('insert into balances (account_id, asset, available_minor, locked_minor) values (?, ?, ?, ?)');
    insert.run(id, 'BTC', 150_000_000, 0);
    insert.run(id, 'ETH', 2_000_000_000, 100_000_000);
    insert.run(id, 'USDT', 2_500_000_000_000, 0);
  } finally {
    db.close();
  }
  return key;
}

/**
 * Signed requests for one slice: `count` distinct requests (each its own timestamp, so its own
 * signature) with recvWindow=60000, built right before the slice and cycled by autocannon. The
 * server verifies every one in full (it keeps no signature results); building them up front keeps
 * the load generator, which shares the machine's two cores, from paying an HMAC per request that
 * the bare route's load does not pay.
 */
function signedRequests(key, count = 100) {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const query = `recvWindow=60000&timestamp=${now - i}`;
    const signature = createHmac('sha256', key.secretKey).update(query).digest('hex');
    return { method: 'GET', path: `${PATH}?${query}&signature=${signature}`, headers: { 'x-mbx-apikey': key.apiKey } };
  });
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
  const cpuProfDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
  if (cpuProfDir) await mkdir(cpuProfDir, { recursive: true });
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const host = machine();
  const stopWatchdog = watchdog(durationS * 4 + warmupS * 3 + rounds * 10 + 150, runCleanups);
  const redisPrefix = `bench-sapi-${process.pid}-${randomBytes(4).toString('hex')}`;
  // The limiter still counts every request; it just never refuses during the bench.
  const config = { signedApi: { limits: { requestWeightPerMinute: 10_000_000, ordersPer10Seconds: 50, ordersPerDay: 160_000 } } };

  out.note(`starting bare Fastify and Gatehouse (memory store)${withRedis ? ` and Gatehouse (Redis, prefix ${redisPrefix})` : ''}`);
  const bare = await startBareFastify({ app: BARE_APP });
  const targets = [{ name: 'bare', label: 'bare Fastify JSON route (GET)', url: bare.url, pid: bare.pid }];
  const memory = await startGatehouse({ config, nodeArgs });
  targets.push({ name: 'memory', label: 'Gatehouse signed GET /api/v3/account, memory store', url: memory.url, pid: memory.pid, server: memory });
  let redis = null;
  let redisPid = null;
  if (withRedis) {
    redis = await startGatehouse({ config: { ...config, redisKeyPrefix: redisPrefix }, env: { GATEHOUSE_REDIS_URL: redisUrl }, nodeArgs });
    redisPid = await redisServerPid(redisUrl);
    targets.push({ name: 'redis', label: 'Gatehouse signed GET /api/v3/account, Redis store', url: redis.url, pid: redis.pid, server: redis });
  }

  try {
    for (const t of targets.filter((t) => t.server)) {
      t.key = await createKeyHolder(t.server);
      out.note(`${t.name}: API key ${t.key.apiKey.slice(0, 8)}... created over HTTP (password + backup code)`);
    }
    const memoryKey = targets.find((t) => t.name === 'memory').key;
    const floorApp = `import ${JSON.stringify(pathToFileURL(join(ROOT, 'bench', 'lib', 'signed-floor.mjs')).href)};`;
    const floor = await startBareFastify({
      app: floorApp,
      env: { FLOOR_DB: join(memory.dataDir, 'gatehouse.sqlite'), FLOOR_SECRET: memoryKey.secretKey },
    });
    targets.push({
      name: 'floor',
      label: 'floor: node:http, signature check + the same read, nothing else',
      url: floor.url,
      pid: floor.pid,
      key: memoryKey,
      stop: floor.stop,
    });
    const loadFor = (t, duration) => ({
      url: t.url + PATH,
      connections,
      duration,
      sampleInt: 100,
      ...(t.key ? { requests: signedRequests(t.key) } : {}),
      verifyBody: t.key ? (b) => b.includes('"asset":"USDT","free":"25000.00000000"') : (b) => b.includes('"ok":true'),
    });
    const checkSlice = (t, s, what) => {
      const codes = Object.keys(s.statusCodes);
      const problems = [];
      if (codes.length !== 1 || codes[0] !== '200') problems.push(`status codes ${JSON.stringify(s.statusCodes)} (expected only 200)`);
      if (s.errors > 0) problems.push(`${s.errors} connection errors`);
      if (s.timeouts > 0) problems.push(`${s.timeouts} timeouts`);
      if (s.mismatches > 0) problems.push(`${s.mismatches} bodies failed the check`);
      if (s.total === 0) problems.push('no responses');
      if (problems.length) throw new Error(`${t.name} ${what}: ${problems.join('; ')}`);
    };

    out.note(`warm-up: ${warmupS} s per target, ${connections} connections`);
    for (const t of targets) checkSlice(t, (await runLoad(loadFor(t, warmupS))).summary, 'warm-up');

    out.note(`measuring: ${rounds} slices of ${sliceS.toFixed(1)} s per target, interleaved, ${connections} connections`);
    const acc = Object.fromEntries(
      targets.map((t) => [t.name, { responses: 0, seconds: 0, slices: [], cpu: { server: 0, bench: 0, redis: 0, foreign: 0, wall: 0 }, latency: [] }]),
    );
    for (let r = 0; r < rounds; r++) {
      const order = targets.map((_, i) => targets[(i + r) % targets.length]);
      for (const t of order) {
        await waitForIdle(t.pid);
        const w = cpuWindow({ server: t.pid, bench: process.pid, ...(redisPid && t.name === 'redis' ? { redis: redisPid } : {}) });
        const { summary } = await runLoad(loadFor(t, sliceS));
        const cpu = w.end();
        checkSlice(t, summary, `slice ${r + 1}`);
        const a = acc[t.name];
        a.responses += summary.total;
        a.seconds += summary.seconds;
        a.slices.push(summary.total / summary.seconds);
        a.latency.push(summary.p99);
        if (cpu) {
          a.cpu.server += cpu.procs.server?.total ?? 0;
          a.cpu.bench += cpu.procs.bench?.total ?? 0;
          a.cpu.redis += cpu.procs.redis?.total ?? 0;
          a.cpu.foreign += Math.max(0, cpu.foreignMs - (cpu.procs.redis?.total ?? 0));
          a.cpu.wall += cpu.wallMs;
        }
      }
    }

    await Promise.all([bare.stop(), memory.stop(), redis?.stop(), ...targets.map((t) => t.stop?.())]);
    const rate = (name) => acc[name].responses / acc[name].seconds;
    const bareRate = rate('bare');
    const cpuPerReq = (name) => (acc[name].cpu.wall > 0 ? acc[name].cpu.server / acc[name].responses : Number.NaN);
    const rows = [['target', 'req/s', 'ratio vs bare', 'slices (req/s)', 'responses', 'server CPU/req', 'load-gen CPU/req', 'p99 (worst slice)']];
    const bars = [];
    for (const t of targets) {
      const a = acc[t.name];
      const r = rate(t.name);
      rows.push([
        t.label,
        r.toFixed(0),
        t.name === 'bare' ? '1.00' : (r / bareRate).toFixed(2),
        a.slices.map((x) => x.toFixed(0)).join(', '),
        String(a.responses),
        `${(cpuPerReq(t.name) * 1000).toFixed(0)} µs${t.name === 'redis' && a.cpu.redis ? ` + redis-server ${((a.cpu.redis / a.responses) * 1000).toFixed(0)} µs` : ''}`,
        `${((a.cpu.bench / a.responses) * 1000).toFixed(0)} µs`,
        `${Math.max(...a.latency)} ms`,
      ]);
    }
    bars.push(barRecord(`signed GET /api/v3/account req/s / bare Fastify req/s >= ${BAR} (memory store)`, rate('memory') / bareRate, BAR));
    const floorRatio = rate('floor') / bareRate;
    const foreignCores = Object.values(acc).reduce((s, a) => s + a.cpu.foreign, 0) / Object.values(acc).reduce((s, a) => s + a.cpu.wall, 0);
    const date = todayIso();

    out.line('');
    out.line('Signed API: signed GET /api/v3/account (HMAC key, fresh timestamp and signature per request) vs a bare Fastify JSON route, same run');
    out.line(formatTable(rows, { header: true }));
    out.line('');
    out.line(
      formatTable([
        [
          'load',
          `autocannon in the bench process, ${connections} connections, ${rounds} interleaved slices x ${sliceS.toFixed(1)} s per target after ${warmupS} s warm-up each`,
        ],
        [
          'CPU-derived ratios (server CPU per bare request / per signed request)',
          targets
            .filter((t) => t.name !== 'bare')
            .map((t) => `${t.name} ${(cpuPerReq('bare') / cpuPerReq(t.name)).toFixed(2)}`)
            .join(', '),
        ],
        ['other load on the machine', `${foreignCores.toFixed(2)} cores on average (not counting redis-server)`],
        ['node', host.node],
        ['cores', `${host.cores} (${host.cpuModel})`],
        ['date', date],
      ]),
    );
    if (cpuProfDir) {
      const byLabel = {};
      for (const t of targets.filter((t) => t.server)) {
        const file = await profileOf(cpuProfDir, t.pid);
        if (file) byLabel[t.name] = await profileBreakdown(file, { marker: 'authenticate' });
      }
      if (Object.keys(byLabel).length) {
        out.line('');
        out.line(`Where the Gatehouse main thread spends its time (V8 CPU profiles in ${cpuProfDir}, from the first to the last signed request)`);
        out.line(formatTable(breakdownRows(byLabel), { header: true }));
      }
    }
    out.line('');
    for (const b of bars) out.line(`BAR  ${b.name}: ${b.value?.toFixed?.(2) ?? b.value}  ${b.pass ? 'PASS' : 'FAIL (bar missed)'}`);
    out.line(
      `FLOOR a framework-free handler with the same signature check and read reaches ${floorRatio.toFixed(2)} of bare Fastify` +
        (floorRatio < BAR ? `: below the bar, so no design that keeps the per-request read can meet it on this machine.` : '.'),
    );
    if (foreignCores > 0.2)
      out.line(
        `NOTE other processes used ${foreignCores.toFixed(2)} of ${host.cores} cores meanwhile: the machine was not quiet; treat the figure as provisional.`,
      );
    out.json({
      bench: 'signed-api',
      date,
      bareRps: round(bareRate),
      memoryRps: round(rate('memory')),
      redisRps: withRedis ? round(rate('redis')) : null,
      memoryRatio: round(rate('memory') / bareRate, 3),
      redisRatio: withRedis ? round(rate('redis') / bareRate, 3) : null,
      floorRps: round(rate('floor')),
      floorRatio: round(floorRatio, 3),
      slices: Object.fromEntries(Object.entries(acc).map(([k, a]) => [k, a.slices.map((x) => round(x))])),
      serverCpuUsPerRequest: Object.fromEntries(targets.map((t) => [t.name, round(cpuPerReq(t.name) * 1000)])),
      connections,
      durationS,
      rounds,
      foreignCores: round(foreignCores, 2),
      node: host.node,
      cores: host.cores,
      bars,
    });
  } finally {
    await runCleanups();
    if (withRedis) await deleteRedisPrefix(redisUrl, redisPrefix).catch(() => {});
    stopWatchdog();
  }
}

main().then(
  () => runCleanups().then(() => process.exit(0)),
  async (err) => {
    process.stderr.write(`\n[bench] signed-api FAILED: ${err?.stack ?? err}\n`);
    await runCleanups();
    process.exit(1);
  },
);
