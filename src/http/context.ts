import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../deps.js';

/** Plain-data view of the request for services (which never see Fastify). */
export function requestContext(request: FastifyRequest, device: { deviceKey?: string | null; deviceName?: string | null } = {}): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 512) : '',
    requestId: request.id,
    deviceKey: device.deviceKey ?? null,
    deviceName: device.deviceName ?? null,
  };
}
