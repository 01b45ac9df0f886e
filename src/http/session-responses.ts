/**
 * Every route behind the session guard can answer 401 (no or an expired session) and 403 (a frozen
 * account's session, 4002; a session of the other kind, 4012; a missing CSRF header, 4012). The
 * routes list only their own errors; this adds those two to each guarded route's response schema,
 * so that the OpenAPI document says what a client must handle.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { SESSION_GUARD } from './auth.js';
import { errorResponses } from './schemas.js';

function isGuarded(route: RouteOptions): boolean {
  const hooks = [route.onRequest ?? []].flat() as unknown as Array<Record<symbol, unknown>>;
  return hooks.some((hook) => hook?.[SESSION_GUARD] === true);
}

export function documentSessionRefusals(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
    if (!response || !isGuarded(route)) return;
    for (const [status, schema] of Object.entries(errorResponses(401, 403))) response[status] ??= schema;
  });
}
