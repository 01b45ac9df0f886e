/**
 * Preloaded into benchmark server children (`node --import ./bench/lib/orphan-guard.mjs ...`).
 *
 * If the benchmark process dies without cleaning up (kill -9, OOM, a crashed terminal), the child is
 * re-parented; this notices within a second and exits (removing the benchmark's temp data dir), so a
 * benchmark never leaves a server or its files behind.
 * Cost: one unref'd 1 s timer, nothing on the request path.
 */
import { rmSync } from 'node:fs';

const parent = Number(process.env.BENCH_PARENT_PID || process.ppid);
/** The temp data dir the benchmark made for this server; removed on exit when orphaned. */
const dataDir = process.env.BENCH_CLEANUP_DIR;

const timer = setInterval(() => {
  let alive = process.ppid === parent;
  if (alive) {
    try {
      process.kill(parent, 0);
    } catch {
      alive = false;
    }
  }
  if (!alive) {
    if (dataDir) {
      process.once('exit', () => {
        try {
          rmSync(dataDir, { recursive: true, force: true });
        } catch {
          // best effort
        }
      });
    }
    // Give the server's own SIGTERM handler a chance to close the database, then make sure.
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(1), 3000).unref();
    clearInterval(timer);
  }
}, 1000);
timer.unref();
