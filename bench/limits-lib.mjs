/**
 * Helpers for the rate-limit benchmarks (shedding, flood, memory): a bare Fastify baseline server in a child process,
 * Prometheus scraping, accounts made from a chosen client IP (through a trusted proxy header),
 * random public-looking IPv4 addresses, Redis key clean-up, and the JSON result convention that
 * bench/run-all.mjs reads. Shared server start-up, load and report helpers live in bench/lib/.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { http, latestCode, mapLimit } from './lib/accounts.mjs';
import { ROOT, HOST, freePort, registerCleanup, waitForReady } from './lib/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The bare Fastify baseline: the cheapest JSON route Fastify 5 serves, in its own process.

const BARE_APP = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.post('/api/v1/auth/login', async () => ({ ok: true, code: 0 }));
app.get('/health/ready', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.BARE_PORT), host: process.env.BARE_HOST });
`;

/**
 * Starts a minimal Fastify 5 app in a child process: by default POST /api/v1/auth/login →
 * {"ok":true,"code":0} (body parsed as JSON by Fastify's default parser); `app` gives other source
 * (any app answering GET /health/ready on BARE_HOST:BARE_PORT), `env` more environment for it.
 * Returns { url, pid, stop() }.
 */
export async function startBareFastify({ readyTimeoutMs = 15_000, app = BARE_APP, env = {} } = {}) {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const child = spawn(process.execPath, ['--import', join(ROOT, 'bench', 'lib', 'orphan-guard.mjs'), '--input-type=module', '-e', app], {
    cwd: ROOT,
    env: { ...process.env, ...env, BARE_PORT: String(port), BARE_HOST: HOST, BENCH_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk) => (tail = (tail + chunk.toString()).slice(-4096));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exitPromise = new Promise((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        await Promise.race([exitPromise, sleep(5000)]);
        if (!exited) child.kill('SIGKILL');
      }
      unregister();
    })());
  const unregister = registerCleanup(stop, () => {
    if (!exited) child.kill('SIGKILL');
  });
  await waitForReady({ url, label: 'bare fastify', timeoutMs: readyTimeoutMs, exited: () => exited, output: () => tail, stop, intervalMs: 50 });
  return { url, pid: child.pid, stop, output: () => tail };
}

// ---------------------------------------------------------------------------------------------
// Prometheus text format.

export async function scrapeMetrics(baseUrl) {
  const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`GET /metrics: HTTP ${res.status}`);
  return res.text();
}

/** Samples of one metric: [{ labels: {k: v}, value }]. */
export function metricSamples(text, name) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const labels = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    out.push({ labels, value: Number(m[3]) });
  }
  return out;
}

/** Sum of a metric's samples whose labels include `match` (0 when absent). */
export function metricValue(text, name, match = {}) {
  return metricSamples(text, name)
    .filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((a, s) => a + s.value, 0);
}

/** gatehouse_login_outcomes_total as { "code:reason": count }. */
export function loginOutcomes(text) {
  const out = {};
  for (const s of metricSamples(text, 'gatehouse_login_outcomes_total')) {
    const key = s.labels.reason ? `${s.labels.code}:${s.labels.reason}` : s.labels.code;
    out[key] = (out[key] ?? 0) + s.value;
  }
  return out;
}

