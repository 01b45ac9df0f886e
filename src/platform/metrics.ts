import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics, one registry per app instance (tests build many apps in one process). */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status' | 'code'>;
  loginOutcomes: Counter<'code' | 'reason'>;
  flowRefusals: Counter<'flow' | 'step' | 'code' | 'reason'>;
  passwordHashSeconds: Histogram<'operation'>;
}

export function createMetrics(collectProcessMetrics = true): Metrics {
  const registry = new Registry();
  if (collectProcessMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'gatehouse_http_requests_total',
      help: 'HTTP requests by route, status and catalog code (0 for success)',
      labelNames: ['method', 'route', 'status', 'code'],
      registers: [registry],
    }),
    loginOutcomes: new Counter({
      name: 'gatehouse_login_outcomes_total',
      help: 'Password login outcomes by catalog code (0 for success) and reason',
      labelNames: ['code', 'reason'],
      registers: [registry],
    }),
    flowRefusals: new Counter({
      name: 'gatehouse_flow_refusals_total',
      help: 'Refusals by flow (user_login, staff_login, withdrawal, password_reset, api_key_creation), step, catalog code and reason',
      labelNames: ['flow', 'step', 'code', 'reason'],
      registers: [registry],
    }),
    passwordHashSeconds: new Histogram({
      name: 'gatehouse_password_hash_seconds',
      help: 'argon2id hash and verify durations',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28],
      registers: [registry],
    }),
  };
}
