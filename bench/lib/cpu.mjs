/**
 * CPU accounting for benchmarks (Linux /proc; elsewhere every function returns null).
 *
 * - processThreads(pid): CPU ms per thread of a process (main thread = the pid's own task).
 * - machineCpu(): busy/total ms of the whole machine, from /proc/stat.
 * - cpuWindow(pids): starts a window; .end() returns per-process main/other-thread CPU ms and the
 *   CPU the rest of the machine used meanwhile ("foreign": other people's builds and tests on a
 *   shared machine), which tells a quiet run from a noisy one.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';

const HAVE_PROC = existsSync('/proc/self/stat') && existsSync('/proc/stat');
const TICK_MS = 10; // USER_HZ is 100 on every mainstream Linux build

function parseStat(text) {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[11] utime, fields[12] stime (0-based after the comm field)
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** { main, other, threads: {tid: ms} } CPU ms consumed so far by a process's threads, or null. */
export function processThreads(pid) {
  if (!HAVE_PROC) return null;
  try {
    const threads = {};
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        threads[tid] = parseStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      } catch {
        // thread ended between readdir and read
      }
    }
    // Whole-process counters include threads that already exited.
    const total = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const main = threads[String(pid)] ?? 0;
    return { main, other: total - main, total, threads };
  } catch {
    return null;
  }
}

/** { busy, total } CPU ms of the whole machine since boot, or null. */
export function machineCpu() {
  if (!HAVE_PROC) return null;
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = v;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: busy * TICK_MS, total: (busy + idle + iowait) * TICK_MS, steal: steal * TICK_MS };
}

/**
 * Starts measuring. pids: { name: pid }. end() → { wallMs, machineBusyMs, foreignMs, foreignCores,
 * stealMs, procs: { name: { main, other, total, threads } } } (all CPU ms), or null without /proc.
 */
export function cpuWindow(pids) {
  if (!HAVE_PROC) return { end: () => null };
  const started = performance.now();
  const m0 = machineCpu();
  const p0 = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processThreads(pid)]));
  return {
    end() {
      const wallMs = performance.now() - started;
      const m1 = machineCpu();
      const procs = {};
      let ours = 0;
      for (const [name, pid] of Object.entries(pids)) {
        const a = p0[name];
        const b = processThreads(pid);
        if (!a || !b) continue;
        const threads = Object.entries(b.threads)
          .filter(([tid]) => tid !== String(pid))
          .map(([tid, ms]) => ms - (a.threads[tid] ?? 0))
          .sort((x, y) => y - x);
        procs[name] = {
          main: b.main - a.main,
          other: b.total - a.total - (b.main - a.main),
          total: b.total - a.total,
          /** CPU ms of each non-main thread in the window, busiest first. */
          threads,
        };
        ours += procs[name].total;
      }
      const machineBusyMs = m1.busy - m0.busy;
      const foreignMs = Math.max(0, machineBusyMs - ours);
      return { wallMs, machineBusyMs, foreignMs, foreignCores: foreignMs / wallMs, stealMs: m1.steal - m0.steal, procs };
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until a process stops burning CPU (less than `thresholdMs` CPU over `windowMs`), at most
 * `maxMs`; e.g. a server still finishing requests a load generator abandoned when it stopped.
 * Without /proc it just sleeps `fallbackMs`.
 */
export async function waitForIdle(pid, { windowMs = 100, thresholdMs = 5, maxMs = 3000, fallbackMs = 500 } = {}) {
  if (!HAVE_PROC) return sleep(fallbackMs);
  const deadline = performance.now() + maxMs;
  let before = processThreads(pid);
  while (before && performance.now() < deadline) {
    await sleep(windowMs);
    const after = processThreads(pid);
    if (!after || after.total - before.total < thresholdMs) return;
    before = after;
  }
}
