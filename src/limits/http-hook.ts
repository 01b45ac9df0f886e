import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { sendAppError } from '../http/error-envelope.js';

/**
 * onRequest hook for endpoints that take credentials or codes: the per-IP request budget and IP
 * block are enforced before the body is even read, so a blocked client costs almost nothing.
 */
export function credentialEndpoint(deps: Pick<Deps, 'limits' | 'metrics'>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const verdict = await deps.limits.admitRequest(request.ip);
    if (!verdict.ok) return sendAppError(reply, { key: 'TOO_MANY_REQUESTS', reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds });
  };
}
