import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../deps.js';
import type {} from '@fastify/cookie';
import { DEVICE_TOKEN_COOKIE, DEVICE_TOKEN_HEADER } from '../limits/device-token.js';

export function presentedDeviceToken(request: FastifyRequest): string | null {
  const header = request.headers[DEVICE_TOKEN_HEADER];
  if (typeof header === 'string') return header;
  return request.cookies?.[DEVICE_TOKEN_COOKIE] ?? null;
}

/** Plain-data view of the request for services (which never see Fastify). */
export function requestContext(request: FastifyRequest, device: { deviceKey?: string | null; deviceName?: string | null } = {}): RequestContext {
  const userAgent = request.headers['user-agent'];
  return {
    ip: request.ip,
    // Control characters (NUL above all) have no place in a stored device description.
    userAgent: typeof userAgent === 'string' ? userAgent.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 512) : '',
    requestId: request.id,
    deviceKey: device.deviceKey ?? null,
    deviceName: device.deviceName ?? null,
    deviceToken: presentedDeviceToken(request),
  };
}
