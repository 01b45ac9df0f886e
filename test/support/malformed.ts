/** Helpers of the malformed-input suites: raw requests, envelope checks, and what must not change. */
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { GOOD_PASSWORD, get, json, type Harness } from './harness.js';
import { entryByCode } from '../../src/errors/lookup.js';

export const JSON_HEADERS = { 'content-type': 'application/json' };
export const ENVELOPE_KEYS = new Set(['code', 'msg', 'reason', 'retryAfter', 'details', 'help', 'requestId']);

/** Things that must never reach a client: stack frames, source paths, SQL and driver errors. */
export const INTERNALS = [
  /\bat\s+\S+\s+\(?[^)\s]*:\d+:\d+\)?/, // stack frame
  /node_modules|\/src\/|\/work\/|\.ts:\d+|\.js:\d+/,
  /\b(TypeError|SyntaxError|RangeError|ReferenceError)\b/,
  /JSON at position|Unexpected token|is not valid JSON/,
  /FST_[A-Z_]+|ERR_[A-Z_]{3,}/,
  /SQLITE_|better-sqlite3|\bsqlite\b|postgres|\bpg\b|kysely/i,
  /\b(select|insert|update|delete)\b[\s\S]{0,80}\b(from|into|set|where)\b/i,
  /syntax error at or near|relation "|violates .* constraint|duplicate key/i,
];

export function expectNoInternals(response: LightMyRequestResponse): void {
  for (const pattern of INTERNALS) expect(response.body, `body matches ${pattern}`).not.toMatch(pattern);
}

/** Asserts the exact status and catalog code, and that the body is the full envelope. */
export function expectEnvelope(response: LightMyRequestResponse, status: number, code: number): any {
  const requestId = response.headers['x-request-id'];
  expect(response.statusCode, `status for body ${response.body.slice(0, 300)}`).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  const body = json(response);
  expect(body.code).toBe(code);
  const entry = entryByCode(code);
  expect(entry, `code ${code} is in the catalog`).toBeDefined();
  expect(entry!.httpStatus).toBe(status);
  expect(typeof body.msg).toBe('string');
  expect(body.msg.length).toBeGreaterThan(0);
  expect(body.details).toBeTypeOf('object');
  expect(body.details).not.toBeNull();
  expect(Array.isArray(body.details)).toBe(false);
  expect(body.help).toBe(`/help/errors/${code}`);
  expect(typeof requestId).toBe('string');
  expect((requestId as string).length).toBeGreaterThan(0);
  expect(body.requestId).toBe(requestId);
  for (const key of Object.keys(body)) expect(ENVELOPE_KEYS.has(key), `unexpected envelope key ${key}`).toBe(true);
  expectNoInternals(response);
  return body;
}

/** 4010 whose `details.fields` names `field` (or one of `field`). */
export function expectValidation(response: LightMyRequestResponse, field: string | string[]): any {
  const body = expectEnvelope(response, 400, 4010);
  expect(body.details.fields).toBeTypeOf('object');
  const names = Object.keys(body.details.fields as object);
  const wanted = Array.isArray(field) ? field : [field];
  expect(
    names.some((n) => wanted.includes(n)),
    `details.fields ${JSON.stringify(body.details.fields)} names one of ${wanted.join(', ')}`,
  ).toBe(true);
  for (const problem of Object.values(body.details.fields as Record<string, unknown>)) expect(typeof problem).toBe('string');
  return body;
}

export function raw(
  h: Harness,
  url: string,
  payload: string | Buffer,
  headers: Record<string, string> = JSON_HEADERS,
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' = 'POST',
) {
  return h.app.inject({ method, url, payload, headers });
}

export async function outboxFor(h: Harness, to: string): Promise<Array<{ subject: string; text: string }>> {
  const response = await get(h, `/api/v1/dev/outbox?to=${encodeURIComponent(to)}`);
  expect(response.statusCode).toBe(200);
  return json(response);
}

export async function accountCount(h: Harness): Promise<number> {
  const row = await h.deps.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Endpoint {
  name: string;
  url: string;
  /** A well-formed body; the tests break one thing at a time. */
  valid: (email: string) => Record<string, string>;
  /** Whether it needs `Authorization: Bearer` (the token is put in `headers`). */
  authenticated: boolean;
}

export const ENDPOINTS: Endpoint[] = [
  { name: 'register', url: '/api/v1/auth/register', authenticated: false, valid: (email) => ({ email, password: GOOD_PASSWORD }) },
  { name: 'register/verify', url: '/api/v1/auth/register/verify', authenticated: false, valid: (email) => ({ email, code: '123456' }) },
  { name: 'login', url: '/api/v1/auth/login', authenticated: false, valid: (email) => ({ email, password: GOOD_PASSWORD }) },
  { name: 'admin/login', url: '/api/v1/admin/login', authenticated: false, valid: (email) => ({ email, password: GOOD_PASSWORD }) },
  {
    name: 'account/password',
    url: '/api/v1/account/password',
    authenticated: true,
    valid: () => ({ currentPassword: GOOD_PASSWORD, newPassword: 'a much better passphrase 42' }),
  },
];

export const WRONG_TYPES: Array<[string, unknown]> = [
  ['number', 123],
  ['float', 1.5],
  ['array', ['x']],
  ['object', { value: 'x' }],
  ['null', null],
  ['boolean', true],
];
