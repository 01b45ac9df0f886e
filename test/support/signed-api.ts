/** Test steps for the signed API: an account with TOTP and an API key, and signed /api/v3 requests. */
import { createHmac, sign, type KeyObject } from 'node:crypto';
import { generateTotp } from '../../src/twofactor/totp.js';
import { parseAmount } from '../../src/wallet/amounts.js';
import { creditBalance } from '../../src/wallet/store.js';
import { enableTotp } from './two-factor.js';
import { GOOD_PASSWORD, bearer, json, registerVerified, type Harness } from './harness.js';

export interface KeyHolder {
  email: string;
  accountId: string;
  token: string;
  totpSecret: Buffer;
  apiKey: string;
  keyId: string;
  /** HMAC keys: the secret; Ed25519 keys: the private key. */
  secretKey?: string;
  privateKey?: KeyObject;
}

export interface KeyOptions {
  type?: 'HMAC_SHA256' | 'ED25519';
  permissions?: Array<'READ' | 'TRADE'>;
  ipWhitelist?: string[];
  publicKeyPem?: string;
  privateKey?: KeyObject;
  label?: string;
}

/** Creates a key over HTTP with the password and a fresh TOTP code (the clock moves a step first). */
export async function createKey(h: Harness, holder: Pick<KeyHolder, 'token' | 'totpSecret'>, options: KeyOptions = {}, ip = '127.0.0.1') {
  h.clock.advanceSeconds(30);
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/account/api-keys',
    remoteAddress: ip,
    headers: bearer(holder.token),
    payload: {
      label: options.label ?? 'bot',
      type: options.type ?? 'HMAC_SHA256',
      permissions: options.permissions ?? ['READ', 'TRADE'],
      ...(options.ipWhitelist ? { ipWhitelist: options.ipWhitelist } : {}),
      ...(options.publicKeyPem ? { publicKey: options.publicKeyPem } : {}),
      password: GOOD_PASSWORD,
      twoFactorCode: generateTotp(holder.totpSecret, h.clock.nowMs()),
    },
  });
}

/** Registers, verifies, turns TOTP on and creates an API key; optionally credits balances. */
export async function keyHolder(h: Harness, email: string, options: KeyOptions = {}, balances: Record<string, string> = {}): Promise<KeyHolder> {
  await registerVerified(h, email);
  const { secret, token } = await enableTotp(h, email);
  const account = await h.deps.db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  for (const [asset, amount] of Object.entries(balances)) await creditBalance(h.deps.db, account.id, asset, parseAmount(amount)!);
  const created = await createKey(h, { token, totpSecret: secret }, options);
  if (created.statusCode !== 201) throw new Error(`key creation failed: ${created.body}`);
  const body = json(created);
  return {
    email,
    accountId: account.id,
    token,
    totpSecret: secret,
    apiKey: body.apiKey,
    keyId: body.id,
    ...(body.secretKey ? { secretKey: body.secretKey } : {}),
    ...(options.privateKey ? { privateKey: options.privateKey } : {}),
  };
}

export function signPayload(holder: Pick<KeyHolder, 'secretKey' | 'privateKey'>, payload: string): string {
  if (holder.privateKey) return sign(null, Buffer.from(payload), holder.privateKey).toString('base64');
  return createHmac('sha256', holder.secretKey!).update(payload).digest('hex');
}

export interface SignedOptions {
  /** Send the parameters in a form body instead of the query string. */
  inBody?: boolean;
  ip?: string;
  /** Defaults to the harness clock's now. */
  timestamp?: number;
  recvWindow?: number;
  /** Changes the body after signing. */
  tamper?: (body: string) => string;
  apiKey?: string;
}

/** A signed /api/v3 request, built the way Binance clients build it. */
export function signed(
  h: Harness,
  holder: KeyHolder,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  params: Record<string, string> = {},
  o: SignedOptions = {},
) {
  const all: Record<string, string> = {
    ...params,
    ...(o.recvWindow !== undefined ? { recvWindow: String(o.recvWindow) } : {}),
    timestamp: String(o.timestamp ?? h.clock.nowMs()),
  };
  const payload = new URLSearchParams(all).toString();
  const signature = encodeURIComponent(signPayload(holder, payload));
  const headers = { 'x-mbx-apikey': o.apiKey ?? holder.apiKey };
  if (o.inBody) {
    const body = `${payload}&signature=${signature}`;
    return h.app.inject({
      method,
      url: path,
      remoteAddress: o.ip ?? '127.0.0.1',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: o.tamper ? o.tamper(body) : body,
    });
  }
  return h.app.inject({ method, url: `${path}?${payload}&signature=${signature}`, remoteAddress: o.ip ?? '127.0.0.1', headers });
}

export const limitOrder = (extra: Record<string, string> = {}) => ({
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.01',
  price: '50000',
  ...extra,
});
