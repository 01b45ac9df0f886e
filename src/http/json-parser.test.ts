import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from './json-parser.js';

describe('findDuplicateKey', () => {
  it('finds a name given twice in one object, at any depth, in arrays too', () => {
    expect(findDuplicateKey('{"email":"a@x.io","email":"b@x.io","password":"x"}')).toBe('email');
    expect(findDuplicateKey('{"a":{"b":{"c":1,"c":2}}}')).toBe('c');
    expect(findDuplicateKey('[{"a":1},{"b":1,"b":2}]')).toBe('b');
    expect(findDuplicateKey('{"x":[[{"k":1,"j":[],"k":{}}]]}')).toBe('k');
    expect(findDuplicateKey('{ "a" : 1 ,\n\t"a" : 2 }')).toBe('a');
  });

  it('compares names after unescaping, as JSON.parse does', () => {
    expect(findDuplicateKey('{"email":1,"\\u0065mail":2}')).toBe('email');
    expect(findDuplicateKey('{"a\\"b":1,"a\\u0022b":2}')).toBe('a"b');
    expect(findDuplicateKey('{"\\\\":1,"\\u005c":2}')).toBe('\\');
  });

  it('leaves alone the same name in different objects, and names inside strings', () => {
    expect(findDuplicateKey('{"a":{"k":1},"b":{"k":2},"k":3}')).toBeNull();
    expect(findDuplicateKey('[{"a":1},{"a":1}]')).toBeNull();
    expect(findDuplicateKey('{"a":"{\\"a\\":1,\\"a\\":2}","b":"\\\\","c":"\\\\\\"a\\":"}')).toBeNull();
    expect(findDuplicateKey('{"a":"x","b":"a"}')).toBeNull();
    expect(findDuplicateKey('{"a":[1,2,{"a":2}],"b":{"a":{"a":{}}}}')).toBeNull();
    expect(findDuplicateKey('{}')).toBeNull();
    expect(findDuplicateKey('"just a string"')).toBeNull();
    expect(findDuplicateKey('[1,"a",{"b":[]}]')).toBeNull();
  });

  it('finds no duplicate in what JSON.stringify writes, and finds the one spliced into any object', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(findDuplicateKey(JSON.stringify(value))).toBeNull();
      }),
      { numRuns: 500 },
    );
    const member = fc.tuple(fc.string(), fc.jsonValue());
    fc.assert(
      fc.property(member, fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), fc.nat(2), ([name, value], others, around, place) => {
        const rest = JSON.stringify(others).slice(1, -1);
        const object = `{${JSON.stringify(name)}:${JSON.stringify(value)}${rest ? `,${rest}` : ''},${JSON.stringify(name)}:null}`;
        const text = [object, `[${JSON.stringify(around)},${object}]`, `{"before":${JSON.stringify(around)},"in":{"deeper":${object}}}`][place]!;
        expect(findDuplicateKey(text)).toBe(name);
      }),
      { numRuns: 500 },
    );
  });
});
