/**
 * Strict JSON bodies: the bytes must be valid UTF-8 (no silent U+FFFD substitution) and the JSON is
 * parsed with prototype-poisoning protection. Both failures answer 4010, never 500.
 */
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from '../errors/app-error.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

function malformed(problem: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: { fields: { body: problem } } });
}

function allStringsWellFormed(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed();
  if (Array.isArray(value)) return value.every(allStringsWellFormed);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).every(([key, item]) => key.isWellFormed() && allStringsWellFormed(item));
  }
  return true;
}

export function registerStrictJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length === 0) return done(null, undefined);
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return done(malformed('body is not valid UTF-8'), undefined);
    }
    let parsed: unknown;
    try {
      parsed = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      return done(malformed('malformed JSON'), undefined);
    }
    // "\ud800" escapes decode to lone surrogates, which would be stored and mailed as U+FFFD.
    if (!allStringsWellFormed(parsed)) return done(malformed('string with an unpaired surrogate'), undefined);
    done(null, parsed);
  });
}
