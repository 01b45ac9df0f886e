import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import { maintenanceRetryAfterSeconds, type MaintenanceService } from './service.js';
import type { Clock } from '../platform/clock.js';

/** What keeps working during maintenance: probes, docs, the catalog, and staff (to turn it off). */
const EXEMPT_PREFIXES = ['/health/', '/metrics', '/api/v1/errors', '/api/v1/admin/', '/api/openapi.json', '/api/docs', '/api/v1/dev/'];

function isExempt(url: string): boolean {
  // The web app's pages and assets stay up so that they can show the maintenance notice.
  if (!url.startsWith('/api/')) return true;
  return EXEMPT_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/** onRequest hook: answers 1100 before anything else runs (first in the normative order). */
export function maintenanceGate(maintenance: MaintenanceService, clock: Clock) {
  return async (request: FastifyRequest) => {
    // The matched route, not the raw URL: "/%61pi/v1/..." routes to "/api/v1/..." and must not slip through.
    const url = request.routeOptions.url ?? request.url;
    if (isExempt(url)) return;
    const state = await maintenance.current();
    if (!state.enabled) return;
    const retryAfterSeconds = maintenanceRetryAfterSeconds(state, clock.nowMs());
    throw new AppError('SYSTEM_MAINTENANCE', {
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      details: {
        until: state.untilMs === null ? null : new Date(state.untilMs).toISOString(),
        ...(state.message ? { message: state.message } : {}),
      },
    });
  };
}
