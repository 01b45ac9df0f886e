/**
 * The one place errors become HTTP responses: an HTTP status plus the catalog envelope. AppErrors map through the catalog;
 * Fastify's own failures (validation, bad JSON, body too large, unknown route) map to 4010/4020/4013;
 * anything else is 1000 with no internals in the body, and the full error only in the log.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { CatalogKey } from '../errors/catalog.js';
import { entryByKey, helpPathFor, messageFor, negotiateLocale } from '../errors/lookup.js';
import { discardUnreadBody } from './unread-body.js';

export interface ErrorBody {
  code: number;
  msg: string;
  reason?: string;
  retryAfter?: number;
  details: Record<string, unknown>;
  help: string;
  requestId: string;
}

/** What an envelope is made of: an AppError, or the same fields without one (the cheap 1003 path). */
export interface EnvelopeSource {
  key: CatalogKey;
  reason?: string | undefined;
  retryAfterSeconds?: number | undefined;
  details?: Record<string, unknown> | undefined;
  msgOverride?: string | undefined;
}

/** What an envelope needs to know about its request (a FastifyRequest has both). */
export interface EnvelopeRequest {
  id: string;
  headers: { 'accept-language'?: string | undefined };
}

export function envelopeFor(error: EnvelopeSource, request: EnvelopeRequest): { status: number; body: ErrorBody } {
  const entry = entryByKey(error.key);
  const locale = negotiateLocale(request.headers['accept-language']);
  const body: ErrorBody = {
    code: entry.code,
    msg: error.msgOverride ?? messageFor(error.key, locale, error.reason),
    ...(error.reason ? { reason: error.reason } : {}),
    ...(error.retryAfterSeconds !== undefined ? { retryAfter: error.retryAfterSeconds } : {}),
    details: error.details ?? {},
    help: helpPathFor(entry.code),
    requestId: request.id,
  };
  return { status: entry.httpStatus, body };
}

/**
 * Sends the envelope. Hot refusals (1003 in an onRequest hook) call this with a plain object rather
 * than throwing: an Error captures a stack trace, which a shed request should not pay for.
 */
export function sendAppError(reply: FastifyReply, error: EnvelopeSource): FastifyReply {
  const { status, body } = envelopeFor(error, reply.request);
  reply.request.catalogCode = body.code;
  // Answered before the body was all read (413, a refusal before parsing): the connection stays
  // open while the rest is read and dropped, within a bound, so that a client still uploading gets
  // this answer rather than a reset (src/http/unread-body.ts). Fastify asks to close it after a
  // body error; the HTTP parser still knows where this request ends, so keeping it is safe.
  if (discardUnreadBody(reply.request.raw)) reply.removeHeader('connection');
  return reply.code(status).headers(envelopeHeaders(body)).send(body);
}

/** The headers every error envelope goes out with, besides its retry-after and x-request-id. */
export const ENVELOPE_FIXED_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-type': 'application/json; charset=utf-8',
});

/** The headers every error envelope goes out with (also on the refusal sent before Fastify). */
export function envelopeHeaders(body: ErrorBody): Record<string, string> {
  return {
    ...(body.retryAfter !== undefined ? { 'retry-after': String(body.retryAfter) } : {}),
    ...ENVELOPE_FIXED_HEADERS,
    'x-request-id': body.requestId,
  };
}

/** Turns AJV's validation errors into `{field: problem}`. */
function validationFields(error: FastifyError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const item of error.validation ?? []) {
    const params = item.params as Record<string, unknown>;
    const fromPath = item.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
    const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
    const name = [fromPath, missing ?? extra].filter(Boolean).join('.') || (error.validationContext ?? 'body');
    fields[name] = extra ? 'unknown field' : (item.message ?? 'invalid');
  }
  if (Object.keys(fields).length === 0) fields[error.validationContext ?? 'body'] = 'invalid';
  return fields;
}

/** Maps a thrown error to the AppError a client should see. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const e = error as FastifyError;
  if (e.validation) return new AppError('VALIDATION_FAILED', { details: { fields: validationFields(e) } });
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('VALIDATION_FAILED', { details: { fields: { body: 'unsupported content type' } } });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION_FAILED', { details: { fields: { body: 'empty JSON body' } } });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('VALIDATION_FAILED', { details: { fields: { body: 'malformed body' } } });
  }
  if (e instanceof SyntaxError || e.statusCode === 400) {
    return new AppError('VALIDATION_FAILED', { details: { fields: { body: 'malformed body' } } });
  }
  if (e.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (e.statusCode === 404) return new AppError('NOT_FOUND');
  return null;
}

export function registerErrorEnvelope(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toAppError(error);
    if (mapped) return sendAppError(reply, mapped);
    request.log.error({ err: error }, 'unhandled error');
    return sendAppError(reply, new AppError('INTERNAL_ERROR'));
  });
  app.setNotFoundHandler((_request, reply) => sendAppError(reply, new AppError('NOT_FOUND')));
}
