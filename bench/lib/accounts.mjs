/**
 * Accounts for benchmarks, made the way a user makes them: register over HTTP, read the code from
 * the dev outbox (GATEHOUSE_DEV=1), verify. Optionally a first login per account so that its
 * device is known before the measured run.
 */
import { randomBytes } from 'node:crypto';

/** JSON over fetch with a timeout; returns { status, body, headers }. */
export async function http(baseUrl, method, path, body, { headers = {}, timeoutMs = 15_000 } = {}) {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON; keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

function expectStatus(what, res, ...statuses) {
  if (!statuses.includes(res.status)) {
    throw new Error(`${what}: expected HTTP ${statuses.join('/')}, got ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  }
  return res;
}

/** Newest-first mails for an address from the dev outbox. */
export async function outbox(baseUrl, to) {
  const res = expectStatus('dev outbox', await http(baseUrl, 'GET', `/api/v1/dev/outbox?to=${encodeURIComponent(to)}`), 200);
  if (!Array.isArray(res.body)) throw new Error(`dev outbox: expected an array, got ${JSON.stringify(res.body).slice(0, 200)}`);
  return res.body;
}

/** The 6-digit code of the newest mail to `to` that has one (polls briefly). */
export async function latestCode(baseUrl, to, { timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const mail of await outbox(baseUrl, to)) {
      const match = /\b(\d{6})\b/.exec(`${mail.subject ?? ''}\n${mail.text ?? ''}`);
      if (match) return match[1];
    }
    if (Date.now() > deadline) throw new Error(`no 6-digit code in the dev outbox for ${to}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs `task(i)` for i in [0, n) with at most `limit` in flight; results in order. */
export async function mapLimit(n, limit, task) {
  const results = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return results;
}

export function benchPassword() {
  return `bench-pass-${randomBytes(6).toString('hex')}-x9`;
}

/** Registers and verifies one account; returns { email, password, deviceId }. */
export async function createVerifiedAccount(baseUrl, { email, password = benchPassword(), deviceId } = {}) {
  const tag = randomBytes(5).toString('hex');
  email ??= `bench-${tag}@example.com`;
  deviceId ??= `bench-device-${tag}`;
  expectStatus(`register ${email}`, await http(baseUrl, 'POST', '/api/v1/auth/register', { email, password }), 202);
  const code = await latestCode(baseUrl, email);
  expectStatus(`verify ${email}`, await http(baseUrl, 'POST', '/api/v1/auth/register/verify', { email, code }), 200);
  return { email, password, deviceId };
}

/**
 * Logs in once with the account's deviceId and expects `{status:"ok"}`; the device becomes known.
 * If risk asks for an emailed device approval, follows the mailed link once (dev outbox).
 */
export async function firstLogin(baseUrl, account) {
  const body = { email: account.email, password: account.password, deviceId: account.deviceId };
  let res = expectStatus(`login ${account.email}`, await http(baseUrl, 'POST', '/api/v1/auth/login', body), 200);
  if (res.body?.status === 'device_confirmation_required') {
    const mails = await outbox(baseUrl, account.email);
    const token = mails.map((m) => /[?&]token=([A-Za-z0-9_.~-]+)/.exec(m.text ?? '')?.[1]).find(Boolean);
    if (!token) throw new Error(`login ${account.email}: device confirmation asked but no token link in the outbox`);
    expectStatus('confirm device', await http(baseUrl, 'POST', '/api/v1/auth/login/confirm-device', { token }), 200);
    res = expectStatus(`login ${account.email}`, await http(baseUrl, 'POST', '/api/v1/auth/login', body), 200);
  }
  if (res.body?.status !== 'ok') {
    throw new Error(`login ${account.email}: expected status "ok", got ${JSON.stringify(res.body).slice(0, 300)}`);
  }
  return res.body;
}

/** `count` verified accounts (registration hashes passwords, so a small concurrency is enough). */
export async function createVerifiedAccounts(baseUrl, count, { concurrency = 4, login = true } = {}) {
  return mapLimit(count, concurrency, async () => {
    const account = await createVerifiedAccount(baseUrl);
    if (login) await firstLogin(baseUrl, account);
    return account;
  });
}
