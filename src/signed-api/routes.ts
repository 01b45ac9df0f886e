/**
 * /api/v3: the Binance-compatible surface. One encapsulated scope with its own body parser (the raw
 * form-encoded text, which the signature covers byte for byte), the request-weight hook before
 * anything is read, the weight headers on every answer (404s included, and malformed URLs, which
 * Fastify answers before routing: see SignedApiSurface), and SIGNED routes behind
 * the authentication hook. Errors keep the envelope, whose `code` and `msg` are Binance's.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import type { App } from '../http/types.js';
import { envelopeFor, envelopeHeaders, sendAppError, toAppError } from '../http/error-envelope.js';
import { errorResponses } from '../http/schemas.js';
import { createSignedAuth, type SignedCaller } from './authenticate.js';
import { mandatoryParam } from './errors.js';
import type { Permission } from './key-material.js';
import { createMarketData } from './market-data.js';
import { createOrderService } from './orders.js';
import { rawQueryOf, readRequestParams } from './params.js';
import { SignedApiLimits, type WeightVerdict } from './request-limits.js';
import {
  AccountSchema,
  CancelOrderSchema,
  EmptySchema,
  ExchangeInfoSchema,
  NewOrderSchema,
  QueryOrderSchema,
  ServerTimeSchema,
  TickerPriceSchema,
} from './schemas.js';
import { buildSymbolTable } from './symbols.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** REQUEST_WEIGHT this IP used in the current minute, once counted. */
    usedWeight?: number;
    /** The authenticated key of a SIGNED request. */
    signedCaller?: SignedCaller;
  }
  interface FastifyContextConfig {
    /** REQUEST_WEIGHT of the route, or a function of its query. */
    weight?: number | ((query: Record<string, unknown>) => number);
  }
}

const tags = ['signed-api'];

function weightOf(request: FastifyRequest): number {
  const weight = request.routeOptions.config?.weight;
  if (typeof weight === 'function') return weight((request.query ?? {}) as Record<string, unknown>);
  return weight ?? 1;
}

function callerOf(request: FastifyRequest): SignedCaller {
  if (!request.signedCaller) throw new AppError('REJECTED_MBX_KEY');
  return request.signedCaller;
}

/** Parameters of an unsigned request (market data): query string and body, the query winning. */
function paramsOf(request: FastifyRequest): Map<string, string> {
  const params = readRequestParams(rawQueryOf(request.url), typeof request.body === 'string' ? request.body : '');
  if (params.malformed !== null) throw mandatoryParam(params.malformed);
  return params.values;
}

/** What the app-wide handlers need from the signed API for requests Fastify answers before routing. */
export interface SignedApiSurface {
  /** Whether a request URL is on this surface (/api/v3 itself, or under it). */
  owns(url: string): boolean;
  /**
   * Answers `error` as this scope would answer it: counted at weight 1 like an unknown path, with
   * the weight headers (or 429/418 over the limit). For requests that never reach the scope, such
   * as a malformed URL, which Fastify refuses before routing. `ip` is the client address (the
   * request object of such a refusal does not apply the proxy settings).
   */
  answerUnrouted(reply: FastifyReply, ip: string, error: AppError): Promise<FastifyReply>;
}

const PREFIX = '/api/v3';

function setUsedWeight(reply: FastifyReply, used: number): void {
  reply.header('x-mbx-used-weight', used).header('x-mbx-used-weight-1m', used);
}

