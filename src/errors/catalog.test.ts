import { describe, it, expect } from 'vitest';
import { CATALOG, type CatalogKey } from './catalog.js';
import { LOCALES, type CatalogEntry, type Localized } from './catalog-types.js';
import { allEntries, entryByCode, entryByKey, helpPathFor, messageFor, negotiateLocale, publicEntry } from './lookup.js';

const entries: [string, CatalogEntry][] = Object.entries(CATALOG);
const CJK = /[\u4e00-\u9fff]/;
const HTTP_STATUSES = new Set([400, 401, 403, 404, 413, 418, 429, 500, 503]);

const APP_CODES = [1000, 1003, 1100, 4000, 4001, 4002, 4003, ...Array.from({ length: 11 }, (_, i) => 4010 + i)];
const SIGNED_API_CODES = [-1000, -1003, -1013, -1021, -1022, -1102, -1111, -1121, -2010, -2011, -2013, -2014, -2015];

/** Every localized string of an entry, labelled for failure messages. */
function localizedFields(entry: CatalogEntry): [string, Localized][] {
  return [
    ['msg', entry.msg],
    ['title', entry.title],
    ['meaning', entry.meaning],
    ['solution', entry.solution],
    ...entry.steps.map((s, i): [string, Localized] => [`steps[${i}]`, s]),
    ...entry.faq.flatMap(({ q, a }, i): [string, Localized][] => [
      [`faq[${i}].q`, q],
      [`faq[${i}].a`, a],
    ]),
    ...Object.entries(entry.reasons).map(([r, m]): [string, Localized] => [`reasons.${r}`, m]),
  ];
}

