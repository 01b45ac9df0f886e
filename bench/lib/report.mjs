/**
 * Output for benchmarks: options (--json, BENCH_* environment), machine facts, an aligned text
 * table, the bar line, and the optional one-line JSON result. With --json the human-readable
 * output goes to stderr so that stdout holds exactly one JSON line.
 */
import { availableParallelism, cpus, totalmem } from 'node:os';

export function benchOptions(argv = process.argv.slice(2)) {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a !== '--json');
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')} (only --json is accepted)`);
  return { json };
}

/** A positive number from the environment, or the default; a bad value is an error. */
export function envNumber(name, fallback, { min = 0, integer = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= min || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a ${integer ? 'whole ' : ''}number above ${min}, got "${raw}"`);
  }
  return value;
}

export function machine() {
  const cpuList = cpus();
  return {
    node: process.version,
    cores: availableParallelism(),
    cpuModel: cpuList[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform}-${process.arch}`,
    uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE || 4),
  };
}

export function createOutput({ json }) {
  const human = json ? process.stderr : process.stdout;
  return {
    line: (text = '') => human.write(`${text}\n`),
    /** Progress notes; always stderr. */
    note: (text) => process.stderr.write(`[bench] ${text}\n`),
    json: (object) => {
      if (json) process.stdout.write(`${JSON.stringify(object)}\n`);
    },
  };
}

/** rows: [[label, value], ...] or [[c1, c2, c3...], ...]; first row may be a header (header: true). */
export function formatTable(rows, { header = false } = {}) {
  const widths = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, String(cell).length);
  }
  const render = (row) => `| ${row.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const lines = rows.map(render);
  if (header) lines.splice(1, 0, sep);
  return lines.join('\n');
}

export const fmt = {
  rate: (n) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a'),
  ratio: (n) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a'),
  ms: (n) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a'),
};

/** The bar as one clear line: "BAR  ratio >= 0.90: 0.93  PASS". */
export function barLine(description, value, threshold, { higherIsBetter = true, digits = 2 } = {}) {
  const pass = higherIsBetter ? value >= threshold : value <= threshold;
  return { pass, text: `BAR  ${description}: ${Number.isFinite(value) ? value.toFixed(digits) : 'n/a'}  ${pass ? 'PASS' : 'FAIL (bar missed)'}` };
}

export function todayIso() {
  return new Date().toISOString();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Hard upper bound on a whole benchmark: past it, run `onTimeout` (cleanup) and exit 2. */
export function watchdog(seconds, onTimeout) {
  const timer = setTimeout(async () => {
    process.stderr.write(`[bench] watchdog: benchmark exceeded ${seconds} s, aborting\n`);
    await Promise.race([
      Promise.resolve()
        .then(onTimeout)
        .catch(() => {}),
      sleep(15_000),
    ]);
    process.exit(2);
  }, seconds * 1000);
  timer.unref();
  return () => clearTimeout(timer);
}
