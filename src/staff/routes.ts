import { Type } from '@sinclair/typebox';
import type { Deps } from '../deps.js';
import type { App } from '../http/types.js';
import { AppError } from '../errors/app-error.js';
import { callerOf, requireSession } from '../http/auth.js';
import { errorResponses } from '../http/schemas.js';
import { rolesOf } from '../accounts/store.js';
import type { MaintenanceService } from '../maintenance/service.js';
import { recordStaffAction } from './audit.js';

export function requireRole(role: 'support' | 'admin') {
  return async (request: Parameters<ReturnType<typeof requireSession>>[0]) => {
    const roles = rolesOf(callerOf(request).account);
    // admins can do everything support can
    if (!roles.includes(role) && !roles.includes('admin')) throw new AppError('FORBIDDEN');
  };
}

export function registerStaffRoutes(app: App, deps: Deps, maintenance: MaintenanceService): void {
  app.get(
    '/api/v1/admin/maintenance',
    { onRequest: [requireSession(deps, 'staff'), requireRole('support')], schema: { tags: ['staff'], summary: 'Maintenance state' } },
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
        response: errorResponses(400, 401, 403),
      },
    },
    async (request) => {
      const { enabled, message, until } = request.body;
      const untilMs = until ? Date.parse(until) : null;
      if (untilMs !== null && Number.isNaN(untilMs)) throw new AppError('VALIDATION_FAILED', { details: { fields: { until: 'invalid date-time' } } });
      await maintenance.set({ enabled, message: message ?? null, untilMs: enabled ? untilMs : null });
      const actor = callerOf(request).account;
      await recordStaffAction(deps, {
        actorId: actor.id,
        actorEmail: actor.email,
        action: enabled ? 'maintenance.on' : 'maintenance.off',
        detail: { message: message ?? null, until: until ?? null },
      });
      return { enabled, message: message ?? null, until: enabled && untilMs !== null ? new Date(untilMs).toISOString() : null } as never;
    },
  );
}
