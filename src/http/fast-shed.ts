/**
 * The cheapest refusals the server can give, answered from the HTTP server's own request event
 * before Fastify builds its request and reply, routes, runs hooks or serializes:
 *   - a password login from a client IP whose block this process already knows: `1003`
 *     `ip_rate_limit` (the answer of the `credentialEndpoint` hook, counted as hammering the same
 *     way, with the store write of an escalation step; a block only the store knows of goes
 *     through Fastify);
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
 *
 * It runs in front of Fastify's request handler through Fastify's `serverFactory` option
 * (fastShedServerFactory below): the server is the one Fastify would create, with its settings.
 */
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';

import type { Deps } from '../deps.js';
import { fastifyCookie } from '@fastify/cookie';
import { ENVELOPE_FIXED_HEADERS, envelopeFor, type EnvelopeSource } from './error-envelope.js';
import { negotiateLocale } from '../errors/lookup.js';
import type { Locale } from '../errors/catalog-types.js';
import { DEVICE_TOKEN_COOKIE, DEVICE_TOKEN_HEADER } from '../limits/device-token.js';
import { shedsEarly } from '../limits/http-hook.js';
import type { LimitReason } from '../limits/auth-limits.js';
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
  /** Hands a request to Fastify after all (when an asynchronous check let it through). */
  passOn: (req: IncomingMessage, res: ServerResponse) => void;
}

function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers[DEVICE_TOKEN_HEADER];
  if (typeof header === 'string') return header;
  // The same cookie parser @fastify/cookie gives routes (it leaves undecodable values as they are).
  return req.headers.cookie ? fastifyCookie.parse(req.headers.cookie)[DEVICE_TOKEN_COOKIE] : undefined;
}

/**
 * Writes refusals with as little per-request work as the answer allows: the envelope's JSON up to
 * its requestId is built once per language, reason and retry time; the constant headers are one
 * flat list; the metrics counter child is looked up once per status.
 */
function createRefusalWriter(deps: Pick<Deps, 'metrics'>, options: Pick<FastShedOptions, 'apiHeaders' | 'nextRequestId'>) {
  const fixedHeaders = Object.entries({ ...options.apiHeaders, ...ENVELOPE_FIXED_HEADERS }).flat();
  const envelopes = new Map<string, { status: number; code: number; head: string }>();
  const counters = new Map<string, { inc(): void }>();
  const envelopeOf = (error: EnvelopeSource, locale: Locale) => {
    const key = `${locale}\u0000${error.reason ?? ''}\u0000${error.retryAfterSeconds ?? ''}`;
    let envelope = envelopes.get(key);
    if (!envelope) {
      // Bounded: a few languages and reasons, and retry times that change by the second.
      if (envelopes.size >= 1024) envelopes.clear();
      const { status, body } = envelopeFor(error, { id: '', headers: { 'accept-language': locale } });
      const json = JSON.stringify(body);
      // requestId is the last field: everything before its (empty) value is the same every time.
      envelope = { status, code: body.code, head: json.slice(0, json.length - '"}'.length) };
      envelopes.set(key, envelope);
    }
    return envelope;
  };
  const counterOf = (route: string, status: number, code: number) => {
    const key = `${route} ${status} ${code}`;
    let counter = counters.get(key);
    if (!counter) {
      counter = deps.metrics.httpRequests.labels({ method: 'POST', route, status: String(status), code: String(code) });
      counters.set(key, counter);
    }
    return counter;
  };
  /** Prepares the refusal (the body is drained from now on) and returns the function that sends it. */
  return (req: IncomingMessage, res: ServerResponse, error: EnvelopeSource) => {
    const { status, code, head } = envelopeOf(error, negotiateLocale(req.headers['accept-language']));
    const requestId = options.nextRequestId();
    // Request ids are ULID characters: nothing to escape.
    const payload = `${head}${requestId}"}`;
    // The body is never read: drain it as it comes instead of buffering it.
    req.resume();
    return () => {
      if (res.destroyed) return;
      counterOf(req.url!, status, code).inc();
      const headers = fixedHeaders.concat('x-request-id', requestId, 'content-length', String(Buffer.byteLength(payload)));
      if (error.retryAfterSeconds !== undefined) headers.push('retry-after', String(error.retryAfterSeconds));
      res.writeHead(status, headers);
      res.end(payload);
    };
  };
}

