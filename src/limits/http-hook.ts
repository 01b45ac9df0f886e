import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { sendAppError } from '../http/error-envelope.js';
import { presentedDeviceToken } from '../http/context.js';
import { readDeviceToken } from './device-token.js';

/**
 * onRequest hook for endpoints that take credentials or codes: the per-IP request budget and IP
 * block are enforced before the body is even read, so a blocked client costs almost nothing. The
 * refusal is not tarpitted, but waits while a priority password check runs (reply-hold.ts).
 */
export function credentialEndpoint(deps: Pick<Deps, 'limits' | 'shedHold'>) {
  return (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    deps.limits
      .admitRequest(request.ip)
      .then((verdict) => {
        if (verdict.ok) return done();
        // The body is never read: drain it instead of buffering it while the answer waits.
        request.raw.resume();
        deps.shedHold.yieldOrSend(
          () => sendAppError(reply, { key: 'TOO_MANY_REQUESTS', reason: verdict.reason, retryAfterSeconds: verdict.retryAfterSeconds }),
          request.raw.socket,
        );
      }, done)
      // Nothing is left to answer with: end the connection rather than the process.
      .catch(() => reply.raw.destroy());
  };
}

/**
 * Whether a password login is refused before its body is read: the normal hashing line is full and
 * it carries no validly signed device token. The one rule for both places that shed early.
 */
export function shedsEarly(deps: Pick<Deps, 'hashGate' | 'keys'>, deviceToken: string | null | undefined): boolean {
  return deps.hashGate.normalSaturated && !readDeviceToken(deps.keys.device, deviceToken ?? undefined);
}

/**
 * onRequest hook for password logins: while the normal hashing line is full, a login without a
 * validly signed device token would be shed after reading its body and looking up its account;
 * shed it now instead, for the price of a header check. Known devices carry the token and go on.
 */
export function shedWhenSaturated(deps: Pick<Deps, 'hashGate' | 'keys' | 'config' | 'shedHold'>) {
  const retryAfterSeconds = deps.config.admission.overloadRetryAfterSeconds;
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!shedsEarly(deps, presentedDeviceToken(request))) return done();
    // Most such requests never get here: src/http/fast-shed.ts answers them before Fastify does.
    // The body is never read: drain it instead of buffering it while the answer is held.
    request.raw.resume();
    deps.shedHold.hold(() => sendAppError(reply, { key: 'TOO_MANY_REQUESTS', reason: 'overloaded', retryAfterSeconds }), request.raw.socket);
  };
}
