/**
 * Strict JSON bodies: the bytes must be valid UTF-8 (no silent U+FFFD substitution), no object may
 * name a property twice, and the JSON is parsed with prototype-poisoning protection. Every failure
 * answers 4010, never 500.
 *
 * Why duplicates: JSON.parse keeps the last of two equal names, while another parser on the way
 * (a proxy, a WAF, a client library that logs or signs the body) may keep the first; a field that
 * one layer checked could then be a different value where it is used. One meaning or none.
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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Whether the quote at `at` is escaped: an odd run of backslashes right before it. */
function isEscaped(text: string, at: number): boolean {
  let i = at - 1;
  while (text.charCodeAt(i) === BACKSLASH) i--;
  return (at - 1 - i) % 2 === 1;
}

/** Objects with up to this many names are searched directly; larger ones get a Set. */
const SMALL_OBJECT = 16;

/**
 * The first property name that appears twice in one object of `text`, which must be valid JSON
 * (JSON.parse accepted it), or null. One pass: strings are skipped with indexOf, each run of
 * backslashes is looked at once, and only names are kept, so the cost grows with the length of the
 * text and no more (a small object's names are compared directly, at most SMALL_OBJECT of them; a
 * larger object's go into a Set). Names with escapes are compared unescaped, as JSON.parse sees them.
 */
export function findDuplicateKey(text: string): string | null {
  if (text.indexOf('{') === -1) return null;
  // The names of every open object, innermost last; per open object or array, where its names
  // start in `names` (-1: an array) and, once it is large, their Set.
  const names: string[] = [];
  const starts: number[] = [];
  const sets: Array<Set<string> | undefined> = [];
  let expectingName = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let end = text.indexOf('"', i + 1);
      while (isEscaped(text, end)) end = text.indexOf('"', end + 1);
      if (expectingName) {
        const raw = text.slice(i + 1, end);
        const name = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        const depth = starts.length - 1;
        const start = starts[depth]!;
        const set = sets[depth];
        if (set) {
          if (set.has(name)) return name;
          set.add(name);
        } else {
          for (let n = start; n < names.length; n++) if (names[n] === name) return name;
          if (names.length - start >= SMALL_OBJECT) sets[depth] = new Set(names.slice(start)).add(name);
        }
        names.push(name);
        expectingName = false;
      }
      i = end;
    } else if (c === OPEN_BRACE) {
      starts.push(names.length);
      sets.push(undefined);
      expectingName = true;
    } else if (c === OPEN_BRACKET) {
      starts.push(-1);
      sets.push(undefined);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      const start = starts.pop()!;
      sets.pop();
      if (start >= 0) names.length = start;
      expectingName = false;
    } else if (c === COMMA) {
      expectingName = starts[starts.length - 1]! >= 0;
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
    if (parsed !== null && typeof parsed === 'object' && findDuplicateKey(text) !== null) {
      return done(malformed('duplicate property name'), undefined);
    }
    try {
      if (parsed !== null && typeof parsed === 'object')
        secureJson.scan(parsed as Record<string, unknown>, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      return done(malformed('forbidden property name'), undefined);
    }
    done(null, parsed);
  });
}