/** Returns true when it answered the request (the caller must not pass it on). */
export function createFastShed(deps: Pick<Deps, 'hashGate' | 'keys' | 'config' | 'metrics' | 'shedHold' | 'limits'>, options: FastShedOptions) {
  const retryAfterSeconds = deps.config.admission.overloadRetryAfterSeconds;
  const refusal = createRefusalWriter(deps, options);
  // Not tarpitted (as through the hook), but it waits while a real user's password is checked.
  const refuseBlocked = (req: IncomingMessage, res: ServerResponse, verdict: { reason: LimitReason; retryAfterSeconds: number }) =>
    deps.shedHold.yieldOrSend(
      refusal(req, res, { key: 'TOO_MANY_REQUESTS', reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds }),
      req.socket,
    );
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    // Closing: Fastify answers 503 with `Connection: close`, and nothing new is held.
    if (options.closing() || req.method !== 'POST' || !DOORS.has(req.url ?? '')) return false;
    // 1100 comes first in the normative order: without a fresh "off", let the full path decide.
    const maintenance = options.maintenance.cached();
    if (!maintenance || maintenance.enabled) return false;
    const ip = options.clientIp(req);
    const blocked = ip === undefined ? undefined : deps.limits.knownIpBlock(ip);
    if (blocked instanceof Promise) {
      // This attempt completes an escalation step: the store decides, then the refusal goes out
      // from here; if the block ran out meanwhile (or the store failed), Fastify takes the request,
      // whose body has not been touched.
      blocked
        .then(
          (verdict) => (verdict.ok ? options.passOn(req, res) : refuseBlocked(req, res, verdict)),
          () => options.passOn(req, res),
        )
        // Nothing is left to answer with: end the connection rather than the process.
        .catch(() => res.destroy());
      return true;
    }
    if (blocked && !blocked.ok) {
      refuseBlocked(req, res, blocked);
      return true;
    }
    if (!deps.hashGate.normalSaturated || !shedsEarly(deps, presentedToken(req))) return false;
    deps.shedHold.hold(refusal(req, res, { key: 'TOO_MANY_REQUESTS', reason: 'overloaded', retryAfterSeconds }), req.socket);
    return true;
  };
}

export type FastShedServerOptions = Omit<FastShedOptions, 'passOn'>;

/**
 * Fastify's `serverFactory`: the HTTP/1.1 server Fastify itself would create (its keep-alive,
 * request and connection timeouts, requests per socket), whose request listener tries the early
 * refusals first and otherwise calls Fastify's handler.
 */
export function fastShedServerFactory(deps: Parameters<typeof createFastShed>[0], options: FastShedServerOptions): FastifyServerFactory<Server> {
  return (handler, fastifyOptions) => {
    const fastShed = createFastShed(deps, { ...options, passOn: handler });
    const server = createServer((fastifyOptions.http ?? {}) as ServerOptions, (req, res) => {
      if (!fastShed(req, res)) handler(req, res);
    });
    server.keepAliveTimeout = fastifyOptions.keepAliveTimeout as number;
    server.requestTimeout = fastifyOptions.requestTimeout as number;
    server.setTimeout(fastifyOptions.connectionTimeout as number);
    // Zero means Node's default, as in Fastify.
    if ((fastifyOptions.maxRequestsPerSocket as number) > 0) server.maxRequestsPerSocket = fastifyOptions.maxRequestsPerSocket as number;
    return server;
  };
}