/** b - a for count maps (keys of either). */
export function diffCounts(a, b) {
  const out = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (b[key] ?? 0) - (a[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Client addresses.

/** A random unicast IPv4 that is not private, loopback, link-local, CGNAT, documentation or multicast. */
export function randomPublicIPv4(exclude = () => false) {
  for (;;) {
    const a = randomInt(1, 224);
    const b = randomInt(0, 256);
    if (a === 10 || a === 127 || a === 0) continue;
    if (a === 100 && b >= 64 && b < 128) continue;
    if (a === 169 && b === 254) continue;
    if (a === 172 && b >= 16 && b < 32) continue;
    if (a === 192 && b === 168) continue;
    if (a === 192 && b === 0) continue;
    if (a === 198 && (b === 18 || b === 19 || b === 51)) continue;
    if (a === 203 && b === 0) continue;
    const ip = `${a}.${b}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    if (!exclude(ip)) return ip;
  }
}

// ---------------------------------------------------------------------------------------------
// Accounts from a chosen client IP (the server must trust 127.0.0.1 as a proxy).

function expect(what, res, ...statuses) {
  if (!statuses.includes(res.status)) {
    throw new Error(`${what}: expected HTTP ${statuses.join('/')}, got ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  }
  return res;
}

/**
 * Registers, verifies and logs in once (so the deviceId becomes a known device of that account), all
 * with `x-forwarded-for: ip`. Returns { email, password, deviceId, ip }.
 */
export async function createKnownDeviceAccount(baseUrl, ip) {
  const tag = randomBytes(5).toString('hex');
  const account = { email: `flood-user-${tag}@example.com`, password: `known-dev-${randomBytes(6).toString('hex')}-x9`, deviceId: `bench-device-${tag}`, ip };
  const headers = { 'x-forwarded-for': ip };
  expect(
    `register ${account.email}`,
    await http(baseUrl, 'POST', '/api/v1/auth/register', { email: account.email, password: account.password }, { headers }),
    202,
  );
  const code = await latestCode(baseUrl, account.email);
  expect(`verify ${account.email}`, await http(baseUrl, 'POST', '/api/v1/auth/register/verify', { email: account.email, code }, { headers }), 200);
  const body = { email: account.email, password: account.password, deviceId: account.deviceId };
  const res = expect(`first login ${account.email}`, await http(baseUrl, 'POST', '/api/v1/auth/login', body, { headers }), 200);
  if (res.body?.status !== 'ok') throw new Error(`first login ${account.email}: expected status "ok", got ${JSON.stringify(res.body).slice(0, 300)}`);
  // The server's proof that this device signed in here; a real app keeps it and sends it back.
  account.deviceToken = res.body.deviceToken;
  return account;
}

export function createKnownDeviceAccounts(baseUrl, ips, concurrency = 2) {
  return mapLimit(ips.length, concurrency, (i) => createKnownDeviceAccount(baseUrl, ips[i]));
}

// ---------------------------------------------------------------------------------------------
// Redis.

/** Deletes every key under `${prefix}:` (SCAN + UNLINK); returns how many. */
export async function deleteRedisPrefix(redisUrl, prefix) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  try {
    await redis.connect();
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/** The redis-server's pid (INFO server), for CPU accounting; null when unknown. */
export async function redisServerPid(redisUrl) {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  try {
    await redis.connect();
    const info = await redis.info('server');
    const m = /process_id:(\d+)/.exec(info);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------
// Result convention for bench/run-all.mjs: one JSON line with `bars: [{ name, value, threshold,
// higherIsBetter, pass }]`.

export function barRecord(name, value, threshold, { higherIsBetter = true } = {}) {
  const pass = Number.isFinite(value) && (higherIsBetter ? value >= threshold : value <= threshold);
  return { name, value: Number.isFinite(value) ? Math.round(value * 10000) / 10000 : null, threshold, higherIsBetter, pass };
}

export function round(n, digits = 1) {
  if (!Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

// ---------------------------------------------------------------------------------------------
// Where the server's main thread spends its time: a V8 CPU profile (node --cpu-prof) folded into a
// few categories. Each sample goes to the innermost frame that matches a category, so e.g. the
// writev under the error envelope counts as "socket write", not "error envelope".

const PROFILE_CATEGORIES = [
  ['argon2 call (main-thread part)', (f) => f.url.includes('passwords/hasher') || f.url.includes('@node-rs/argon2')],
  ['socket write syscalls (writev)', (f) => ['writev', 'writevGeneric', 'writeUtf8String', 'writeBuffer', 'writeLatin1String'].includes(f.functionName)],
  [
    'Redis client (ioredis, Lua calls)',
    (f) => f.url.includes('ioredis') || f.url.includes('redis-errors') || f.url.includes('redis-parser') || f.url.includes('cluster-key-slot'),
  ],
  ['request id (ulid: one crypto.getRandomValues per character)', (f) => f.url.includes('/ulid/') || f.functionName === 'genReqId'],
  ['@fastify/helmet (rebuilds helmet per request)', (f) => f.url.includes('helmet')],
  [
    'SQLite lookups (kysely + better-sqlite3)',
    (f) => f.url.includes('kysely') || f.url.includes('better-sqlite3') || f.url.includes('accounts/store') || f.url.includes('login/devices'),
  ],
  [
    'limiter (auth-limits, block-policy, rate-limiter-flexible, lru-cache)',
    (f) =>
      /dist\/limits\/(auth-limits|block-policy|clocked-limiters|limiter-factory|http-hook|client-ip)/.test(f.url) ||
      f.url.includes('rate-limiter-flexible') ||
      f.url.includes('lru-cache'),
  ],
  ['hash gate (admission)', (f) => f.url.includes('dist/limits/admission')],
  [
    'errors (AppError, catalog, envelope, Fastify error path)',
    (f) => f.url.includes('dist/errors/') || f.url.includes('error-envelope') || f.url.includes('fastify/lib/error-handler'),
  ],
  ['JSON body parsing', (f) => f.url.includes('json-parser') || f.url.includes('secure-json-parse') || f.url.includes('content-type-parser')],
  ['metrics (prom-client)', (f) => f.url.includes('prom-client')],
  ['session, history, login service', (f) => /dist\/(login|accounts|twofactor)\//.test(f.url)],
  ['Fastify reply/serialization', (f) => f.url.includes('fast-json-stringify') || f.url.includes('fastify/lib/reply')],
  ['node http parsing/writing, streams', (f) => f.url.startsWith('node:_http') || f.url.startsWith('node:net') || f.url.includes('node:internal/streams')],
  ['Fastify routing, hooks, validation', (f) => f.url.includes('fastify') || f.url.includes('find-my-way') || f.url.includes('ajv')],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['idle', (f) => f.functionName === '(idle)'],
];

/**
 * { seconds, busySeconds, idleShare, shares: [[category, fraction of busy time]] } for the part of the profile between the first and
 * last sample that has `marker` (a function name) on its stack, or the whole profile without one.
 */
export async function profileBreakdown(file, { marker } = {}) {
  const { readFile } = await import('node:fs/promises');
  const p = JSON.parse(await readFile(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const times = [];
  let t = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i] ?? 0;
    times.push(t);
  }
  let first = -Infinity;
  let last = Infinity;
  if (marker) {
    first = Infinity;
    last = -Infinity;
    const marked = new Map();
    const hasMarker = (id) => {
      if (marked.has(id)) return marked.get(id);
      const n = byId.get(id);
      const v = n.callFrame.functionName === marker || (parent.has(id) && hasMarker(parent.get(id)));
      marked.set(id, v);
      return v;
    };
    for (let i = 0; i < p.samples.length; i++) {
      if (hasMarker(p.samples[i])) {
        first = Math.min(first, times[i]);
        last = Math.max(last, times[i]);
      }
    }
  }
  const categoryOf = new Map();
  const classify = (id) => {
    if (categoryOf.has(id)) return categoryOf.get(id);
    const f = byId.get(id).callFrame;
    const hit = PROFILE_CATEGORIES.find(([, test]) => test(f));
    const c = hit ? hit[0] : parent.has(id) ? classify(parent.get(id)) : 'other';
    categoryOf.set(id, c);
    return c;
  };
  const totals = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    if (times[i] < first || times[i] > last) continue;
    const d = p.timeDeltas[i] ?? 0;
    total += d;
    const c = classify(p.samples[i]);
    totals.set(c, (totals.get(c) ?? 0) + d);
  }
  // Shares of the busy (non-idle) time; `idleShare` says how much of the window was idle.
  const idle = totals.get('idle') ?? 0;
  totals.delete('idle');
  const busy = total - idle;
  return {
    seconds: total / 1e6,
    busySeconds: busy / 1e6,
    idleShare: total > 0 ? idle / total : 0,
    shares: [...totals].sort((a, b) => b[1] - a[1]).map(([c, v]) => [c, busy > 0 ? v / busy : 0]),
  };
}

/** The .cpuprofile a process with this pid wrote into `dir` (node names them CPU.<date>.<time>.<pid>.<tid>.<seq>.cpuprofile). */
export async function profileOf(dir, pid) {
  const { readdir } = await import('node:fs/promises');
  const name = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile') && f.split('.')[3] === String(pid));
  return name ? join(dir, name) : null;
}

/** Table rows for profileBreakdown results: { label: breakdown } → [[category, label1 %, label2 %...]]. */
export function breakdownRows(byLabel) {
  const labels = Object.keys(byLabel);
  const categories = [...new Set(labels.flatMap((l) => byLabel[l].shares.map(([c]) => c)))];
  const share = (l, c) => byLabel[l].shares.find(([x]) => x === c)?.[1] ?? 0;
  categories.sort((a, b) => share(labels[0], b) - share(labels[0], a));
  return [
    ['share of main-thread busy samples', ...labels.map((l) => `${l} (${byLabel[l].busySeconds.toFixed(1)} s busy of ${byLabel[l].seconds.toFixed(1)} s)`)],
    ...categories.map((c) => [c, ...labels.map((l) => `${(share(l, c) * 100).toFixed(1)}%`)]),
  ];
}