export function registerSignedApiRoutes(app: App, deps: Deps): SignedApiSurface {
  const config = deps.config.signedApi;
  const table = buildSymbolTable(config);
  const limits = new SignedApiLimits(config, deps.limits.factory, deps.clock);
  const authenticate = createSignedAuth(deps);
  const market = createMarketData(config, table);
  const orders = createOrderService(deps, table);

  function refuse(reply: FastifyReply, verdict: Exclude<WeightVerdict, { kind: 'ok' }>): FastifyReply {
    // The body is never read: drain it rather than buffer it.
    reply.request.raw.resume();
    if (verdict.kind === 'limited') {
      return sendAppError(reply, {
        key: 'SAPI_TOO_MANY_REQUESTS',
        reason: 'weight_limit',
        retryAfterSeconds: verdict.retryAfterSeconds,
        msgOverride: `Too much request weight used; current limit is ${config.limits.requestWeightPerMinute} request weight per 1 MINUTE.`,
      });
    }
    // A ban is -1003 with HTTP 418 (Binance's "I'm a teapot"), with the ban's end in the message as Binance gives it.
    const { body } = envelopeFor(
      {
        key: 'SAPI_TOO_MANY_REQUESTS',
        reason: 'ip_banned',
        retryAfterSeconds: verdict.retryAfterSeconds,
        details: { bannedUntil: new Date(verdict.untilMs).toISOString() },
        msgOverride: `Way too much request weight used; IP banned until ${verdict.untilMs}.`,
      },
      reply.request,
    );
    reply.request.catalogCode = body.code;
    return reply.code(418).headers(envelopeHeaders(body)).send(body);
  }

  /** Request weight first (before the body is read): 429 over the limit, 418 while banned. */
  async function admitWeight(request: FastifyRequest, reply: FastifyReply) {
    const verdict = await limits.admit(request.ip, weightOf(request));
    if (verdict.usedWeight !== null) request.usedWeight = verdict.usedWeight;
    if (verdict.kind !== 'ok') return refuse(reply, verdict);
  }

  /** X-MBX-USED-WEIGHT(-1M) on every answer, also those that ended before the weight was counted. */
  function weightHeaders(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) {
    const set = (used: number) => setUsedWeight(reply, used);
    if (request.usedWeight !== undefined) {
      set(request.usedWeight);
      return done(null, payload);
    }
    limits.usedWeight(request.ip).then(
      (used) => {
        set(used);
        done(null, payload);
      },
      () => done(null, payload),
    );
  }

  /** preHandler of SIGNED routes: the key, its permission, the signature and the time window. */
  const signed =
    (permission: Permission, options: { withBalances?: boolean } = {}) =>
    async (request: FastifyRequest) => {
      const key = request.headers['x-mbx-apikey'];
      request.signedCaller = await authenticate({
        apiKey: typeof key === 'string' ? key : undefined,
        ip: request.ip,
        rawQuery: rawQueryOf(request.url),
        rawBody: typeof request.body === 'string' ? request.body : '',
        permission,
        ...options,
      });
    };

  /** preHandler of POST /api/v3/order after authentication: the account's ORDERS limits. */
  async function countOrder(request: FastifyRequest, reply: FastifyReply) {
    const counts = await limits.countOrder(callerOf(request).accountId);
    reply.header('x-mbx-order-count-10s', counts.count10s).header('x-mbx-order-count-1d', counts.count1d);
    if (!counts.ok) {
      throw new AppError('SAPI_TOO_MANY_REQUESTS', { reason: 'order_rate_limit', retryAfterSeconds: counts.retryAfterSeconds });
    }
  }

  app.register(
    async (scope) => {
      // The signature covers the body as sent: keep it as text, whatever the content type says.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      scope.addHook('onRequest', admitWeight);
      scope.addHook('onSend', weightHeaders);
      scope.setNotFoundHandler((_request, reply) => sendAppError(reply, new AppError('NOT_FOUND')));
      // The web app catches unknown GET /api/* paths at the root; this more specific catch-all keeps
      // unknown /api/v3 paths in this scope, so their 404 carries the weight headers too.
      scope.get('/*', { schema: { hide: true } }, (_request, reply) => reply.callNotFound());
      // The same for /api/v3 itself, which '/*' does not match ('/' under the prefix is both
      // /api/v3 and /api/v3/); other methods on it reach this scope's not-found handler already.
      scope.get('/', { schema: { hide: true } }, (_request, reply) => reply.callNotFound());
      // An unexpected fault is Binance's -1000 here (execution status unknown), not the app's 1000.
      scope.setErrorHandler((error, request, reply) => {
        const mapped = toAppError(error);
        if (mapped) return sendAppError(reply, mapped);
        request.log.error({ err: error }, 'unhandled error');
        return sendAppError(reply, new AppError('SAPI_UNKNOWN'));
      });

      const errors = errorResponses(400, 401, 418, 429, 503);
      scope.get(
        '/ping',
        { config: { weight: 1 }, schema: { tags, summary: 'Connectivity (weight 1)', response: { 200: EmptySchema, ...errors } } },
        async () => ({}),
      );
      scope.get(
        '/time',
        { config: { weight: 1 }, schema: { tags, summary: 'Server time in ms (weight 1)', response: { 200: ServerTimeSchema, ...errors } } },
        async () => ({
          serverTime: deps.clock.nowMs(),
        }),
      );
      scope.get(
        '/exchangeInfo',
        {
          config: { weight: 20 },
          schema: {
            tags,
            summary: 'Symbols, precisions, filters, rate limits; `symbol` or `symbols` to narrow (weight 20)',
            response: { 200: ExchangeInfoSchema, ...errors },
          },
        },
        async (request) => market.exchangeInfo(paramsOf(request), deps.clock.nowMs()),
      );
      scope.get(
        '/ticker/price',
        {
          config: { weight: (query) => (query.symbol !== undefined ? 2 : 4) },
          schema: { tags, summary: 'Configured reference prices (weight 2 with symbol, else 4)', response: { 200: TickerPriceSchema, ...errors } },
        },
        async (request) => market.tickerPrice(paramsOf(request)),
      );

      scope.get(
        '/account',
        {
          config: { weight: 20 },
          preHandler: signed('READ', { withBalances: true }),
          schema: { tags, summary: 'SIGNED (READ): balances, free and locked (weight 20)', response: { 200: AccountSchema, ...errors } },
        },
        async (request) => orders.account(callerOf(request)),
      );
      scope.post(
        '/order',
        {
          config: { weight: 1 },
          preHandler: [signed('TRADE'), countOrder],
          schema: { tags, summary: 'SIGNED (TRADE): new LIMIT or MARKET order; funds are locked (weight 1)', response: { 200: NewOrderSchema, ...errors } },
        },
        async (request) => orders.placeOrder(callerOf(request), request.ip, { test: false }),
      );
      scope.post(
        '/order/test',
        {
          config: { weight: (query) => (query.computeCommissionRates === 'true' ? 20 : 1) },
          preHandler: signed('TRADE'),
          schema: { tags, summary: 'SIGNED (TRADE): every check of a new order, nothing placed (weight 1)', response: { 200: EmptySchema, ...errors } },
        },
        async (request) => orders.placeOrder(callerOf(request), request.ip, { test: true }),
      );
      scope.get(
        '/order',
        {
          config: { weight: 4 },
          preHandler: signed('READ'),
          schema: { tags, summary: 'SIGNED (READ): one order by orderId or origClientOrderId (weight 4)', response: { 200: QueryOrderSchema, ...errors } },
        },
        async (request) => orders.queryOrder(callerOf(request)),
      );
      scope.delete(
        '/order',
        {
          config: { weight: 1 },
          preHandler: signed('TRADE'),
          schema: { tags, summary: 'SIGNED (TRADE): cancel an open order; its funds are unlocked (weight 1)', response: { 200: CancelOrderSchema, ...errors } },
        },
        async (request) => orders.cancelOrder(callerOf(request)),
      );
      scope.get(
        '/openOrders',
        {
          config: { weight: (query) => (query.symbol !== undefined ? 6 : 80) },
          preHandler: signed('READ'),
          schema: {
            tags,
            summary: 'SIGNED (READ): open orders, of one symbol or all (weight 6 with symbol, else 80)',
            response: { 200: Type.Array(QueryOrderSchema), ...errors },
          },
        },
        async (request) => orders.openOrders(callerOf(request)),
      );
    },
    { prefix: PREFIX },
  );

  return {
    owns: (url) => url.startsWith(PREFIX) && (url.length === PREFIX.length || url[PREFIX.length] === '/' || url[PREFIX.length] === '?'),
    async answerUnrouted(reply, ip, error) {
      try {
        const verdict = await limits.admit(ip, 1);
        setUsedWeight(reply, verdict.usedWeight ?? (await limits.usedWeight(ip)));
        if (verdict.kind !== 'ok') return refuse(reply, verdict);
      } catch (err) {
        // As in the onSend hook: a limiter fault costs the headers, never the answer.
        reply.log.warn({ err }, 'signed API weight unavailable');
      }
      return sendAppError(reply, error);
    },
  };
}