describe('error catalog data', () => {
  it('has exactly the contract codes', () => {
    const codes = entries.map(([, e]) => e.code).sort((a, b) => a - b);
    expect(codes).toEqual([...APP_CODES, ...SIGNED_API_CODES].sort((a, b) => a - b));
  });

  it('has unique codes and names, and each name equals its key', () => {
    const codes = entries.map(([, e]) => e.code);
    const names = entries.map(([, e]) => e.name);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(names).size).toBe(names.length);
    for (const [key, entry] of entries) expect(entry.name, key).toBe(key);
  });

  it('uses valid HTTP statuses and the right surface', () => {
    for (const [key, entry] of entries) {
      expect(HTTP_STATUSES.has(entry.httpStatus), `${key} ${entry.httpStatus}`).toBe(true);
      expect(entry.surface, key).toBe(entry.code > 0 ? 'app' : 'signed-api');
      expect(entry.name, key).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
    expect(CATALOG.REJECTED_MBX_KEY.httpStatus).toBe(401);
    expect(CATALOG.TOO_MANY_REQUESTS.httpStatus).toBe(429);
  });

  it('fills every localized field in every locale, with CJK text in zh-CN', () => {
    for (const [key, entry] of entries) {
      for (const [field, text] of localizedFields(entry)) {
        for (const locale of LOCALES) {
          expect(text[locale]?.trim(), `${key}.${field}.${locale}`).toBeTruthy();
        }
        expect(text['zh-CN'], `${key}.${field} zh-CN`).toMatch(CJK);
        expect(text.en, `${key}.${field} en`).not.toMatch(CJK);
      }
    }
  });

  it('gives app entries 3-5 steps and 2-3 FAQ items, signed-API entries 1-3 steps and a FAQ', () => {
    for (const [key, entry] of entries) {
      if (entry.surface === 'app') {
        expect(entry.steps.length, key).toBeGreaterThanOrEqual(3);
        expect(entry.steps.length, key).toBeLessThanOrEqual(5);
        expect(entry.faq.length, key).toBeGreaterThanOrEqual(2);
        expect(entry.faq.length, key).toBeLessThanOrEqual(3);
      } else {
        expect(entry.steps.length, key).toBeGreaterThanOrEqual(1);
        expect(entry.steps.length, key).toBeLessThanOrEqual(3);
        expect(entry.faq.length, key).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('lists every reason of the contract, in snake_case', () => {
    const reasons = (key: CatalogKey) => Object.keys(CATALOG[key].reasons).sort();
    expect(reasons('TOO_MANY_REQUESTS')).toEqual([
      'account_2fa_rate_limit',
      'account_ip_rate_limit',
      'account_rate_limit',
      'ip_rate_limit',
      'overloaded',
      'send_cooldown',
    ]);
    expect(reasons('INVALID_CREDENTIALS')).toEqual(['old_password']);
    expect(reasons('REGION_RESTRICTED')).toEqual(['function_restricted', 'region_blocked', 'region_hopping']);
    expect(reasons('ACCOUNT_FROZEN')).toEqual(['risk', 'self', 'staff']);
    expect(reasons('TWO_FACTOR_FAILED')).toEqual(['backup_codes_exhausted', 'challenge_expired', 'clock_skew', 'code_reused', 'invalid_code']);
    expect(reasons('WEAK_PASSWORD')).toEqual(['common', 'same_as_old', 'too_long', 'too_short']);
    for (const [key, entry] of entries) {
      for (const reason of Object.keys(entry.reasons)) expect(reason, key).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it("keeps Binance's messages on the signed API", () => {
    expect(CATALOG.BAD_SYMBOL.msg.en).toBe('Invalid symbol.');
    expect(CATALOG.INVALID_SIGNATURE.msg.en).toBe('Signature for this request is not valid.');
    expect(CATALOG.NEW_ORDER_REJECTED.msg.en).toBe('Account has insufficient balance for requested action.');
    expect(messageFor('INVALID_MESSAGE', 'en', 'lot_size')).toBe('Filter failure: LOT_SIZE');
    expect(messageFor('BAD_PRECISION', 'en', 'quantity')).toBe("Parameter 'quantity' has too much precision.");
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-TW', 'en'],
    ['zh-Hant', 'en'],
    ['zh-Hant-CN', 'en'],
    ['fr-FR', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5, zh-CN;q=0.9', 'zh-CN'],
    ['zh-CN;q=0.5, en;q=0.9', 'en'],
    ['fr, zh;q=0.8', 'zh-CN'],
    ['zh-TW, zh-CN;q=0.5', 'zh-CN'],
    ['zh-CN;q=0, en', 'en'],
    ['zh;q=0', 'en'],
    ['zh;q=abc', 'en'],
    ['*', 'en'],
    [';;,,', 'en'],
  ] as const)('%j -> %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('lookups', () => {
  it('finds entries by code and key', () => {
    expect(entryByCode(1003)?.name).toBe('TOO_MANY_REQUESTS');
    expect(entryByCode(-1003)?.name).toBe('SAPI_TOO_MANY_REQUESTS');
    expect(entryByCode(-1021)?.name).toBe('INVALID_TIMESTAMP');
    expect(entryByCode(9999)).toBeUndefined();
    expect(entryByKey('ACCOUNT_FROZEN').code).toBe(4002);
  });

  it('gives the reason message when the reason exists, else the entry message', () => {
    expect(messageFor('TOO_MANY_REQUESTS', 'en', 'ip_rate_limit')).toBe('Too many login attempts from this network. Try again later.');
    expect(messageFor('TOO_MANY_REQUESTS', 'zh-CN', 'send_cooldown')).toBe(CATALOG.TOO_MANY_REQUESTS.reasons.send_cooldown['zh-CN']);
    expect(messageFor('TOO_MANY_REQUESTS', 'en', 'no_such_reason')).toBe(CATALOG.TOO_MANY_REQUESTS.msg.en);
    expect(messageFor('TOO_MANY_REQUESTS', 'en', 'toString')).toBe(CATALOG.TOO_MANY_REQUESTS.msg.en);
    expect(messageFor('INTERNAL_ERROR', 'zh-CN')).toBe(CATALOG.INTERNAL_ERROR.msg['zh-CN']);
  });

  it('builds help paths', () => {
    expect(helpPathFor(1003)).toBe('/help/errors/1003');
    expect(helpPathFor(-1021)).toBe('/help/errors/-1021');
  });

  it('localizes the public entry shape', () => {
    const entry = publicEntry(entryByKey('TWO_FACTOR_FAILED'), 'zh-CN');
    expect(Object.keys(entry).sort()).toEqual(['code', 'faq', 'httpStatus', 'meaning', 'name', 'reasons', 'solution', 'steps', 'title'].sort());
    expect(entry).toMatchObject({ code: 4003, name: 'TWO_FACTOR_FAILED', httpStatus: 401 });
    expect(entry.title).toBe(CATALOG.TWO_FACTOR_FAILED.title['zh-CN']);
    expect(entry.steps).toHaveLength(CATALOG.TWO_FACTOR_FAILED.steps.length);
    expect(entry.faq[0]).toEqual({
      q: CATALOG.TWO_FACTOR_FAILED.faq[0]?.q['zh-CN'],
      a: CATALOG.TWO_FACTOR_FAILED.faq[0]?.a['zh-CN'],
    });
    expect(entry.reasons).toContainEqual({
      reason: 'clock_skew',
      msg: CATALOG.TWO_FACTOR_FAILED.reasons.clock_skew['zh-CN'],
    });
  });

  it('lists app codes ascending, then signed-API codes', () => {
    expect(allEntries().map((e) => e.code)).toEqual([...APP_CODES, ...SIGNED_API_CODES]);
    expect(allEntries()).toHaveLength(entries.length);
  });
});
