/**
 * autocannon, programmatic, in the benchmark process (the server is a separate child process).
 * `runLoad` returns autocannon's result plus a summary; `rotatingJsonRequest` builds a request whose
 * body rotates through a list (one shared counter across all connections).
 */
import autocannon from 'autocannon';

/**
 * Options are passed to autocannon (url, connections, duration, requests, method, headers, body,
 * verifyBody, sampleInt, ...). Note: autocannon stops at the first sample tick after `duration`
 * (sampleInt, default 1000 ms), so pass e.g. sampleInt: 100 for fractional durations; the summary
 * uses the real elapsed time either way. `timeoutS` bounds the run in wall time (default duration + 30 s): past it the
 * instance is stopped and the run fails.
 */
export async function runLoad(options, { timeoutS, onResponse } = {}) {
  const limitS = timeoutS ?? Number(options.duration ?? 10) + 30;
  let instance;
  let timer;
  const result = await new Promise((resolve, reject) => {
    instance = autocannon({ timeout: 10, ...options }, (err, res) => (err ? reject(err) : resolve(res)));
    // (client, statusCode, resBytes, responseTimeMs) for every response: lets callers merge
    // latencies of several runs exactly.
    if (onResponse) instance.on('response', onResponse);
    timer = setTimeout(() => {
      instance.stop();
      reject(new Error(`autocannon did not finish within ${limitS} s`));
    }, limitS * 1000);
  }).finally(() => clearTimeout(timer));
  return { result, summary: summarize(result) };
}

/** The figures benchmarks report, from an autocannon result. */
export function summarize(result) {
  const seconds = result.duration;
  const ok = result['2xx'];
  return {
    seconds,
    ok,
    perSecond: seconds > 0 ? ok / seconds : 0,
    total: ok + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: result.mismatches ?? 0,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    meanMs: result.latency.average,
  };
}

/** Exact percentile (nearest rank) of a list of numbers; NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Problems that make a run invalid: non-2xx, socket errors, timeouts, body mismatches. */
export function loadProblems(summary) {
  const problems = [];
  if (summary.non2xx > 0) problems.push(`${summary.non2xx} non-2xx responses (${JSON.stringify(summary.statusCodes)})`);
  if (summary.errors > 0) problems.push(`${summary.errors} connection errors`);
  if (summary.timeouts > 0) problems.push(`${summary.timeouts} timeouts`);
  if (summary.mismatches > 0) problems.push(`${summary.mismatches} responses failed the body check`);
  if (summary.ok === 0) problems.push('no successful response at all');
  return problems;
}

/**
 * One autocannon request entry: `method path` with a JSON body built by `bodyFor(item)` for the next
 * item of `items` (shared counter, so all connections together walk the list round-robin).
 */
export function rotatingJsonRequest({ method = 'POST', path, items, bodyFor, headers = {} }) {
  const bodies = items.map((item) => JSON.stringify(bodyFor(item)));
  let next = 0;
  return {
    method,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    setupRequest(request) {
      const body = bodies[next];
      next = (next + 1) % bodies.length;
      return { ...request, body };
    },
  };
}
