/**
 * Generators for the route fuzzer (fuzz-routes.test.ts): odd strings and bytes, JSON bodies shaped
 * after a route's fields, content types, credentials, headers, path parameters and query strings.
 */
import fc from 'fast-check';
import { GOOD_PASSWORD } from '../support/harness.js';

export const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b'];
export const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...LONE_SURROGATES, 'x', '\u0000', '\u202e', '\ufeff', 'é', 'e\u0301'), maxLength: 8 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'null',
    'undefined',
    'NaN',
    '-1',
    '0',
    '1e309',
    "' or 1=1 --",
    '"; drop table accounts; --',
    '../../etc/passwd',
    '%00',
    '%',
    '{{7*7}}',
    '$' + '{7*7}',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom('a'.repeat(129), 'a'.repeat(1025), 'x'.repeat(70_000)),
);
export const emailLike = fc.oneof(
  fc.emailAddress(),
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom('@example.com', '@', '@@example.com', '@example', '')).map(([local, domain]) => local + domain),
  fc.constantFrom('fuzz-user@example.com', 'FUZZ-USER@EXAMPLE.COM ', 'fuzz-staff@example.com'),
);
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 2, arbitrary: emailLike },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      GOOD_PASSWORD,
      'correct horse battery staple 2',
      '123456',
      '000000',
      'totp',
      'email',
      true,
      false,
      null,
      0,
      -1,
      1.5,
      2 ** 53,
      [],
      {},
      ['x'],
      { $gt: '' },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
);

/** Mostly well-typed values, so that inputs get past the schema into the handlers. */
export const stringValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 3, arbitrary: emailLike },
  { weight: 2, arbitrary: fc.constantFrom(GOOD_PASSWORD, 'correct horse battery staple 2', 'password', '123456', '000000', 'fuzz-device-0001') },
);

/** Plausible values for the fields the API knows, so that generated bodies reach the services. */
export const passwordLike = fc.oneof(
  fc.constantFrom(GOOD_PASSWORD, 'correct horse battery staple 2', 'password', 'short'),
  fc.string({ minLength: 8, maxLength: 40 }),
  oddString,
);
export const FIELD_HINTS: Record<string, fc.Arbitrary<unknown>> = {
  email: emailLike,
  password: passwordLike,
  currentPassword: passwordLike,
  newPassword: passwordLike,
  code: fc.oneof(fc.stringMatching(/^[0-9]{6}$/), fc.constantFrom('000000', '123456')),
  deviceId: fc.oneof(fc.stringMatching(/^[\x21-\x7e]{8,40}$/), oddString),
  deviceName: fc.string({ minLength: 1, maxLength: 64 }),
  enabled: fc.boolean(),
  message: fc.string({ maxLength: 100 }),
  until: fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    oddString,
  ),
};

