/**
 * The cheapest refusal the server can give: while the normal hashing line is full, a password login
 * without a validly signed device token is answered `1003` `overloaded` from the HTTP server's own
 * request event, before Fastify builds its request and reply, routes, runs hooks or serializes.
 *
 * Why: under a flood the event loop is shared by the attacker's requests and the real users'. Every
 * microsecond a refusal costs lengthens each turn of the loop that a known device's login has to wait
 * through (once when it arrives, once when its hash completes). Through Fastify a refusal cost
 * ~60 µs of main-thread CPU; here it is a header check, one HMAC and one write.
 *
 * The answer is the one the Fastify hook (`shedWhenSaturated`) gives: same status, body, headers,
 * hold (tarpit) and metrics. Anything this does not recognise exactly (another method or path, a
 * query string, an encoded path, maintenance on or not known to be off) goes to Fastify, which still
 * sheds it there.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '../deps.js';
import { fastifyCookie } from '@fastify/cookie';
import { envelopeFor, envelopeHeaders } from './error-envelope.js';
import { DEVICE_TOKEN_COOKIE, DEVICE_TOKEN_HEADER } from '../login/device-token.js';
import { shedsEarly } from '../limits/http-hook.js';
import type { MaintenanceService } from '../maintenance/service.js';

/** The password-login doors; exact paths only. */
const DOORS = new Set(['/api/v1/auth/login', '/api/v1/admin/login']);

export interface FastShedOptions {
  maintenance: MaintenanceService;
  nextRequestId: () => string;
  /** Security headers of every /api response. */
  apiHeaders: Record<string, string>;
  /** True once the server has begun to close. */
  closing: () => boolean;
}

function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers[DEVICE_TOKEN_HEADER];
  if (typeof header === 'string') return header;
  // The same cookie parser @fastify/cookie gives routes (it leaves undecodable values as they are).
  return req.headers.cookie ? fastifyCookie.parse(req.headers.cookie)[DEVICE_TOKEN_COOKIE] : undefined;
}

/** Returns true when it answered the request (the caller must not pass it on). */
export function createFastShed(deps: Pick<Deps, 'hashGate' | 'keys' | 'config' | 'metrics' | 'shedHold'>, options: FastShedOptions) {
  const retryAfterSeconds = deps.config.admission.overloadRetryAfterSeconds;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    // Closing: Fastify answers 503 with `Connection: close`, and nothing new is held.
    if (options.closing() || req.method !== 'POST' || !DOORS.has(req.url ?? '') || !deps.hashGate.normalSaturated) return false;
    // 1100 comes first in the normative order: without a fresh "off", let the full path decide.
    const maintenance = options.maintenance.cached();
    if (!maintenance || maintenance.enabled) return false;
    if (!shedsEarly(deps, presentedToken(req))) return false;

    const requestId = options.nextRequestId();
    const { status, body } = envelopeFor({ key: 'TOO_MANY_REQUESTS', reason: 'overloaded', retryAfterSeconds }, { id: requestId, headers: req.headers });
    const payload = JSON.stringify(body);
    // The body is never read: drain it as it comes instead of buffering it while the answer is held.
    req.resume();
    deps.shedHold.hold(() => {
      if (res.destroyed) return;
      deps.metrics.httpRequests.inc({ method: 'POST', route: req.url!, status: String(status), code: String(body.code) });
      res.writeHead(status, { ...options.apiHeaders, ...envelopeHeaders(body), 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    }, req.socket);
    return true;
  };
}
