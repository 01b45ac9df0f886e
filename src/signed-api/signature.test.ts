import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readRequestParams } from './params.js';
import { checkTimestamp, hmacSha256Hex, verifyEd25519Signature, verifyHmacSignature } from './signature.js';

// Binance's published test vectors (Spot API docs, "SIGNED endpoint examples").
const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const QUERY_ONLY = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
const QUERY_ONLY_SIGNATURE = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71';
const MIXED_QUERY = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC';
const MIXED_BODY = 'quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
const MIXED_SIGNATURE = '0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77';

describe('HMAC-SHA256 signatures', () => {
  it("reproduces Binance's first test vector (all parameters in the query string)", () => {
    expect(hmacSha256Hex(SECRET, QUERY_ONLY)).toBe(QUERY_ONLY_SIGNATURE);
    const params = readRequestParams(`${QUERY_ONLY}&signature=${QUERY_ONLY_SIGNATURE}`, '');
    expect(params.payload).toBe(QUERY_ONLY);
    expect(verifyHmacSignature(Buffer.from(SECRET), params.payload, params.signature!)).toBe(true);
  });

  it("reproduces Binance's second test vector (query string plus body, concatenated without a separator)", () => {
    const params = readRequestParams(MIXED_QUERY, `${MIXED_BODY}&signature=${MIXED_SIGNATURE}`);
    expect(params.payload).toBe('symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559');
    expect(hmacSha256Hex(SECRET, params.payload)).toBe(MIXED_SIGNATURE);
    expect(verifyHmacSignature(Buffer.from(SECRET), params.payload, params.signature!)).toBe(true);
  });

  it('accepts the hex in upper case, and refuses a tampered payload, a wrong secret or a truncated signature', () => {
    expect(verifyHmacSignature(Buffer.from(SECRET), QUERY_ONLY, QUERY_ONLY_SIGNATURE.toUpperCase())).toBe(true);
    expect(verifyHmacSignature(Buffer.from(SECRET), QUERY_ONLY.replace('quantity=1', 'quantity=2'), QUERY_ONLY_SIGNATURE)).toBe(false);
    expect(verifyHmacSignature(Buffer.from(`${SECRET}x`), QUERY_ONLY, QUERY_ONLY_SIGNATURE)).toBe(false);
    expect(verifyHmacSignature(Buffer.from(SECRET), QUERY_ONLY, QUERY_ONLY_SIGNATURE.slice(0, 63))).toBe(false);
  });
});

describe('Ed25519 signatures', () => {
  it('verify a base64 signature over the same payload and refuse another payload', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const signature = sign(null, Buffer.from(QUERY_ONLY), privateKey).toString('base64');
    expect(verifyEd25519Signature(publicKey, QUERY_ONLY, signature)).toBe(true);
    expect(verifyEd25519Signature(publicKey, `${QUERY_ONLY}0`, signature)).toBe(false);
    expect(verifyEd25519Signature(publicKey, QUERY_ONLY, 'not base64')).toBe(false);
    // As sent in a URL: percent-encoded, decoded by the parameter reader.
    const params = readRequestParams(`${QUERY_ONLY}&signature=${encodeURIComponent(signature)}`, '');
    expect(verifyEd25519Signature(publicKey, params.payload, params.signature!)).toBe(true);
  });
});

describe("Binance's timestamp rule", () => {
  const now = 1_700_000_000_000;
  it('accepts up to 999 ms ahead and exactly recvWindow behind', () => {
    expect(checkTimestamp(now + 999, 5000, now)).toBe('ok');
    expect(checkTimestamp(now - 5000, 5000, now)).toBe('ok');
    expect(checkTimestamp(now - 60_000, 60_000, now)).toBe('ok');
  });
  it('refuses 1000 ms or more ahead, and anything older than recvWindow', () => {
    expect(checkTimestamp(now + 1000, 5000, now)).toBe('ahead_of_server_time');
    expect(checkTimestamp(now + 1001, 5000, now)).toBe('ahead_of_server_time');
    expect(checkTimestamp(now - 5001, 5000, now)).toBe('outside_recv_window');
  });
});

describe('request parameters', () => {
  it('takes the query value for a parameter in both, and reads percent-encoding and "+"', () => {
    const params = readRequestParams('symbol=BTCUSDT&note=a%20b', 'symbol=ETHBTC&quantity=1&memo=x+y');
    expect(params.values.get('symbol')).toBe('BTCUSDT');
    expect(params.values.get('quantity')).toBe('1');
    expect(params.values.get('note')).toBe('a b');
    expect(params.values.get('memo')).toBe('x y');
    expect(params.payload).toBe('symbol=BTCUSDT&note=a%20bsymbol=ETHBTC&quantity=1&memo=x+y');
  });
  it('keeps every byte but the signature parameter and one "&" beside it in the payload', () => {
    expect(readRequestParams('a=1&&b=2&signature=ff', '').payload).toBe('a=1&&b=2');
    expect(readRequestParams('&a=1&signature=ff', '').payload).toBe('&a=1');
    expect(readRequestParams('a=1&&signature=ff', '').payload).toBe('a=1&');
    expect(readRequestParams('signature=ff&&a=1', '').payload).toBe('&a=1');
    expect(readRequestParams('a=1&signature=ff&b=2', 'c=3&').payload).toBe('a=1&b=2c=3&');
    expect(readRequestParams('signature=ff', '').payload).toBe('');
  });
  it('takes the first of repeated signatures in each part, the query string winning over the body', () => {
    expect(readRequestParams('a=1&signature=aa&signature=bb', '').signature).toBe('aa');
    expect(readRequestParams('', 'a=1&signature=aa&signature=bb').signature).toBe('aa');
    expect(readRequestParams('signature=cc&signature=dd', 'signature=aa').signature).toBe('cc');
    expect(readRequestParams('signature=%E0%A4%A', '').malformed).toBe('signature');
  });
  it('names a parameter with broken percent-encoding', () => {
    expect(readRequestParams('symbol=%E0%A4%A', '').malformed).toBe('symbol');
  });
});
