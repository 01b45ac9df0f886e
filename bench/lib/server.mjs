/**
 * Starting a real Gatehouse server (dist/cli.js serve) as a child process for a benchmark: a fresh
 * temp data dir, loopback only, a free port, dev outbox on, logs at warn; readiness through
 * GET /health/ready; and a cleanup that always runs (normal end, error, Ctrl-C, SIGTERM), so no
 * benchmark leaves a server process or a data dir behind.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST = '127.0.0.1';

// ---------------------------------------------------------------------------------------------
// Cleanup registry: every child and temp dir registered here is torn down exactly once.

const cleanups = new Set();
let signalHandlersInstalled = false;

function installSignalHandlers() {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      process.stderr.write(`\n[bench] ${signal}: stopping servers\n`);
      runCleanups().finally(() => process.exit(130));
    });
  }
  // Last resort if the process exits without awaiting cleanup: synchronous kills only.
  process.once('exit', () => {
    for (const cleanup of cleanups) cleanup.sync?.();
  });
}

export function registerCleanup(async, sync) {
  installSignalHandlers();
  const entry = { async, sync };
  cleanups.add(entry);
  return () => cleanups.delete(entry);
}

export async function runCleanups() {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((c) => c.async()));
}

// ---------------------------------------------------------------------------------------------

/**
 * Polls GET /health/ready until 200; fails fast (after stopping it) if the child exits or the
 * deadline passes. Shared by every benchmark that starts a server of its own.
 */
export async function waitForReady({ url, label, timeoutMs, exited, describeExit = () => '', output, stop, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) {
      await stop();
      throw new Error(`${label} exited during start-up (${describeExit()}); output:\n${output()}`);
    }
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${label} not ready after ${timeoutMs} ms; output:\n${output()}`);
    }
    await sleep(intervalMs);
  }
}

/** A port that was free a moment ago on the loopback address. */
export async function freePort(host = HOST) {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `node dist/cli.js serve`. Options:
 * - config: an object written to a JSON file and passed as GATEHOUSE_CONFIG (merged over defaults)
 * - env: extra environment variables
 * - nodeArgs: extra node flags (e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/x']); BENCH_SERVER_NODE_ARGS (space-separated)
 *   adds more to every bench's server, e.g. '--perf-basic-prof' for `perf record`
 * - readyTimeoutMs (default 30 s)
 * Returns { url, port, dataDir, pid, child, stop(), output() }.
 */
export async function startGatehouse({ config = {}, env = {}, nodeArgs = [], readyTimeoutMs = 30_000, logLevel = 'warn' } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-bench-'));
  const configFile = join(dataDir, 'bench-config.json');
  await writeFile(configFile, JSON.stringify(config, null, 2));
  const port = await freePort();
  const url = `http://${HOST}:${port}`;

  const childEnv = {
    ...process.env,
    GATEHOUSE_PORT: String(port),
    GATEHOUSE_HOST: HOST,
    GATEHOUSE_PUBLIC_URL: url,
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_DEV: '1',
    GATEHOUSE_LOG_LEVEL: logLevel,
    GATEHOUSE_CONFIG: configFile,
    BENCH_PARENT_PID: String(process.pid),
    BENCH_CLEANUP_DIR: dataDir,
    ...env,
  };
  // Never inherit a database or Redis from the caller's shell unless asked for explicitly.
  if (!('GATEHOUSE_DATABASE_URL' in env)) delete childEnv.GATEHOUSE_DATABASE_URL;
  if (!('GATEHOUSE_REDIS_URL' in env)) delete childEnv.GATEHOUSE_REDIS_URL;
  if (!('GATEHOUSE_SMTP_URL' in env)) delete childEnv.GATEHOUSE_SMTP_URL;

  const child = spawn(
    process.execPath,
    [
      '--import',
      join(ROOT, 'bench', 'lib', 'orphan-guard.mjs'),
      ...nodeArgs,
      ...(process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : []),
      join(ROOT, 'dist', 'cli.js'),
      'serve',
    ],
    { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );

  // Keep the last few KB of output for error messages.
  let tail = '';
  const keep = (chunk) => {
    tail = (tail + chunk.toString()).slice(-8192);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  let exited = false;
  let exitInfo = null;
  const exitPromise = new Promise((resolveExit) => {
    child.once('exit', (code, signal) => {
      exited = true;
      exitInfo = { code, signal };
      resolveExit(exitInfo);
    });
  });

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const timedOut = await Promise.race([exitPromise.then(() => false), sleep(8000).then(() => true)]);
        if (timedOut && !exited) {
          child.kill('SIGKILL');
          await Promise.race([exitPromise, sleep(3000)]);
        }
      }
      await rm(dataDir, { recursive: true, force: true }).catch(() => {});
      unregister();
    })());
  const unregister = registerCleanup(stop, () => {
    if (!exited) child.kill('SIGKILL');
  });

  const handle = {
    url,
    port,
    dataDir,
    pid: child.pid,
    child,
    stop,
    output: () => tail,
    get exited() {
      return exited;
    },
    exitPromise,
  };

  await waitForReady({
    url,
    label: 'gatehouse server',
    timeoutMs: readyTimeoutMs,
    exited: () => exited,
    describeExit: () => JSON.stringify(exitInfo),
    output: () => tail,
    stop,
  });
  return handle;
}
