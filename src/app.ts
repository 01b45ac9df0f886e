/**
 * buildApp(deps) -> FastifyInstance. Registers every plugin and route explicitly; never listens.
 * Tests call it with app.inject; server.ts adds listen and shutdown.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Deps } from './deps.js';
import type { App } from './http/types.js';
import { registerErrorEnvelope, sendAppError } from './http/error-envelope.js';
import { AppError } from './errors/app-error.js';
import { registerStrictJsonParser } from './http/json-parser.js';
import { documentSessionRefusals } from './http/session-responses.js';
import { ErrorBodySchema } from './http/schemas.js';
import { apiSecurityHeaders, computeSecurityHeaders } from './http/security-headers.js';
import { fastShedServerFactory } from './http/fast-shed.js';
import proxyAddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';
import { createRequestIdFactory } from './platform/request-ids.js';
import { registerAccountRoutes } from './accounts/routes.js';
import { registerLoginRoutes } from './login/routes.js';
import { registerOpsRoutes } from './ops/routes.js';
import { registerStaffRoutes } from './staff/routes.js';
import { registerStaffAccountRoutes } from './staff/accounts-routes.js';
import { registerWalletRoutes } from './wallet/routes.js';
import { registerLoginFlowRoutes } from './flows/routes.js';
import { registerActionFlowRoutes } from './flows/action-routes.js';
import { registerApiKeyRoutes } from './signed-api/api-key-routes.js';
import { registerSignedApiRoutes, type SignedApiSurface } from './signed-api/routes.js';
import { registerTwoFactorRoutes } from './twofactor/routes.js';
import type { MaintenanceService } from './maintenance/service.js';
import { maintenanceGate } from './maintenance/hook.js';
import { ticketRoutes } from './tickets/routes.js';
import { registerTicketStaffRoutes } from './tickets/staff-routes.js';
import { registerTwoFactorResetRoutes } from './recovery/two-factor-reset-routes.js';
import { registerWebApp } from './http/web-app.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The catalog code this request ended with, for metrics. */
    catalogCode?: number;
  }
}

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'] | FastifyServerOptions['loggerInstance'];
  /** The built web app (index.html and assets/); default dist/web. Nothing is served without it. */
  webRoot?: string;
}

export interface BuiltApp {
  app: App;
  maintenance: MaintenanceService;
}

/** Log lines never carry credentials: headers that hold them are redacted, URLs lose their query. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["x-mbx-apikey"]',
  'res.headers["set-cookie"]',
];

export function logSerializers() {
  return {
    req(request: { method: string; url: string; ip?: string; id?: string }) {
      // Query strings and challenge handles (which can yield a session) never reach the log.
      const path = request.url.split('?')[0]!.replace(/(\/challenge\/)[^/]+/, '$1[redacted]');
      return { method: request.method, url: path, ip: request.ip };
    },
  };
}

/** The first field of a parsed query string or path parameters whose value holds a NUL character. */
function nulField(part: unknown): string | undefined {
  if (!part || typeof part !== 'object') return undefined;
  for (const name in part) {
    const value = (part as Record<string, unknown>)[name];
    if (typeof value === 'string' && value.includes('\u0000')) return name;
  }
  return undefined;
}

