import type { FastifyReply, FastifyRequest } from 'fastify';
import { maintenanceError, type MaintenanceService } from './service.js';
import type { Clock } from '../platform/clock.js';

/**
 * What keeps working during maintenance: probes, docs, the catalog, staff (to turn it off), and the
 * owner's two emergency brakes from the mails, which take only their mailed token: cancelling a
 * scheduled 2FA reset (the reset itself still takes effect when due) and disabling the account.
 */
const EXEMPT_PREFIXES = [
  '/health/',
  '/metrics',
  '/api/v1/errors',
  '/api/v1/admin/',
  '/api/openapi.json',
  '/api/docs',
  '/api/v1/dev/',
  '/api/v1/auth/2fa-reset/cancel',
  '/api/v1/account/disable-link',
];

function isExempt(url: string): boolean {
  // The web app's pages and assets stay up so that they can show the maintenance notice.
  if (!url.startsWith('/api/')) return true;
  return EXEMPT_PREFIXES.some((prefix) => url.startsWith(prefix));
}

/**
 * onRequest hook: answers 1100 before anything else runs (first in the normative order). Callback
 * style with a synchronous fast path: while the cached state is fresh no promise is created.
 */
export function maintenanceGate(maintenance: MaintenanceService, clock: Clock) {
  return (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    // The matched route, not the raw URL: "/%61pi/v1/..." routes to "/api/v1/..." and must not slip through.
    const url = request.routeOptions.url ?? request.url;
    if (isExempt(url)) return done();
    const fresh = maintenance.cached();
    if (fresh) return done(fresh.enabled ? maintenanceError(fresh, clock) : undefined);
    maintenance.current().then(
      (state) => done(state.enabled ? maintenanceError(state, clock) : undefined),
      (err: Error) => done(err),
    );
  };
}
