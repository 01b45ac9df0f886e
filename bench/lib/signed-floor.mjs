/**
 * The floor of the signed-API bench (bench/signed-api.mjs): what answering a signed
 * `GET /api/v3/account` costs in Node on this machine with no framework and no extras. A `node:http`
 * handler that does only what the answer cannot do without:
 *
 *   - the HMAC-SHA256 signature check over the query string (constant-time compare) and Binance's
 *     timestamp / recvWindow rule;
 *   - the one indexed read Gatehouse does per request (the key by the SHA-256 of the API key, its
 *     account's frozen state, the balances), the same SQL on the same SQLite file;
 *   - the same JSON answer and the API headers, with a used-weight header.
 *
 * It has no rate limiter, request id, metrics, maintenance check, logging, routing or schema; the
 * secret comes in the environment instead of being unsealed. So it is not a product: it bounds what
 * any design that keeps the per-request read (a freeze stops a key from the next request, on every
 * instance) can reach. Errors answer -1022 / -1021 / -2015 only so that a broken run is visible.
 *
 * Environment: BARE_PORT, BARE_HOST (from startBareFastify), FLOOR_DB (the SQLite file of the
 * Gatehouse under test), FLOOR_SECRET (the key's secret).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.env.FLOOR_DB, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// The statement Gatehouse prepares for this endpoint (src/signed-api/store.ts, keyWithBalances).
const read = db
  .prepare(
    'select "k"."id", "k"."account_id", "k"."last_used_at", "a"."frozen_type", "a"."kyc_country", "b"."asset", "b"."available_minor", "b"."locked_minor" ' +
      'from "api_keys" as "k" inner join "accounts" as "a" on "a"."id" = "k"."account_id" left join "balances" as "b" on "b"."account_id" = "k"."account_id" ' +
      'where "k"."key_hash" = ? and "k"."revoked_at" is null order by "b"."asset"',
  )
  .raw(true);
const secret = Buffer.from(process.env.FLOOR_SECRET ?? '', 'utf8');
const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};
const ZERO = '0.00000000';
const formatMinor = (minor) => {
  const text = String(minor).padStart(9, '0');
  return `${text.slice(0, -8)}.${text.slice(-8)}`;
};
let usedWeight = 0;

function answer(res, status, body) {
  const text = JSON.stringify(body);
  usedWeight += 20;
  res.writeHead(status, {
    ...HEADERS,
    'x-mbx-used-weight': String(usedWeight),
    'x-mbx-used-weight-1m': String(usedWeight),
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

const server = createServer((req, res) => {
  const url = req.url ?? '';
  if (url === '/health/ready') return answer(res, 200, { status: 'ok' });
  const query = url.slice(url.indexOf('?') + 1);
  const at = query.lastIndexOf('&signature=');
  const payload = at < 0 ? query : query.slice(0, at);
  const signature = Buffer.from(at < 0 ? '' : query.slice(at + 11), 'hex');
  const expected = createHmac('sha256', secret).update(payload).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected))
    return answer(res, 400, { code: -1022, msg: 'Signature for this request is not valid.' });
  const params = new URLSearchParams(payload);
  const timestamp = Number(params.get('timestamp'));
  const now = Date.now();
  if (!(timestamp < now + 1000 && now - timestamp <= Number(params.get('recvWindow') ?? 5000)))
    return answer(res, 400, { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' });
  const rows = read.all(
    createHash('sha256')
      .update(String(req.headers['x-mbx-apikey'] ?? ''))
      .digest('hex'),
  );
  if (rows.length === 0 || rows[0][3] !== null) return answer(res, 401, { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' });
  const balances = [];
  for (const row of rows) if (row[5] !== null) balances.push({ asset: row[5], free: formatMinor(row[6]), locked: formatMinor(row[7]) });
  answer(res, 200, {
    makerCommission: 0,
    takerCommission: 0,
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: ZERO, taker: ZERO, buyer: ZERO, seller: ZERO },
    canTrade: true,
    canWithdraw: false,
    canDeposit: false,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: 0,
    accountType: 'SPOT',
    balances,
    permissions: ['SPOT'],
  });
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.BARE_PORT), process.env.BARE_HOST);
