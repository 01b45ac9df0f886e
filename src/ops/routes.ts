/** Operations: health, metrics, the error catalog and (GATEHOUSE_DEV=1 only) the dev mailbox. */
import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { allEntries, entryByCode, negotiateLocale, publicEntry } from '../errors/lookup.js';
import { errorResponses } from '../http/schemas.js';
import { listOutboxFor } from '../platform/mail/outbox.js';
import { normalizeEmail } from '../accounts/email.js';
import { safeEqual, sha256Hex } from '../platform/crypto.js';

/**
 * The optional bearer token of /metrics (config `metricsToken`). The metrics tell request rates,
 * outcomes and refusals: useful to someone probing the limits. Compared as SHA-256 digests in
 * constant time, so neither the token's characters nor its length show in the answer time.
 */
function metricsAuthorization(token: string | null): (header: string | undefined) => boolean {
  if (token === null) return () => true;
  const expected = sha256Hex(token);
  return (header) => {
    const presented = (header && /^Bearer\s+(\S+)$/i.exec(header)?.[1]) || '';
    return safeEqual(sha256Hex(presented), expected);
  };
}

export function registerOpsRoutes(app: App, deps: Deps): void {
  app.get('/health/live', { schema: { tags: ['ops'], summary: 'The process is up' } }, async () => ({ status: 'ok' }));

  app.get('/health/ready', { schema: { tags: ['ops'], summary: 'Database (and Redis, when configured) reachable' } }, async (_request, reply) => {
    const checks: Record<string, 'ok' | 'down'> = {};
    await Promise.all(
      Object.entries(deps.readiness).map(async ([name, check]) => {
        try {
          await check();
          checks[name] = 'ok';
        } catch {
          checks[name] = 'down';
        }
      }),
    );
    const ready = Object.values(checks).every((c) => c === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ok' : 'down', checks });
  });

  const metricsAuthorized = metricsAuthorization(deps.config.metricsToken);
  app.get('/metrics', { schema: { tags: ['ops'], summary: 'Prometheus metrics', hide: true } }, async (request, reply) => {
    if (!metricsAuthorized(request.headers.authorization)) throw new AppError('UNAUTHENTICATED');
    reply.type(deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });

  app.get('/api/v1/errors', { schema: { tags: ['errors'], summary: 'Every error code, localized by Accept-Language' } }, async (request) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    return allEntries().map((entry) => publicEntry(entry, locale));
  });

  app.get(
    '/api/v1/errors/:code',
    {
      schema: {
        tags: ['errors'],
        summary: 'One error code: meaning, solution, steps, FAQ',
        params: Type.Object({ code: Type.String({ pattern: '^-?[0-9]{1,5}$' }) }),
        response: errorResponses(400, 404),
      },
    },
    async (request) => {
      const entry = entryByCode(Number(request.params.code));
      if (!entry) throw new AppError('NOT_FOUND');
      return publicEntry(entry, negotiateLocale(request.headers['accept-language'])) as never;
    },
  );

  if (deps.config.dev) {
    app.get(
      '/api/v1/dev/outbox',
      {
        schema: {
          tags: ['dev'],
          summary: 'Dev mailbox (GATEHOUSE_DEV=1 only): mail and SMS sent to an address, newest first',
          querystring: Type.Object({ to: Type.String({ minLength: 1, maxLength: 320 }) }),
        },
      },
      async (request) => {
        const to = request.query.to.includes('@') ? normalizeEmail(request.query.to) : request.query.to.trim();
        return listOutboxFor(deps.db, to);
      },
    );
  }
}
