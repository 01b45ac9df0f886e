import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { callerOf, requireSession } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { rolesOf } from '../accounts/store.js';
import type { MaintenanceService } from '../maintenance/service.js';
import { withAudit, type AuditActor } from './audit.js';

type StaffRequest = Parameters<ReturnType<typeof requireSession>>[0];

export function requireRole(role: 'support' | 'admin') {
  return async (request: StaffRequest) => {
    const roles = rolesOf(callerOf(request).account);
    // admins can do everything support can
    if (!roles.includes(role) && !roles.includes('admin')) throw new AppError('FORBIDDEN');
  };
}

/** The signed-in staff member as the audit log records them: id, email and client IP. */
export function staffActor(request: StaffRequest): AuditActor {
  const { account } = callerOf(request);
  return { id: account.id, email: account.email, ip: request.ip };
}

export function hasRole(request: StaffRequest, role: 'support' | 'admin'): boolean {
  const roles = rolesOf(callerOf(request).account);
  return roles.includes(role) || roles.includes('admin');
}

const MaintenanceStateSchema = Type.Object({
  enabled: Type.Boolean(),
  message: Type.Union([Type.String(), Type.Null()]),
  until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function registerStaffRoutes(app: App, deps: Deps, maintenance: MaintenanceService): void {
  app.get(
    '/api/v1/admin/maintenance',
    {
      onRequest: [requireSession(deps, 'staff'), requireRole('support')],
      schema: {
        tags: ['staff'],
        summary: 'Maintenance state',
        security: [{ bearer: [] }],
        response: { 200: MaintenanceStateSchema, ...errorResponses(401, 403) },
      },
    },
    async () => {
      const state = await maintenance.current();
      return { enabled: state.enabled, message: state.message, until: state.untilMs === null ? null : new Date(state.untilMs).toISOString() };
    },
  );

  app.post(
    '/api/v1/admin/maintenance',
    {
      onRequest: [requireSession(deps, 'staff'), requireRole('admin')],
      schema: {
        tags: ['staff'],
        summary: 'Turn maintenance mode on or off (admin)',
        security: [{ bearer: [] }],
        body: Type.Object({
          enabled: Type.Boolean(),
          message: Type.Optional(Type.String({ maxLength: 500 })),
          until: Type.Optional(Type.String({ format: 'date-time' })),
        }),
        response: { 200: MaintenanceStateSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { enabled, message, until } = request.body;
      const untilMs = until ? Date.parse(until) : null;
      if (untilMs !== null && Number.isNaN(untilMs)) throw new AppError('VALIDATION_FAILED', { details: { fields: { until: 'invalid date-time' } } });
      const next = { enabled, message: message ?? null, untilMs: enabled ? untilMs : null };
      const before = await maintenance.current();
      await withAudit(deps, staffActor(request), enabled ? 'maintenance.on' : 'maintenance.off', async (trx, record) => {
        await maintenance.set(next, trx);
        record.before = before;
        record.after = next;
        record.detail = { message: message ?? null, until: until ?? null };
      });
      return { enabled, message: message ?? null, until: enabled && untilMs !== null ? new Date(untilMs).toISOString() : null };
    },
  );
}
