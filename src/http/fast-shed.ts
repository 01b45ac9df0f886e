/**
 * The cheapest refusals the server can give, answered from the HTTP server's own request event
 * before Fastify builds its request and reply, routes, runs hooks or serializes:
 *   - a password login from a client IP whose block this process already knows: `1003`
 *     `ip_rate_limit` (the answer of the `credentialEndpoint` hook, counted as hammering the same
 *     way; a block it would have to ask the store about goes through Fastify);
 *   - while the normal hashing line is full, a password login without a validly signed device
 *     token: `1003` `overloaded` (the answer of the `shedWhenSaturated` hook, held the same way).
 *
 * Why: under a flood the event loop is shared by the attacker's requests and the real users'. Every
 * microsecond a refusal costs lengthens each turn of the loop that a known device's login has to wait
 * through, and a blocked client should cost next to nothing. Through Fastify a refusal cost
 * ~60-70 µs of main-thread CPU; here it is a header check, a map lookup or one HMAC, and one write.
 *
 * Same status, body, headers and metrics as the hooks. Anything this does not recognise exactly
 * (another method or path, a query string, an encoded path, maintenance on or not known to be off)
 * goes to Fastify, whose hooks give the same answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Deps } from '../deps.js';
import { fastifyCookie } from '@fastify/cookie';
import { envelopeFor, envelopeHeaders, type EnvelopeSource } from './error-envelope.js';
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
  /** The client address, as Fastify's `request.ip` gives it (trusted proxies applied). */
  clientIp: (req: IncomingMessage) => string | undefined;
}

function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers[DEVICE_TOKEN_HEADER];
  if (typeof header === 'string') return header;
  // The same cookie parser @fastify/cookie gives routes (it leaves undecodable values as they are).
  return req.headers.cookie ? fastifyCookie.parse(req.headers.cookie)[DEVICE_TOKEN_COOKIE] : undefined;
}

/** Returns true when it answered the request (the caller must not pass it on). */
export function createFastShed(deps: Pick<Deps, 'hashGate' | 'keys' | 'config' | 'metrics' | 'shedHold' | 'limits'>, options: FastShedOptions) {
  const retryAfterSeconds = deps.config.admission.overloadRetryAfterSeconds;
  const refusal = (req: IncomingMessage, res: ServerResponse, error: EnvelopeSource) => {
    const { status, body } = envelopeFor(error, { id: options.nextRequestId(), headers: req.headers });
    const payload = JSON.stringify(body);
    // The body is never read: drain it as it comes instead of buffering it.
    req.resume();
    return () => {
      if (res.destroyed) return;
      deps.metrics.httpRequests.inc({ method: 'POST', route: req.url!, status: String(status), code: String(body.code) });
      res.writeHead(status, { ...options.apiHeaders, ...envelopeHeaders(body), 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    };
  };
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    // Closing: Fastify answers 503 with `Connection: close`, and nothing new is held.
    if (options.closing() || req.method !== 'POST' || !DOORS.has(req.url ?? '')) return false;
    // 1100 comes first in the normative order: without a fresh "off", let the full path decide.
    const maintenance = options.maintenance.cached();
    if (!maintenance || maintenance.enabled) return false;
    const ip = options.clientIp(req);
    const blocked = ip === undefined ? undefined : deps.limits.knownIpBlock(ip);
    if (blocked && !blocked.ok) {
      refusal(req, res, { key: 'TOO_MANY_REQUESTS', reason: blocked.reason, retryAfterSeconds: blocked.retryAfterSeconds })();
      return true;
    }
    if (!deps.hashGate.normalSaturated || !shedsEarly(deps, presentedToken(req))) return false;
    deps.shedHold.hold(refusal(req, res, { key: 'TOO_MANY_REQUESTS', reason: 'overloaded', retryAfterSeconds }), req.socket);
    return true;
  };
}
