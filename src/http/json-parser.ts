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

/** No API body nests deeper than this; deeper input is refused rather than walked. */
const MAX_DEPTH = 32;

/** Iterative walk (no recursion, so hostile nesting cannot overflow the stack). */
function checkStructure(root: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) return 'string with an unpaired surrogate';
      // PostgreSQL text cannot hold U+0000; no field of this API has a use for it.
      if (value.includes('\u0000')) return 'string with a NUL character';
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) return 'nested too deeply';
      for (const [key, item] of Object.entries(value)) {
        if (!key.isWellFormed() || key.includes('\u0000')) return 'invalid property name';
        stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return null;
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
      parsed = JSON.parse(text);
    } catch {
      return done(malformed('malformed JSON'), undefined);
    }
    // Depth first: the prototype-poisoning scan below walks the tree too. "\ud800" escapes decode to
    // lone surrogates, which would be stored and mailed as U+FFFD.
    const problem = checkStructure(parsed);
    if (problem) return done(malformed(problem), undefined);
    try {
      if (parsed !== null && typeof parsed === 'object')
        secureJson.scan(parsed as Record<string, unknown>, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      return done(malformed('forbidden property name'), undefined);
    }
    done(null, parsed);
  });
}