/** JSON text built pair by pair, so `__proto__` and duplicate keys really reach the wire. */
export function objectText(pairs: Array<[string, unknown]>): string {
  return `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

/** Deeply nested JSON, built only when sent (so a counterexample prints as `nested(array, 5000)`). */
export class NestedBody {
  constructor(
    readonly depth: number,
    readonly shape: 'array' | 'object',
  ) {}
  text(): string {
    return this.shape === 'array' ? '['.repeat(this.depth) + ']'.repeat(this.depth) : `${'{"a":'.repeat(this.depth)}1${'}'.repeat(this.depth)}`;
  }
  [fc.toStringMethod](): string {
    return `nested(${this.shape}, ${this.depth})`;
  }
}

export type Body = string | Buffer | NestedBody | undefined;

export function bodyArbitrary(fields: string[]): fc.Arbitrary<Body> {
  const keys = fc.oneof(
    { weight: 4, arbitrary: fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x') },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', '') },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
  const shaped = fc
    .tuple(
      fc
        .oneof({ weight: 2, arbitrary: fc.constant(fields) }, { weight: 1, arbitrary: fc.subarray(fields) })
        .chain((present) =>
          fc.tuple(
            ...present.map((field) =>
              fc.tuple(fc.constant(field), fc.oneof({ weight: 3, arbitrary: FIELD_HINTS[field] ?? stringValue }, { weight: 1, arbitrary: fieldValue })),
            ),
          ),
        ),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant([] as Array<[string, unknown]>) },
        { weight: 1, arbitrary: fc.array(fc.tuple(keys, fieldValue), { minLength: 1, maxLength: 3 }) },
      ),
    )
    .map(([base, extra]) => objectText([...(base as Array<[string, unknown]>), ...extra]));
  return fc.oneof(
    { weight: 12, arbitrary: shaped },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: shaped.map((text) => text.slice(0, Math.max(1, text.length - 2))) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 1,
      arbitrary: shaped.map((text) => Buffer.concat([Buffer.from(text.slice(0, -1)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text.slice(-1))])),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 30_000 }), fc.constantFrom('array' as const, 'object' as const))
        .map(([depth, shape]) => new NestedBody(depth, shape)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | undefined>(
        undefined,
        '',
        'null',
        '[]',
        '{"__proto__":{"polluted":1}}',
        '{"constructor":{"prototype":{"polluted":1}}}',
      ),
    },
  );
}

export const contentType = fc.option(
  fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'Application/JSON') },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'application/json; charset=utf-16',
        'application/json;;;',
        'application/vnd.api+json',
        'application/xml',
        '*/*',
        ';',
      ),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  ),
  { freq: 10 },
);

export type Credential = { kind: 'none' } | { kind: 'user' | 'staff'; via: 'bearer' | 'cookie' } | { kind: 'garbage'; header: string };
export const credential: fc.Arbitrary<Credential> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Credential>({ kind: 'none' }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('user' as const, 'staff' as const), via: fc.constantFrom('bearer' as const, 'cookie' as const) }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
        fc.string({ maxLength: 60 }),
        fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Ticket x', `Bearer ${'A'.repeat(5000)}`),
      )
      .map((header): Credential => ({ kind: 'garbage', header })),
  },
);

export const extraHeaders = fc.record(
  {
    'accept-language': fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('zh-CN', 'zh-TW,zh;q=0.1', '*;q=abc', ';q=;,,')),
    cookie: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('gh_session=x', 'gh_session=%E0%A4%A', '=;;;=', 'gh_device=../../x')),
    'x-csrf-token': fc.string({ maxLength: 40 }),
    'x-session-transport': fc.oneof(fc.constant('cookie'), fc.string({ maxLength: 10 })),
    'x-forwarded-for': fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 30 })),
    'user-agent': fc.string({ maxLength: 60 }),
  },
  { requiredKeys: [] },
);

export const pathParamValue = fc.oneof(
  { weight: 4, arbitrary: oddString.map((s) => safeEncode(s)) },
  { weight: 2, arbitrary: fc.constantFrom('0', '-1', '4010', '1003', '-1022', '99999', '01J0000000000000000000000', 'x') },
  // Raw text a client could put in a path: broken percent-escapes, dots, over-long values.
  { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%C0', '%E0%A4%A', '..', '%2e%2e', '1'.repeat(150), 'a;b', 'a,b') },
);

export const queryString = fc.option(
  fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('limit', 'cursor', 'to', 'code', '__proto__', 'constructor[prototype][x]', 'limit[]'),
        fc.string({ maxLength: 8 }).map(safeEncode),
      ),
      fc.oneof(oddString.map(safeEncode), fc.constantFrom('abc', '0', '101', '5', '-1', '%ZZ', '%00', 'fuzz-user%40example.com')),
    ),
    { minLength: 1, maxLength: 4 },
  ),
  { freq: 3 },
);

export function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // Lone surrogates cannot be percent-encoded; send the U+FFFD-free escape of each UTF-16 unit.
    return [...text].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}