export async function buildApp(deps: Deps, options: BuildAppOptions = {}): Promise<BuiltApp> {
  const loggerOption = options.logger ?? false;
  const isInstance = typeof loggerOption === 'object' && loggerOption !== null && 'child' in loggerOption;
  const nextRequestId = createRequestIdFactory(deps.clock);
  const securityHeaders = computeSecurityHeaders();
  const apiHeaders = apiSecurityHeaders(securityHeaders);
  const { maintenance } = deps;
  // Set by preClose: held refusals go out at once, and the early path holds nothing new.
  let closing = false;
  // The same client address Fastify's request.ip gives (its trustProxy setting, its proxy-addr).
  const trusted = deps.config.trustProxy.length > 0 ? proxyAddr.compile(deps.config.trustProxy) : undefined;
  const clientIp = (req: IncomingMessage) => (trusted ? proxyAddr(req, trusted) : req.socket.remoteAddress);
  // Set once the signed API is registered; frameworkErrors (given to Fastify before that) asks it.
  let signedApi: SignedApiSurface | undefined;
  const fastify = Fastify({
    ...(isInstance ? { loggerInstance: loggerOption as never } : { logger: loggerOption as FastifyServerOptions['logger'] }),
    genReqId: nextRequestId,
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    bodyLimit: deps.config.http.bodyLimitBytes,
    // The flood's refusals are answered in front of Fastify's handler (src/http/fast-shed.ts), on
    // the server Fastify would create, with its settings.
    serverFactory: fastShedServerFactory(deps, { maintenance, nextRequestId, apiHeaders, closing: () => closing, clientIp }),
    ajv: { customOptions: { coerceTypes: false, removeAdditional: true, allErrors: false } },
    // Malformed URLs and overlong path parameters never reach a route: answer them with the envelope
    // too, and under /api/v3 with its request weight, as every /api/v3 answer is.
    frameworkErrors: (error, request, reply) => {
      const problem = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'path parameter too long' : 'malformed URL';
      const refusal = new AppError('VALIDATION_FAILED', { details: { fields: { path: problem } } });
      if (signedApi?.owns(request.url)) return signedApi.answerUnrouted(reply as never, clientIp(request.raw) ?? '', refusal);
      return sendAppError(reply as never, refusal);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const app = fastify as unknown as App;

  registerErrorEnvelope(app);
  registerStrictJsonParser(app);
  app.addSchema(ErrorBodySchema);
  documentSessionRefusals(app as unknown as FastifyInstance);

  // Cookies are parsed in the onRequest hook below, for every request but the signed API's.
  await app.register(cookie, { hook: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gatehouse API', version: '0.1.0', description: 'Login and account security. Errors: see /api/v1/errors.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          ticket: { type: 'apiKey', in: 'header', name: 'authorization', description: 'Ticket <accessToken> (from POST /api/v1/tickets/confirm)' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) || `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    reply.headers(url.startsWith('/api/v') ? apiHeaders : securityHeaders);
    reply.header('x-request-id', request.id);
    // /api/v3 authenticates with an API key and never reads a cookie: no parse, no per-request
    // container. (An encoded path that routes there anyway just gets its cookies parsed.)
    if (!url.startsWith('/api/v3/')) {
      const header = request.headers.cookie;
      request.cookies = header ? app.parseCookie(header) : {};
    }
    done();
  });
  app.addHook('onRequest', maintenanceGate(maintenance, deps.clock));
  // Query strings and path parameters get the same treatment as JSON bodies: no NUL characters.
  // Callback style: it runs on every request, and an async hook costs a promise each time.
  app.addHook('preValidation', (request, _reply, done) => {
    const bad = nulField(request.query) ?? nulField(request.params);
    done(bad === undefined ? undefined : new AppError('VALIDATION_FAILED', { details: { fields: { [bad]: 'NUL character' } } }));
  });
  app.addHook('onResponse', (request, reply, done) => {
    deps.metrics.httpRequests.inc({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
      code: String(request.catalogCode ?? 0),
    });
    done();
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  registerOpsRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerLoginRoutes(app, deps);
  registerLoginFlowRoutes(app, deps);
  registerTwoFactorRoutes(app, deps);
  registerStaffRoutes(app, deps, maintenance);
  registerStaffAccountRoutes(app, deps);
  registerWalletRoutes(app, deps);
  registerActionFlowRoutes(app, deps);
  // Its own scope: the multipart parser is registered there, so no other route accepts multipart.
  await app.register(ticketRoutes(deps));
  registerTicketStaffRoutes(app, deps);
  registerTwoFactorResetRoutes(app, deps);
  registerApiKeyRoutes(app, deps);
  signedApi = registerSignedApiRoutes(app, deps);
  await registerWebApp(app, options.webRoot);

  // Held refusals go out at once on shutdown, so that closing never waits on the tarpit.
  app.addHook('preClose', (done) => {
    closing = true;
    deps.shedHold.releaseAll();
    done();
  });

  await app.ready();
  return { app, maintenance };
}
